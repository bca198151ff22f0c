import { beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain, type AuditRecord } from "../../src/domain/audit.ts";
import type { Deadline } from "../../src/domain/deadline.ts";
import type { Absence, NewReminder, Reminder } from "../../src/domain/reminder.ts";
import type { Storage } from "../../src/ports/storage.ts";

const T0 = new Date("2026-11-23T15:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const LEASE_MS = 5 * 60_000;

const deadline = (id: string, overrides: Partial<Deadline> = {}): Deadline => ({
  id,
  rule: "note.complete",
  subjectType: "note",
  subjectId: `s-${id}`,
  noteId: "n1",
  profileId: "kent",
  fromAt: T0,
  dueAt: at(48 * 60),
  explain: "48 hours after Mon 23 Nov 2026 15:00: Wed 25 Nov 2026 15:00",
  source: "Practice standards 4.2",
  status: "open",
  metAt: null,
  createdAt: T0,
  updatedAt: T0,
  ...overrides,
});

const reminder = (id: string, overrides: Partial<NewReminder> = {}): NewReminder => ({
  id,
  key: `key-${id}`,
  kind: "before",
  deadlineId: "d1",
  aboutId: "p-sam",
  recipientId: "p-sam",
  dueAt: T0,
  createdAt: T0,
  ...overrides,
});

const audit = (entityId: string): AuditRecord => ({ at: T0, actorId: "p-mo", action: "note.change", entityType: "note", entityId, detail: {} });

/** One suite for every ScheduleRepository implementation: no implementation-specific branches. */
export function scheduleContract(name: string, open: () => Promise<Storage>) {
  describe(`schedule contract: ${name}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await open();
      return () => storage.close();
    });

    const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id);
    const find = async (id: string) => (await storage.schedule.findReminder(id))!;
    /** Schedules one reminder on an open deadline `d1` and claims it under `token` at its due time. */
    const claimed = async (token = "A", overrides: Partial<NewReminder> = {}) => {
      await storage.schedule.saveDeadline(deadline("d1"));
      await storage.schedule.schedule([reminder("r1", overrides)]);
      const [row] = await storage.schedule.claimDue(overrides.dueAt ?? T0, 10, LEASE_MS, token);
      expect(row?.id).toBe("r1");
      return row!;
    };

    describe("deadlines", () => {
      it("stores a deadline as given and finds it by id; an unknown id is null", async () => {
        await storage.schedule.saveDeadline(deadline("d1"));
        expect(await storage.schedule.findDeadline("d1")).toEqual(deadline("d1"));
        expect(await storage.schedule.findDeadline("d2")).toBeNull();
      });

      it("replaces a deadline saved again by id and keeps when it was first created", async () => {
        await storage.schedule.saveDeadline(deadline("d1"));
        const replacement = deadline("d1", {
          dueAt: at(72 * 60),
          explain: "3 working days after Mon 23 Nov 2026",
          profileId: "kent-2027",
          status: "cancelled",
          createdAt: at(30),
          updatedAt: at(30),
        });
        await storage.schedule.saveDeadline(replacement);
        expect(await storage.schedule.findDeadline("d1")).toEqual({ ...replacement, createdAt: T0 });
        expect(await storage.schedule.deadlinesForNote("n1")).toHaveLength(1);
      });

      it("lists a note's deadlines in due order, and no other note's", async () => {
        await storage.schedule.saveDeadline(deadline("a", { dueAt: at(300) }));
        await storage.schedule.saveDeadline(deadline("b", { dueAt: at(100), subjectType: "action", rule: "action.due", status: "met", metAt: at(50) }));
        await storage.schedule.saveDeadline(deadline("c", { dueAt: at(200) }));
        await storage.schedule.saveDeadline(deadline("other", { noteId: "n2", dueAt: at(150) }));
        await storage.schedule.saveDeadline(deadline("group", { noteId: null, subjectType: "group-session", rule: "group.note-recorded", dueAt: at(10) }));
        expect(ids(await storage.schedule.deadlinesForNote("n1"))).toEqual(["b", "c", "a"]);
        expect(ids(await storage.schedule.deadlinesForNote("n2"))).toEqual(["other"]);
        expect(await storage.schedule.deadlinesForNote("n3")).toEqual([]);
      });

      it("lists open deadlines in due order; with dueBefore, only those due by then (inclusive)", async () => {
        await storage.schedule.saveDeadline(deadline("late", { dueAt: at(120) }));
        await storage.schedule.saveDeadline(deadline("soon", { dueAt: at(30), noteId: "n2" }));
        await storage.schedule.saveDeadline(deadline("middle", { dueAt: at(60), noteId: null }));
        await storage.schedule.saveDeadline(deadline("met", { dueAt: at(10), status: "met", metAt: at(5) }));
        await storage.schedule.saveDeadline(deadline("cancelled", { dueAt: at(20), status: "cancelled" }));
        expect(ids(await storage.schedule.openDeadlines())).toEqual(["soon", "middle", "late"]);
        expect(ids(await storage.schedule.openDeadlines(at(60)))).toEqual(["soon", "middle"]);
        expect(ids(await storage.schedule.openDeadlines(at(29)))).toEqual([]);
      });

      it("meets an open deadline once; a met, cancelled or unknown one is not met again", async () => {
        await storage.schedule.saveDeadline(deadline("d1"));
        await storage.schedule.saveDeadline(deadline("gone", { status: "cancelled" }));
        expect(await storage.schedule.meetDeadline("d1", at(90))).toBe(true);
        expect(await storage.schedule.findDeadline("d1")).toEqual(deadline("d1", { status: "met", metAt: at(90), updatedAt: at(90) }));
        expect(await storage.schedule.meetDeadline("d1", at(95))).toBe(false);
        expect((await storage.schedule.findDeadline("d1"))?.metAt).toEqual(at(90));
        expect(await storage.schedule.meetDeadline("gone", at(95))).toBe(false);
        expect((await storage.schedule.findDeadline("gone"))?.status).toBe("cancelled");
        expect(await storage.schedule.meetDeadline("missing", at(95))).toBe(false);
        expect(ids(await storage.schedule.openDeadlines())).toEqual([]);
      });

      it("meeting a deadline cancels its pending reminders (claimed ones too), not sent ones nor another deadline's", async () => {
        await storage.schedule.saveDeadline(deadline("d1"));
        await storage.schedule.saveDeadline(deadline("d2"));
        await storage.schedule.schedule([reminder("sent", { dueAt: at(-60) })]);
        const [sent] = await storage.schedule.claimDue(at(-60), 10, LEASE_MS, "A");
        expect(await storage.schedule.settle(sent!.id, "A", { status: "sent", at: at(-59), recipientId: "p-sam" })).toBe(true);
        await storage.schedule.schedule([
          reminder("leased", { dueAt: at(-10) }),
          reminder("waiting", { dueAt: at(60) }),
          reminder("other", { deadlineId: "d2", dueAt: at(60) }),
        ]);
        expect(ids(await storage.schedule.claimDue(at(0), 10, LEASE_MS, "B"))).toEqual(["leased"]);

        expect(await storage.schedule.meetDeadline("d1", at(1))).toBe(true);
        expect((await find("waiting")).status).toBe("cancelled");
        expect(await find("leased")).toMatchObject({ status: "cancelled", claimToken: null });
        expect(await find("sent")).toMatchObject({ status: "sent", sentAt: at(-59) });
        expect(await find("other")).toMatchObject({ status: "pending", lastError: null });
        // The sweep that held the lease finds its claim gone.
        expect(await storage.schedule.settle("leased", "B", { status: "sent", at: at(2), recipientId: "p-sam" })).toBe(false);
        expect((await find("leased")).status).toBe("cancelled");
        expect(ids(await storage.schedule.claimDue(at(24 * 60), 10, LEASE_MS, "C"))).toEqual(["other"]);
      });

      it("stores a deadline change's audit records with it, and none when meeting it changes nothing", async () => {
        await storage.schedule.saveDeadline(deadline("d1"), [audit("save-1")]);
        await storage.schedule.saveDeadline(deadline("d1", { dueAt: at(10) }), [audit("save-2")]);
        await storage.schedule.meetDeadline("d1", at(5), [audit("met")]);
        await storage.schedule.meetDeadline("d1", at(6), [audit("met-again")]);
        await storage.schedule.meetDeadline("missing", at(6), [audit("met-missing")]);
        const entries = await storage.audit.list();
        expect(entries.map((e) => e.entityId)).toEqual(["save-1", "save-2", "met"]);
        expect(verifyAuditChain(entries).ok).toBe(true);
      });
    });

    describe("scheduling reminders", () => {
      beforeEach(async () => {
        await storage.schedule.saveDeadline(deadline("d1"));
        await storage.schedule.saveDeadline(deadline("d2"));
      });

      it("keeps a notice's message, and hands it back when the notice is claimed", async () => {
        const message = JSON.stringify({ text: "Decision recorded on 4471-JB.", blocks: [{ type: "text", text: "Decision recorded on 4471-JB." }] });
        await storage.schedule.schedule([reminder("n1", { kind: "notice", deadlineId: null, dueAt: at(0), message })]);
        expect((await storage.schedule.findReminder("n1"))!.message).toBe(message);
        const [claimed] = await storage.schedule.claimDue(at(1), 10, LEASE_MS, "t1");
        expect(claimed).toMatchObject({ id: "n1", kind: "notice", deadlineId: null, message });
      });

      it("inserts a reminder pending, available at its due time, with no attempts, and finds it by id", async () => {
        const inserted = await storage.schedule.schedule([reminder("r1", { dueAt: at(45) })]);
        const expected: Reminder = {
          ...reminder("r1", { dueAt: at(45) }),
          availableAt: at(45),
          status: "pending",
          attempts: 0,
          claimToken: null,
          lastError: null,
          sentAt: null,
          message: null,
        };
        expect(inserted).toEqual([expected]);
        expect(await storage.schedule.findReminder("r1")).toEqual(expected);
        expect(await storage.schedule.findReminder("r2")).toBeNull();
        expect(await storage.schedule.schedule([])).toEqual([]);
      });

      it("keeps the first row for a key scheduled twice and returns only the reminders it inserted", async () => {
        await storage.schedule.schedule([reminder("first", { key: "k", dueAt: at(10) })]);
        const inserted = await storage.schedule.schedule([
          reminder("second", { key: "k", dueAt: at(20), recipientId: "p-mo" }),
          reminder("new", { dueAt: at(30) }),
          reminder("new-twin", { key: "key-new", dueAt: at(40) }),
        ]);
        expect(ids(inserted)).toEqual(["new"]);
        expect(await storage.schedule.findReminder("second")).toBeNull();
        expect(await storage.schedule.findReminder("new-twin")).toBeNull();
        expect(await find("first")).toMatchObject({ key: "k", dueAt: at(10), availableAt: at(10), recipientId: "p-sam" });
        expect(ids(await storage.schedule.reminders({}))).toEqual(["first", "new"]);
      });

      it("leaves an existing key's row as it is, even after it was sent", async () => {
        await storage.schedule.schedule([reminder("r1", { key: "k" })]);
        await storage.schedule.claimDue(T0, 10, LEASE_MS, "A");
        await storage.schedule.settle("r1", "A", { status: "sent", at: at(1), recipientId: "p-sam" });
        expect(await storage.schedule.schedule([reminder("r2", { key: "k" })])).toEqual([]);
        expect(await storage.schedule.reminders({})).toEqual([await find("r1")]);
        expect((await find("r1")).status).toBe("sent");
      });

      it("cancels a deadline's pending reminders except the kept keys, and counts them", async () => {
        await storage.schedule.schedule([reminder("sent", { dueAt: at(-5) })]);
        await storage.schedule.claimDue(at(-5), 10, LEASE_MS, "A");
        await storage.schedule.settle("sent", "A", { status: "sent", at: at(-4), recipientId: "p-sam" });
        await storage.schedule.schedule([
          reminder("drop", { dueAt: at(10) }),
          reminder("keep", { dueAt: at(20) }),
          reminder("other", { deadlineId: "d2", dueAt: at(10) }),
        ]);
        expect(await storage.schedule.cancelPending("d1", "deadline-moved", ["key-keep", "key-unknown"])).toBe(1);
        expect(await find("drop")).toMatchObject({ status: "cancelled", lastError: "deadline-moved" });
        expect(await find("keep")).toMatchObject({ status: "pending", lastError: null });
        expect(await find("sent")).toMatchObject({ status: "sent", lastError: null });
        expect((await find("other")).status).toBe("pending");

        expect(await storage.schedule.cancelPending("d1", "note-deleted")).toBe(1);
        expect(await find("keep")).toMatchObject({ status: "cancelled", lastError: "note-deleted" });
        expect(await find("drop")).toMatchObject({ status: "cancelled", lastError: "deadline-moved" });
        expect(await storage.schedule.cancelPending("d1", "again")).toBe(0);
        expect((await find("other")).status).toBe("pending");
        expect(ids(await storage.schedule.claimDue(at(60), 10, LEASE_MS, "B"))).toEqual(["other"]);
      });

      it("lists reminders matching every given filter, in due order", async () => {
        await storage.schedule.schedule([reminder("sam-sent", { dueAt: at(-30) })]);
        await storage.schedule.claimDue(at(-30), 10, LEASE_MS, "A");
        await storage.schedule.settle("sam-sent", "A", { status: "sent", at: at(-29), recipientId: "p-sam" });
        await storage.schedule.schedule([
          reminder("mo-escalation", { kind: "escalation", recipientId: "p-mo", dueAt: at(50) }),
          reminder("sam-late", { kind: "overdue", dueAt: at(40) }),
          reminder("sam-d2", { deadlineId: "d2", dueAt: at(20) }),
          reminder("mo-digest", { kind: "digest", deadlineId: null, recipientId: "p-mo", aboutId: "p-mo", dueAt: at(10) }),
        ]);
        const list = async (filter: Parameters<Storage["schedule"]["reminders"]>[0]) => ids(await storage.schedule.reminders(filter));
        expect(await list({})).toEqual(["sam-sent", "mo-digest", "sam-d2", "sam-late", "mo-escalation"]);
        expect(await list({ recipientId: "p-sam" })).toEqual(["sam-sent", "sam-d2", "sam-late"]);
        expect(await list({ deadlineId: "d1" })).toEqual(["sam-sent", "sam-late", "mo-escalation"]);
        expect(await list({ status: "sent" })).toEqual(["sam-sent"]);
        expect(await list({ status: "pending", recipientId: "p-sam" })).toEqual(["sam-d2", "sam-late"]);
        expect(await list({ kind: "before", recipientId: "p-sam", deadlineId: "d1" })).toEqual(["sam-sent"]);
        expect(await list({ recipientId: "p-mo", status: "sent", kind: "escalation" })).toEqual([]);
        expect(await list({ recipientId: "p-mo", kind: "digest" })).toEqual(["mo-digest"]);
      });
    });

    describe("claiming due reminders", () => {
      beforeEach(async () => {
        await storage.schedule.saveDeadline(deadline("d1"));
        await storage.schedule.saveDeadline(deadline("d2"));
      });

      it("claims only pending reminders available by now, oldest first, at most limit, each once per lease", async () => {
        await storage.schedule.schedule([reminder("sent", { dueAt: at(-60) })]);
        await storage.schedule.claimDue(at(-60), 10, LEASE_MS, "setup");
        await storage.schedule.settle("sent", "setup", { status: "sent", at: at(-60), recipientId: "p-sam" });
        await storage.schedule.schedule([
          reminder("cancelled", { deadlineId: "d2", dueAt: at(-50) }),
          reminder("c-now", { dueAt: at(10) }),
          reminder("oldest", { dueAt: at(-30) }),
          reminder("future", { dueAt: at(11) }),
          reminder("next", { dueAt: at(5) }),
        ]);
        await storage.schedule.cancelPending("d2", "not-needed");

        const first = await storage.schedule.claimDue(at(10), 2, LEASE_MS, "A");
        expect(ids(first)).toEqual(["oldest", "next"]);
        for (const row of first) expect(row).toMatchObject({ status: "pending", claimToken: "A", availableAt: new Date(at(10).getTime() + LEASE_MS), attempts: 0 });
        expect(await find("oldest")).toEqual(first[0]);

        expect(ids(await storage.schedule.claimDue(at(10), 10, LEASE_MS, "B"))).toEqual(["c-now"]);
        expect(await storage.schedule.claimDue(at(10), 10, LEASE_MS, "C")).toEqual([]);
        expect(await storage.schedule.claimDue(at(10), 0, LEASE_MS, "C")).toEqual([]);

        // Long after every lease: the unsettled rows come back, sent and cancelled ones never do.
        const later = await storage.schedule.claimDue(at(24 * 60), 10, LEASE_MS, "D");
        expect(ids(later).sort()).toEqual(["c-now", "future", "next", "oldest"]);
        expect((await find("sent")).status).toBe("sent");
        expect(await find("cancelled")).toMatchObject({ status: "cancelled", claimToken: null });
      });

      it("claims a batch larger than a statement's bound values (1,200 at once)", async () => {
        await storage.schedule.schedule(Array.from({ length: 1200 }, (_, i) => reminder(`bulk-${String(i).padStart(4, "0")}`, { dueAt: at(-1200 + i) })));
        const claimed = await storage.schedule.claimDue(at(0), 1200, LEASE_MS, "bulk");
        expect(claimed).toHaveLength(1200);
        expect(claimed[0]!.id).toBe("bulk-0000");
        expect(claimed.at(-1)!.id).toBe("bulk-1199");
      });

      it("hands a claimed reminder to another token only once its lease has ended", async () => {
        await claimed("A");
        expect(await storage.schedule.claimDue(new Date(T0.getTime() + LEASE_MS - 1), 10, LEASE_MS, "B")).toEqual([]);
        expect((await find("r1")).claimToken).toBe("A");
        const end = new Date(T0.getTime() + LEASE_MS);
        const [again] = await storage.schedule.claimDue(end, 10, LEASE_MS, "B");
        expect(again).toMatchObject({ id: "r1", claimToken: "B", availableAt: new Date(end.getTime() + LEASE_MS), status: "pending" });
        expect(await find("r1")).toEqual(again);
      });
    });

    describe("releasing claims and the backlog", () => {
      beforeEach(async () => {
        await storage.schedule.saveDeadline(deadline("d1"));
      });

      it("releases only the given token's unsettled claims, available again at once to another sweep", async () => {
        await storage.schedule.schedule([reminder("a1", { dueAt: at(-3) }), reminder("a2", { dueAt: at(-2) }), reminder("b1", { dueAt: at(-1) }), reminder("done", { dueAt: at(-4) })]);
        expect(ids(await storage.schedule.claimDue(at(0), 3, LEASE_MS, "A"))).toEqual(["done", "a1", "a2"]);
        expect(ids(await storage.schedule.claimDue(at(0), 10, LEASE_MS, "B"))).toEqual(["b1"]);
        expect(await storage.schedule.settle("done", "A", { status: "sent", at: at(0), recipientId: "p-sam" })).toBe(true);

        expect(await storage.schedule.releaseClaims("A", at(1))).toBe(2);
        expect(await find("a1")).toMatchObject({ status: "pending", claimToken: null, availableAt: at(1), attempts: 0 });
        expect(await find("b1")).toMatchObject({ claimToken: "B", availableAt: new Date(at(0).getTime() + LEASE_MS) });
        expect(await find("done")).toMatchObject({ status: "sent" });
        // Long before A's lease would have ended, another sweep takes them; A can no longer settle them.
        expect(ids(await storage.schedule.claimDue(at(1), 10, LEASE_MS, "C")).sort()).toEqual(["a1", "a2"]);
        expect(await storage.schedule.settle("a1", "A", { status: "sent", at: at(1), recipientId: "p-sam" })).toBe(false);
        expect(await storage.schedule.releaseClaims("A", at(2))).toBe(0);
        expect(await storage.schedule.releaseClaims("nobody", at(2))).toBe(0);
      });

      it("counts the pending reminders due and not under a live claim, and says since when the oldest has waited", async () => {
        expect(await storage.schedule.dueBacklog(at(0))).toEqual({ overdue: 0, oldestDueAt: null });
        await storage.schedule.schedule([
          reminder("old", { dueAt: at(-30) }),
          reminder("older", { dueAt: at(-45) }),
          reminder("now", { dueAt: at(0) }),
          reminder("future", { dueAt: at(5) }),
          reminder("sent", { dueAt: at(-60) }),
        ]);
        await storage.schedule.claimDue(at(-60), 1, LEASE_MS, "S");
        await storage.schedule.settle("sent", "S", { status: "sent", at: at(-60), recipientId: "p-sam" });
        expect(await storage.schedule.dueBacklog(at(0))).toEqual({ overdue: 3, oldestDueAt: at(-45) });
        // Claimed: being sent, not waiting. Released or lapsed: waiting again.
        await storage.schedule.claimDue(at(0), 1, LEASE_MS, "A");
        expect(await storage.schedule.dueBacklog(at(0))).toEqual({ overdue: 2, oldestDueAt: at(-30) });
        await storage.schedule.releaseClaims("A", at(1));
        expect(await storage.schedule.dueBacklog(at(1))).toEqual({ overdue: 3, oldestDueAt: at(-30) });
        expect(await storage.schedule.dueBacklog(at(10))).toEqual({ overdue: 4, oldestDueAt: at(-30) });
      });
    });

    describe("settling claimed reminders", () => {
      it("settles as sent: records when and to whom, counts an attempt, and never hands it out again", async () => {
        await claimed("A");
        expect(await storage.schedule.settle("r1", "A", { status: "sent", at: at(1), recipientId: "p-priya" })).toBe(true);
        expect(await find("r1")).toMatchObject({ status: "sent", sentAt: at(1), recipientId: "p-priya", claimToken: null, lastError: null, attempts: 1 });
        const settled = await find("r1");
        expect(await storage.schedule.settle("r1", "A", { status: "failed", reason: "again" })).toBe(false);
        expect(await find("r1")).toEqual(settled);
        expect(await storage.schedule.claimDue(at(24 * 60), 10, LEASE_MS, "B")).toEqual([]);
      });

      it("settles as failed with the reason and one attempt, and as cancelled with no attempt", async () => {
        await storage.schedule.saveDeadline(deadline("d1"));
        await storage.schedule.schedule([reminder("fail", { dueAt: at(-2) }), reminder("cancel", { dueAt: at(-1) })]);
        expect(ids(await storage.schedule.claimDue(T0, 10, LEASE_MS, "A"))).toEqual(["fail", "cancel"]);
        expect(await storage.schedule.settle("fail", "A", { status: "failed", reason: "SLACK.USER_NOT_FOUND" })).toBe(true);
        expect(await storage.schedule.settle("cancel", "A", { status: "cancelled", reason: "recipient-left" })).toBe(true);
        expect(await find("fail")).toMatchObject({ status: "failed", lastError: "SLACK.USER_NOT_FOUND", claimToken: null, attempts: 1, sentAt: null });
        expect(await find("cancel")).toMatchObject({ status: "cancelled", lastError: "recipient-left", claimToken: null, attempts: 0, sentAt: null });
        expect(await storage.schedule.claimDue(at(24 * 60), 10, LEASE_MS, "B")).toEqual([]);
      });

      it("puts a retry back to pending, claimable at its new time and not before, counting only real attempts", async () => {
        await claimed("A");
        const quietHoursEnd = at(17 * 60);
        expect(await storage.schedule.settle("r1", "A", { status: "retry", availableAt: quietHoursEnd, reason: "quiet-hours", countsAsAttempt: false })).toBe(true);
        expect(await find("r1")).toMatchObject({ status: "pending", availableAt: quietHoursEnd, claimToken: null, lastError: "quiet-hours", attempts: 0, dueAt: T0 });
        expect(await storage.schedule.settle("r1", "A", { status: "sent", at: at(2), recipientId: "p-sam" })).toBe(false);

        expect(await storage.schedule.claimDue(new Date(quietHoursEnd.getTime() - 1), 10, LEASE_MS, "B")).toEqual([]);
        expect(ids(await storage.schedule.claimDue(quietHoursEnd, 10, LEASE_MS, "B"))).toEqual(["r1"]);
        const retryAt = at(18 * 60);
        expect(await storage.schedule.settle("r1", "B", { status: "retry", availableAt: retryAt, reason: "SLACK.RATE_LIMITED", countsAsAttempt: true })).toBe(true);
        expect(await find("r1")).toMatchObject({ status: "pending", availableAt: retryAt, lastError: "SLACK.RATE_LIMITED", attempts: 1 });

        expect(ids(await storage.schedule.claimDue(retryAt, 10, LEASE_MS, "C"))).toEqual(["r1"]);
        expect(await storage.schedule.settle("r1", "C", { status: "failed", reason: "SLACK.RATE_LIMITED" })).toBe(true);
        expect(await find("r1")).toMatchObject({ status: "failed", attempts: 2 });
      });

      it("clears the last error when a retried reminder is finally sent", async () => {
        await claimed("A");
        await storage.schedule.settle("r1", "A", { status: "retry", availableAt: at(1), reason: "SLACK.TIMEOUT", countsAsAttempt: true });
        await storage.schedule.claimDue(at(1), 10, LEASE_MS, "B");
        expect(await storage.schedule.settle("r1", "B", { status: "sent", at: at(2), recipientId: "p-sam" })).toBe(true);
        expect(await find("r1")).toMatchObject({ status: "sent", lastError: null, attempts: 2 });
      });

      it("refuses a stale token once another sweep has re-claimed the reminder, and changes nothing", async () => {
        await claimed("A");
        const end = new Date(T0.getTime() + LEASE_MS);
        await storage.schedule.claimDue(end, 10, LEASE_MS, "B");
        const before = await find("r1");
        expect(await storage.schedule.settle("r1", "A", { status: "sent", at: end, recipientId: "p-sam" })).toBe(false);
        expect(await storage.schedule.settle("r1", "A", { status: "failed", reason: "x" })).toBe(false);
        expect(await storage.schedule.settle("r1", "A", { status: "retry", availableAt: at(1), reason: "x", countsAsAttempt: true })).toBe(false);
        expect(await find("r1")).toEqual(before);
        expect(await storage.schedule.settle("r1", "B", { status: "sent", at: end, recipientId: "p-sam" })).toBe(true);
        expect((await find("r1")).attempts).toBe(1);
      });

      it("refuses to settle a reminder never claimed, or one that does not exist", async () => {
        await storage.schedule.saveDeadline(deadline("d1"));
        await storage.schedule.schedule([reminder("r1")]);
        const before = await find("r1");
        expect(await storage.schedule.settle("r1", "A", { status: "sent", at: at(1), recipientId: "p-sam" })).toBe(false);
        expect(await storage.schedule.settle("missing", "A", { status: "sent", at: at(1), recipientId: "p-sam" })).toBe(false);
        expect(await find("r1")).toEqual(before);
      });

      it("stores a settlement's audit records only when the settlement succeeds", async () => {
        await claimed("A");
        const end = new Date(T0.getTime() + LEASE_MS);
        await storage.schedule.claimDue(end, 10, LEASE_MS, "B");
        expect(await storage.schedule.settle("r1", "A", { status: "sent", at: end, recipientId: "p-sam" }, [audit("stale")])).toBe(false);
        expect(await storage.schedule.settle("r1", "B", { status: "sent", at: end, recipientId: "p-sam" }, [audit("sent"), audit("sent-2")])).toBe(true);
        expect(await storage.schedule.settle("r1", "B", { status: "sent", at: end, recipientId: "p-sam" }, [audit("again")])).toBe(false);
        const entries = await storage.audit.list();
        expect(entries.map((e) => e.entityId)).toEqual(["sent", "sent-2"]);
        expect(verifyAuditChain(entries).ok).toBe(true);
      });
    });

    describe("absences", () => {
      const absence = (id: string, fromDate: string, toDate: string, personId = "p-sam"): Absence => ({
        id,
        personId,
        fromDate,
        toDate,
        createdAt: T0,
        createdById: "p-mo",
      });

      it("lists a person's absences by start date, and removes one once", async () => {
        await storage.schedule.addAbsence(absence("xmas", "2026-12-21", "2027-01-01"));
        await storage.schedule.addAbsence({ ...absence("training", "2026-11-30", "2026-11-30"), createdById: null });
        await storage.schedule.addAbsence(absence("mo-leave", "2026-12-01", "2026-12-05", "p-mo"));
        expect(await storage.schedule.absences("p-sam")).toEqual([{ ...absence("training", "2026-11-30", "2026-11-30"), createdById: null }, absence("xmas", "2026-12-21", "2027-01-01")]);
        expect(ids(await storage.schedule.absences("p-mo"))).toEqual(["mo-leave"]);
        expect(await storage.schedule.absences("p-priya")).toEqual([]);

        expect(await storage.schedule.removeAbsence("training")).toBe(true);
        expect(await storage.schedule.removeAbsence("training")).toBe(false);
        expect(await storage.schedule.removeAbsence("missing")).toBe(false);
        expect(ids(await storage.schedule.absences("p-sam"))).toEqual(["xmas"]);
      });

      it("finds the absences overlapping a date range, both ends inclusive", async () => {
        await storage.schedule.addAbsence(absence("xmas", "2026-12-21", "2027-01-01"));
        await storage.schedule.addAbsence(absence("day", "2027-01-05", "2027-01-05"));
        await storage.schedule.addAbsence(absence("mo", "2026-12-01", "2027-02-01", "p-mo"));
        const overlapping = async (fromDate: string, toDate: string) => ids(await storage.schedule.absences("p-sam", { fromDate, toDate }));
        expect(await overlapping("2026-12-14", "2026-12-21")).toEqual(["xmas"]);
        expect(await overlapping("2027-01-01", "2027-01-04")).toEqual(["xmas"]);
        expect(await overlapping("2026-12-24", "2026-12-24")).toEqual(["xmas"]);
        expect(await overlapping("2026-12-01", "2027-01-31")).toEqual(["xmas", "day"]);
        expect(await overlapping("2027-01-05", "2027-01-05")).toEqual(["day"]);
        expect(await overlapping("2026-12-14", "2026-12-20")).toEqual([]);
        expect(await overlapping("2027-01-02", "2027-01-04")).toEqual([]);
        expect(await overlapping("2027-01-06", "2027-12-31")).toEqual([]);
      });

      it("stores an absence change's audit records with it, and none when removing nothing", async () => {
        await storage.schedule.addAbsence(absence("a1", "2026-12-21", "2026-12-22"), [audit("added")]);
        await storage.schedule.removeAbsence("a1", [audit("removed")]);
        await storage.schedule.removeAbsence("a1", [audit("removed-again")]);
        const entries = await storage.audit.list();
        expect(entries.map((e) => e.entityId)).toEqual(["added", "removed"]);
        expect(verifyAuditChain(entries).ok).toBe(true);
      });
    });
  });
}
