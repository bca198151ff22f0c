import { describe, expect, it } from "vitest";
import { handleCommand } from "../../src/bot/commands.ts";
import type { NoteFields } from "../../src/domain/note.ts";
import { sweepReminders } from "../../src/scheduler/send-reminders.ts";
import { syncNoteDeadlines } from "../../src/services/sync-note-deadlines.ts";
import { completeAction } from "../../src/services/complete-action.ts";
import { markOnCaseRecord } from "../../src/services/mark-on-case-record.ts";
import { recordAbsence } from "../../src/services/record-absence.ts";
import { loadProfile } from "../../src/policy/load-profile.ts";
import { replanOpenDeadlines } from "../../src/scheduler/scheduler.ts";
import { testCore } from "../support/core.ts";
import { completeFields, person } from "../support/fixtures.ts";
import { RecordingDelivery } from "../support/recording-delivery.ts";

// Discussed Mon 23 Nov 2026 14:10 (GMT): the note is due Wed 25 Nov 14:10 under the 48-hour rule.
const DISCUSSED = "2026-11-23T14:10:00Z";

async function setUp(opts: { fields?: Partial<NoteFields>; status?: "draft" | "recorded"; now?: string; hours?: Record<string, string> } = {}) {
  const t = await testCore({ now: opts.now ?? "2026-11-23T14:30:00Z" });
  for (const [handle, workingHours] of Object.entries(opts.hours ?? {})) {
    await t.storage.people.saveAll([{ ...(await t.person(handle)), workingHours }], t.clock.now());
  }
  const delivery = new RecordingDelivery();
  const fields = completeFields({ discussedAt: new Date(DISCUSSED), ...opts.fields });
  const status = opts.status ?? "draft";
  const now = t.clock.now();
  await t.storage.notes.create({
    id: "n1",
    sourceKey: null,
    status,
    fields,
    createdAt: now,
    createdById: "p-mo",
    recorderId: "p-mo",
    ...(status === "recorded" && { recording: { at: now, byId: "p-mo", recorderId: "p-mo", lateReason: null } }),
  });
  await syncNoteDeadlines(t.core, "n1", "p-mo");
  /** Moves the clock to a London time and sweeps; returns what was sent. */
  const at = async (iso: string) => {
    t.clock.set(iso);
    await sweepReminders(t.core, delivery);
    return delivery.take();
  };
  return { ...t, delivery, at };
}

describe("deadlines of a note", () => {
  it("are stored with how they were derived, and met when the note is recorded and put on the case record", async () => {
    const { core, storage, at } = await setUp({ status: "draft" });
    const deadlines = await storage.schedule.deadlinesForNote("n1");
    expect(deadlines.map((d) => [d.id, d.dueAt.toISOString(), d.status])).toEqual([
      ["note.complete:n1", "2026-11-25T14:10:00.000Z", "open"],
      ["note.on-case-record:n1", "2026-11-25T14:10:00.000Z", "open"],
    ]);
    expect(deadlines[0]!.explain).toBe("48 hours after Mon 23 Nov 2026 14:10: Wed 25 Nov 2026 14:10");
    expect(deadlines[0]!.source).toMatch(/004/);
    await at("2026-11-23T16:00:00Z");
    // Recorded: completion met; the actions now have deadlines too.
    const note = (await storage.notes.findById("n1"))!;
    await storage.notes.record("n1", note.fields, { at: core.clock.now(), byId: "p-mo", recorderId: "p-mo", lateReason: null });
    await syncNoteDeadlines(core, "n1");
    const after = await storage.schedule.deadlinesForNote("n1");
    expect(after.map((d) => [d.rule, d.status])).toEqual([
      ["action.due", "open"],
      ["note.complete", "met"],
      ["note.on-case-record", "open"],
      ["action.due", "open"],
    ]);
    await markOnCaseRecord(core, (await storage.people.findByHandle("sam"))!, "n1", null);
    expect((await storage.schedule.findDeadline("note.on-case-record:n1"))?.status).toBe("met");
  });

  it("follow the profile: Kent's 24 hours", async () => {
    const { core, storage } = await setUp();
    core.settings = { ...core.settings, profile: (await import("../../src/policy/load-profile.ts")).loadProfile("kent") };
    await storage.schedule.saveDeadline({ ...(await storage.schedule.findDeadline("note.complete:n1"))!, status: "cancelled" });
    await storage.notes.create({ id: "n2", sourceKey: null, status: "draft", fields: completeFields({ discussedAt: new Date(DISCUSSED) }), createdAt: core.clock.now(), createdById: "p-mo", recorderId: "p-mo" });
    const [complete] = await syncNoteDeadlines(core, "n2");
    expect([complete!.rule, complete!.dueAt.toISOString(), complete!.profileId]).toEqual(["note.complete", "2026-11-24T14:10:00.000Z", "kent"]);
  });
});

describe("reminders", () => {
  it("remind the recorder 24 h and 4 h before, then at breach tell them and escalate to their line manager, once each", async () => {
    const { at, storage } = await setUp();
    expect(await at("2026-11-24T14:09:00Z")).toEqual([]);
    expect(await at("2026-11-24T14:10:00Z")).toEqual(["mo: Reminder: oversight note n1 on case 4471-JB must be completed by Wed 25 Nov 2026 14:10 (1 day left)."]);
    expect(await at("2026-11-24T14:11:00Z")).toEqual([]);
    expect(await at("2026-11-25T10:10:00Z")).toEqual(["mo: Reminder: oversight note n1 on case 4471-JB must be completed by Wed 25 Nov 2026 14:10 (4 hours left)."]);
    expect(await at("2026-11-25T14:10:00Z")).toEqual([
      "mo: Oversight note n1 on case 4471-JB was due to be completed by Wed 25 Nov 2026 14:10 and is overdue. Please complete it now.",
      "lee: Overdue: Mo Worker has not completed oversight note n1 on case 4471-JB, due Wed 25 Nov 2026 14:10.",
    ]);
    expect(await at("2026-11-25T16:00:00Z")).toEqual([]);
    const actions = (await storage.audit.list()).map((e) => e.action).filter((a) => a.startsWith("reminder") || a.startsWith("escalation"));
    expect(actions).toEqual(["reminder.sent", "reminder.sent", "reminder.sent", "escalation.sent"]);
  });

  it("stop for whoever no longer has to act: recording the note cancels the rest and starts the case-record reminders for the practitioner", async () => {
    const { at, core, storage } = await setUp({ fields: { actions: [] } });
    await at("2026-11-24T14:10:00Z");
    const note = (await storage.notes.findById("n1"))!;
    await storage.notes.record("n1", note.fields, { at: core.clock.now(), byId: "p-mo", recorderId: "p-mo", lateReason: null });
    await syncNoteDeadlines(core, "n1");
    expect(await at("2026-11-25T10:10:00Z")).toEqual([
      "sam: Reminder: put oversight note n1 on case 4471-JB on the child's case record by Wed 25 Nov 2026 14:10 (4 hours left).",
    ]);
  });

  it("wait for working hours, and never land after the deadline: a 4 h reminder due at 06:00 goes at 08:30, one before a Saturday deadline goes on Friday", async () => {
    // Discussed Thu 26 Nov 10:00 with 48 h: due Sat 28 Nov 10:00; 24 h before is Fri 10:00; 4 h before is Sat 06:00.
    const { at } = await setUp({ fields: { discussedAt: new Date("2026-11-26T10:00:00Z") }, now: "2026-11-26T10:05:00Z" });
    expect(await at("2026-11-27T10:00:00Z")).toHaveLength(1);
    expect(await at("2026-11-27T17:29:00Z")).toEqual([]);
    expect(await at("2026-11-27T17:30:00Z")).toEqual(["mo: Reminder: oversight note n1 on case 4471-JB must be completed by Sat 28 Nov 2026 10:00 (16 hours 30 minutes left)."]);
    // The breach on Saturday morning is told on Monday at the start of the day, not at the weekend.
    expect(await at("2026-11-28T10:00:00Z")).toEqual([]);
    expect(await at("2026-11-30T08:29:00Z")).toEqual([]);
    expect((await at("2026-11-30T08:30:00Z")).map((line) => line.split(":")[0])).toEqual(["mo", "lee"]);
  });

  it("honour a person's own working hours from the roster", async () => {
    const { at } = await setUp({ hours: { mo: "Mon-Fri 11:00-15:00" } });
    expect(await at("2026-11-24T14:10:00Z")).toHaveLength(1);
    expect(await at("2026-11-25T10:10:00Z")).toEqual([]);
    expect(await at("2026-11-25T11:00:00Z")).toEqual(["mo: Reminder: oversight note n1 on case 4471-JB must be completed by Wed 25 Nov 2026 14:10 (3 hours 10 minutes left)."]);
  });

  it("are not sent to someone who is away; escalations go to the named deputy, else up the chain", async () => {
    const { at, core, storage } = await setUp();
    const lee = (await storage.people.findByHandle("lee"))!;
    await recordAbsence(core, "p-lee", lee, "2026-11-25", "2026-11-27");
    const [overdue, escalation] = await at("2026-11-25T14:10:00Z");
    expect(overdue).toMatch(/^mo: /);
    // mo has no deputy and lee has no manager: no one is told, and that is on the record.
    expect(escalation).toBeUndefined();
    expect((await storage.audit.list()).some((e) => e.action === "escalation.no-one")).toBe(true);
  });

  it("escalate to the deputy named for the person when their line manager is away", async () => {
    const t = await testCore({ now: "2026-11-23T14:30:00Z" });
    const mo = (await t.storage.people.findByHandle("mo"))!;
    await t.storage.people.saveAll([{ ...mo, deputyId: "p-priya" }], t.clock.now());
    await t.storage.notes.create({ id: "n1", sourceKey: null, status: "draft", fields: completeFields({ discussedAt: new Date(DISCUSSED) }), createdAt: t.clock.now(), createdById: "p-mo", recorderId: "p-mo" });
    await syncNoteDeadlines(t.core, "n1");
    await recordAbsence(t.core, "p-lee", (await t.storage.people.findByHandle("lee"))!, "2026-11-25", "2026-11-25");
    const delivery = new RecordingDelivery();
    t.clock.set("2026-11-25T14:10:00Z");
    await sweepReminders(t.core, delivery);
    expect(delivery.take().map((l) => l.split(":")[0])).toEqual(["mo", "priya"]);
  });

  it("send the manager a daily digest of what is still overdue until it is done", async () => {
    const { at, core, storage } = await setUp();
    await at("2026-11-25T14:10:00Z");
    expect(await at("2026-11-26T09:00:00Z")).toEqual(["lee: Still overdue (1), as of this morning:\n4471-JB (n1): complete the oversight note – Mo Worker, due Wed 25 Nov 2026 14:10"]);
    expect(await at("2026-11-26T12:00:00Z")).toEqual([]);
    const note = (await storage.notes.findById("n1"))!;
    await storage.notes.record("n1", note.fields, { at: core.clock.now(), byId: "p-mo", recorderId: "p-mo", lateReason: "court" });
    await syncNoteDeadlines(core, "n1");
    // Friday's digest: only the case-record deadline, now overdue for sam, was escalated to mo, not lee.
    expect((await at("2026-11-27T09:00:00Z")).filter((l) => l.startsWith("lee"))).toEqual([]);
  });

  it("remind an action's owner a working day before and on the due day, show the recorder when it is overdue, and stop when it is done", async () => {
    // Recorded Mon; sam's visit due Thu 26 Nov 17:00.
    const { at, core, storage } = await setUp({
      status: "recorded",
      fields: { actions: [{ what: "Visit", ownerId: "p-sam", ownerText: null, dueAt: new Date("2026-11-26T17:00:00Z") }] },
    });
    const sam = (await storage.people.findByHandle("sam"))!;
    await markOnCaseRecord(core, sam, "n1", null);
    expect(await at("2026-11-25T08:30:00Z")).toEqual(["sam: Reminder: your action on case 4471-JB is due Thu 26 Nov 2026 17:00 (1 day 8 hours left): Visit"]);
    expect(await at("2026-11-26T08:30:00Z")).toEqual(["sam: Reminder: your action on case 4471-JB is due Thu 26 Nov 2026 17:00 (8 hours 30 minutes left): Visit"]);
    expect(await at("2026-11-26T17:00:00Z")).toEqual([
      "sam: Your action on case 4471-JB was due Thu 26 Nov 2026 17:00 and is overdue: Visit",
      "mo: Overdue: Sam Worker's action on case 4471-JB was due Thu 26 Nov 2026 17:00 and is not done: Visit",
    ]);
    await completeAction(core, sam, "n1.1.1", "Seen at home, well.");
    expect((await storage.schedule.findDeadline("action.due:n1.1.1"))?.status).toBe("met");
    expect(await at("2026-11-27T09:00:00Z")).toEqual([]);
  });
});

describe("delivery failures", () => {
  it("retry with backoff, honouring Retry-After", async () => {
    const { at, delivery } = await setUp();
    delivery.script.push({ status: "retry", reason: "rate_limited", retryAfterMs: 120_000 });
    expect(await at("2026-11-24T14:10:00Z")).toEqual([]);
    expect(await at("2026-11-24T14:11:59Z")).toEqual([]);
    expect(await at("2026-11-24T14:12:00Z")).toHaveLength(1);
  });

  it("stop at a permanent refusal and tell the person's line manager instead", async () => {
    const { at, delivery, storage } = await setUp();
    delivery.script.push({ status: "permanent", reason: "user_not_found" });
    expect(await at("2026-11-24T14:10:00Z")).toEqual(["lee: I could not reach Mo Worker (user_not_found) about case 4471-JB: complete the oversight note, due Wed 25 Nov 2026 14:10. Please make sure they know."]);
    const failed = await storage.schedule.reminders({ status: "failed" });
    expect(failed.map((r) => [r.kind, r.lastError, r.attempts])).toEqual([["before", "user_not_found", 1]]);
    expect((await storage.audit.list()).filter((e) => e.action === "reminder.failed")).toHaveLength(1);
  });

  it("give up after repeated failures and treat it as permanent", async () => {
    const { at, delivery, storage } = await setUp({ fields: { actions: [] } });
    for (let i = 0; i < 10; i++) delivery.script.push({ status: "retry", reason: "timeout" });
    // Sweep every 20 minutes from the first reminder until the tenth attempt has failed.
    for (let t = Date.parse("2026-11-24T14:10:00Z"); delivery.script.length > 0; t += 20 * 60_000) await at(new Date(t).toISOString());
    const [reminder] = await storage.schedule.reminders({ status: "failed" });
    expect([reminder?.kind, reminder?.attempts, reminder?.lastError]).toEqual(["before", 10, "gave-up:timeout"]);
  });

  it("a claim a dead sender never settled is sent by the next sweep once its lease runs out", async () => {
    const { core, delivery, storage, clock } = await setUp();
    clock.set("2026-11-24T14:10:00Z");
    const [claimed] = await storage.schedule.claimDue(clock.now(), 1, 60_000, "dead-process");
    expect(claimed).toBeDefined();
    await sweepReminders(core, delivery, { leaseMs: 60_000 });
    expect(delivery.take()).toEqual([]);
    clock.advance(60_000);
    await sweepReminders(core, delivery, { leaseMs: 60_000 });
    expect(delivery.take()).toHaveLength(1);
    expect(await storage.schedule.settle(claimed!.id, "dead-process", { status: "sent", at: clock.now(), recipientId: "p-mo" })).toBe(false);
  });
});

describe("buttons on a reminder", () => {
  it("snooze once, never past the deadline", async () => {
    const { at, core, storage } = await setUp();
    await at("2026-11-25T10:10:00Z");
    const mo = (await storage.people.findByHandle("mo"))!;
    const reminder = (await storage.schedule.reminders({ status: "sent" }))[0]!;
    const snooze = (span: string) => handleCommand(core, { actor: mo, text: `snooze ${reminder.id} ${span}`, eventId: null });
    expect((await snooze("tomorrow")).message?.text).toBe("That would be too close to the deadline: I will remind you at Wed 25 Nov 2026 13:40 instead.");
    expect((await snooze("1h")).message?.text).toBe("Already snoozed: I will remind you at Wed 25 Nov 2026 13:40.");
    expect(await at("2026-11-25T13:39:00Z")).toEqual([]);
    expect(await at("2026-11-25T13:40:00Z")).toEqual(["mo: Reminder: oversight note n1 on case 4471-JB must be completed by Wed 25 Nov 2026 14:10 (30 minutes left)."]);
  });

  it("carry the commands that settle them", async () => {
    const s = await setUp();
    s.clock.set("2026-11-24T14:10:00Z");
    await sweepReminders(s.core, s.delivery);
    const sent = s.delivery.sent[0]!;
    expect(sent.buttons).toEqual(["finish n1", `snooze ${sent.key} 1h`, `snooze ${sent.key} 3h`, `snooze ${sent.key} tomorrow`]);
  });
});

describe("a discussion written up after its deadline", () => {
  it("gets an hour to be finished before the overdue notice and the escalation", async () => {
    // Discussed Mon 23 Nov 14:10, captured as a draft on Thu 26 Nov 10:00, a day after the deadline.
    const { at } = await setUp({ now: "2026-11-26T10:00:00Z", fields: { actions: [] } });
    expect(await at("2026-11-26T10:59:00Z")).toEqual([]);
    expect((await at("2026-11-26T11:00:00Z")).map((l) => l.split(":")[0])).toEqual(["mo", "lee"]);
  });
});

describe("re-planning", () => {
  const moveDiscussion = async (t: Awaited<ReturnType<typeof setUp>>, iso: string) => {
    const note = (await t.storage.notes.findById("n1"))!;
    await t.storage.notes.updateDraft("n1", { ...note.fields, discussedAt: new Date(iso) }, "p-mo", t.clock.now());
    await syncNoteDeadlines(t.core, "n1");
  };

  it("never drops a reminder a dead process had claimed: the restart's re-plan leaves it, and it goes once the lease lapses", async () => {
    const t = await setUp({ fields: { actions: [] } });
    t.clock.set("2026-11-24T14:10:00Z");
    const [claimed] = await t.storage.schedule.claimDue(t.clock.now(), 1, 60_000, "dead-process");
    t.clock.set("2026-11-24T14:10:30Z");
    await replanOpenDeadlines(t.core);
    expect((await t.storage.schedule.findReminder(claimed!.id))?.status).toBe("pending");
    expect(await t.at("2026-11-24T14:11:00Z")).toEqual(["mo: Reminder: oversight note n1 on case 4471-JB must be completed by Wed 25 Nov 2026 14:10 (23 hours 59 minutes left)."]);
  });

  it("keeps a due reminder that a re-plan finds past its time, for the next sweep to send", async () => {
    const t = await setUp({ fields: { actions: [] } });
    t.clock.set("2026-11-24T14:10:30Z");
    await syncNoteDeadlines(t.core, "n1");
    expect(await t.at("2026-11-24T14:11:00Z")).toHaveLength(1);
  });

  it("moves the reminders with the deadline, and back again when a typo is undone", async () => {
    const t = await setUp({ fields: { actions: [] } });
    await moveDiscussion(t, "2026-11-23T13:10:00Z");
    expect(await t.at("2026-11-24T13:10:00Z")).toEqual(["mo: Reminder: oversight note n1 on case 4471-JB must be completed by Wed 25 Nov 2026 13:10 (1 day left)."]);
    await moveDiscussion(t, DISCUSSED);
    expect(await t.at("2026-11-25T10:09:00Z")).toEqual([]);
    expect(await t.at("2026-11-25T10:10:00Z")).toHaveLength(1);
    expect((await t.at("2026-11-25T14:10:00Z")).map((l) => l.split(":")[0])).toEqual(["mo", "lee"]);
  });

  it("hands the reminders to a new recorder, and back when the note is handed back", async () => {
    const t = await setUp({ fields: { actions: [] } });
    const reassign = async (recorderId: string) => {
      const note = (await t.storage.notes.findById("n1"))!;
      await t.storage.notes.updateDraft("n1", note.fields, recorderId, t.clock.now());
      await syncNoteDeadlines(t.core, "n1");
    };
    await reassign("p-priya");
    expect(await t.at("2026-11-24T14:10:00Z")).toEqual(["priya: Reminder: oversight note n1 on case 4471-JB must be completed by Wed 25 Nov 2026 14:10 (1 day left)."]);
    await reassign("p-mo");
    expect((await t.at("2026-11-25T10:10:00Z")).map((l) => l.split(":")[0])).toEqual(["mo"]);
  });

  it("does not tell anyone twice when the deadline moves after the breach", async () => {
    const t = await setUp({ fields: { actions: [] } });
    expect(await t.at("2026-11-25T14:10:00Z")).toHaveLength(2);
    await moveDiscussion(t, "2026-11-23T14:15:00Z");
    expect(await t.at("2026-11-25T16:00:00Z")).toEqual([]);
  });

  it("keeps an open deadline's time when only the profile changes", async () => {
    const t = await setUp({ fields: { actions: [] } });
    t.core.settings = { ...t.core.settings, profile: loadProfile("kent") };
    await replanOpenDeadlines(t.core);
    const deadline = await t.storage.schedule.findDeadline("note.complete:n1");
    expect([deadline?.dueAt.toISOString(), deadline?.profileId]).toEqual(["2026-11-25T14:10:00.000Z", "default"]);
  });
});

describe("more reminder edges", () => {
  it("reminds an action's owner on their own working day before the due day", async () => {
    // sam works Mon, Tue and Thu; the visit is due Thu 26 Nov: the day before, for sam, is Tue.
    const t = await setUp({
      status: "recorded",
      hours: { sam: "Mon,Tue,Thu 08:30-17:30" },
      fields: { actions: [{ what: "Visit", ownerId: "p-sam", ownerText: null, dueAt: new Date("2026-11-26T17:00:00Z") }] },
    });
    await markOnCaseRecord(t.core, await t.person("sam"), "n1", null);
    expect(await t.at("2026-11-24T08:30:00Z")).toHaveLength(1);
    expect(await t.at("2026-11-25T08:30:00Z")).toEqual([]);
    expect(await t.at("2026-11-26T08:30:00Z")).toHaveLength(1);
  });

  it("tells the next manager up, about the right person, when an escalation cannot be delivered", async () => {
    const t = await setUp({ fields: { actions: [] } });
    // lee (mo's line manager) cannot be reached; lee's own manager is the head of service, hos.
    await t.storage.people.saveAll([person("hos", "head-of-service"), { ...(await t.person("lee")), lineManagerId: "p-hos" }], t.clock.now());
    t.delivery.script.push({ status: "delivered" }, { status: "permanent", reason: "user_not_found" });
    expect(await t.at("2026-11-25T14:10:00Z")).toEqual([
      "mo: Oversight note n1 on case 4471-JB was due to be completed by Wed 25 Nov 2026 14:10 and is overdue. Please complete it now.",
      "hos: I could not reach Lee Worker (user_not_found) to tell them that Mo Worker has not done this on case 4471-JB: complete the oversight note, due Wed 25 Nov 2026 14:10. Please follow it up.",
    ]);
  });

  it("hands back a claim whose lease is nearly over instead of sending it", async () => {
    const t = await setUp({ fields: { actions: [] } });
    t.clock.set("2026-11-24T14:10:00Z");
    await t.storage.schedule.claimDue(t.clock.now(), 1, 10 * 60_000, "slow-sweep");
    t.clock.set("2026-11-24T14:19:30Z");
    const tally = await sweepReminders(t.core, t.delivery, { leaseMs: 10 * 60_000 });
    expect(tally.sent).toBe(0);
    t.clock.set("2026-11-24T14:20:00Z");
    await sweepReminders(t.core, t.delivery);
    expect(t.delivery.take()).toHaveLength(1);
  });

  it("snoozes \"tomorrow\" on a Friday to Monday 09:00", async () => {
    // A note discussed Fri 27 Nov under a 3-working-day rule is due Wed 2 Dec 17:30, so a
    // reminder sent on Friday afternoon can be snoozed over the weekend.
    const t = await setUp({ fields: { actions: [], discussedAt: new Date("2026-11-27T10:00:00Z") }, now: "2026-11-27T10:05:00Z" });
    t.core.settings = { ...t.core.settings, profile: { ...t.core.settings.profile, rules: { ...t.core.settings.profile.rules, "note.complete": { after: { workingDays: 3 }, source: "test" } } } };
    await t.storage.schedule.saveDeadline({ ...(await t.storage.schedule.findDeadline("note.complete:n1"))!, status: "cancelled" });
    await t.storage.notes.create({ id: "n2", sourceKey: null, status: "draft", fields: completeFields({ actions: [], discussedAt: new Date("2026-11-27T10:00:00Z") }), createdAt: t.clock.now(), createdById: "p-mo", recorderId: "p-mo" });
    await syncNoteDeadlines(t.core, "n2");
    // A reminder of it sent on Friday afternoon (scheduled by hand for the test).
    const [friday] = await t.storage.schedule.schedule([{ id: "fri", key: "test-friday", kind: "before", deadlineId: "note.complete:n2", aboutId: "p-mo", recipientId: "p-mo", dueAt: new Date("2026-11-27T16:00:00Z"), createdAt: t.clock.now() }]);
    expect(friday).toBeDefined();
    await t.at("2026-11-27T16:00:00Z");
    const reply = await handleCommand(t.core, { actor: await t.person("mo"), text: "snooze fri tomorrow", eventId: null });
    expect(reply.message?.text).toBe("I will remind you again at Mon 30 Nov 2026 09:00.");
  });
});
