import { beforeEach, describe, expect, it } from "vitest";
import { handleInbound } from "../../src/bot/inbound.ts";
import { homeFor } from "../../src/bot/home-view.ts";
import { silentLogger } from "../../src/logger.ts";
import { replanOpenDeadlines } from "../../src/scheduler/scheduler.ts";
import { sweepReminders } from "../../src/scheduler/send-reminders.ts";
import { complianceSummary } from "../../src/services/compliance-summary.ts";
import { testCore } from "../support/core.ts";
import { plannedNote, recordedNote } from "../support/notes.ts";
import { completeFields } from "../support/fixtures.ts";
import { botPort } from "../../src/bot/bot-port.ts";
import { ConsoleSession } from "../../adapters/console/console-session.ts";
import { play } from "../support/console-play.ts";
import { RecordingDelivery } from "../support/recording-delivery.ts";

// `discard <draft>` (issue 14 item 3): a draft never recorded is removed by its author or its
// recorder, audited, its deadlines and reminders cancelled, the others named in it told; kept
// as "discarded" for the record and shown nowhere a note would be. Clock: Mon 23 Nov 2026 15:00.

let t: Awaited<ReturnType<typeof testCore>>;
let delivery: RecordingDelivery;
let n = 0;
beforeEach(async () => {
  t = await testCore();
  delivery = new RecordingDelivery();
});

/** What `handle` types to the bot in the console, as one turn through the core's entry point. */
const says = (handle: string, text: string) => handleInbound(t.core, silentLogger, { kind: "message", eventId: `e${++n}`, actor: { platform: "console", externalId: handle }, text });
const sweepAt = async (iso: string) => {
  t.clock.set(iso);
  await sweepReminders(t.core, delivery);
  return delivery.take();
};
const pendingFor = async (noteId: string) => {
  const deadlines = await t.storage.schedule.deadlinesForNote(noteId);
  return t.storage.schedule.reminders({ deadlineIds: deadlines.map((d) => d.id), status: "pending" });
};

/** Sam captures a half-finished decision naming Mo: Sam is its author, Mo (the senior) its recorder. */
async function samsDraft(): Promise<string> {
  const reply = await says("sam", "4471-JB discussed today 14:10 with @mo. Decision: unannounced visit tomorrow. Actions: Sam to ring the school by Friday");
  expect(reply.form).toBeDefined();
  const [draft] = await t.storage.notes.listByCase("4471-JB");
  expect(draft).toMatchObject({ status: "draft", createdById: "p-sam", recorderId: "p-mo" });
  return draft!.id;
}

describe("discard <draft>", () => {
  it("is refused to anyone but the draft's author or recorder, and a refusal changes nothing", async () => {
    const id = await samsDraft();
    const rows: [string, RegExp][] = [
      ["priya", /^You do not have access to that note/],
      ["lee", /^Only the draft's author or its recorder can discard it/], // Mo's manager: may see it, may not discard it
      ["aud", /^Only the draft's author or its recorder can discard it/],
    ];
    for (const [who, answer] of rows) {
      const reply = await says(who, `discard ${id}`);
      expect(reply, who).toMatchObject({ refused: true, message: { text: expect.stringMatching(answer) } });
    }
    expect((await t.storage.notes.findById(id))?.status).toBe("draft");
    expect((await pendingFor(id)).length).toBeGreaterThan(0);
    const denied = (await t.storage.audit.list()).filter((e) => e.action === "note.access-denied");
    expect(denied.map((e) => [e.actorId, e.detail.purpose])).toEqual([["p-priya", "view"], ["p-lee", "discard"], ["p-aud", "discard"]]);
  });

  it("by its recorder: audited with ids only, deadlines and reminders cancelled, the author told, and nothing more is sent", async () => {
    const id = await samsDraft();
    const before = await pendingFor(id);
    // Without the discard these would go out before Thursday: Mo reminded, then escalated to Lee.
    expect(before.filter((r) => r.dueAt.getTime() < Date.parse("2026-11-26T17:00:00Z")).length).toBeGreaterThan(0);

    const reply = await says("mo", `discard ${id}`);
    expect(reply.message?.text).toBe(`Draft ${id} on 4471-JB is discarded. Its deadlines and reminders are cancelled and the others named in it are told. It is kept for the audit trail, listed nowhere.`);
    expect(reply.notify?.map((x) => x.personId)).toEqual(["p-sam"]);

    const note = await t.storage.notes.findById(id);
    expect(note).toMatchObject({ status: "discarded", discardedById: "p-mo", discardedAt: t.clock.now(), createdById: "p-sam" });
    const deadlines = await t.storage.schedule.deadlinesForNote(id);
    expect(deadlines.length).toBeGreaterThan(0);
    expect(deadlines.every((d) => d.status === "cancelled")).toBe(true);
    expect(await pendingFor(id)).toEqual([]);
    const cancelled = await t.storage.schedule.reminders({ deadlineIds: deadlines.map((d) => d.id), status: "cancelled" });
    expect(cancelled.map((r) => r.id).sort()).toEqual(before.map((r) => r.id).sort());

    const audit = await t.storage.audit.list();
    const discarded = audit.filter((e) => e.action === "note.discarded");
    expect(discarded).toEqual([expect.objectContaining({ actorId: "p-mo", entityType: "note", entityId: id, detail: { createdById: "p-sam", recorderId: "p-mo", seals: [expect.stringMatching(/^note:\S+ [0-9a-f]{64}$/)] } })]);
    expect(audit.filter((e) => e.action === "deadline.cancelled").map((e) => e.detail.reason)).toEqual(deadlines.map(() => "note-discarded"));
    expect(JSON.stringify(audit)).not.toMatch(/unannounced|visit|school/i);

    // Sent at once: the author's notice. Then, through Thursday, nothing about the draft to anyone.
    expect(await sweepAt("2026-11-23T15:00:00Z")).toEqual([`sam: Mo Worker discarded draft oversight note ${id} on 4471-JB. It was never recorded: there is nothing for you to do, and no more reminders about it.`]);
    for (const at of ["2026-11-24T09:00:00Z", "2026-11-24T15:00:00Z", "2026-11-25T15:00:00Z", "2026-11-26T16:00:00Z"]) expect(await sweepAt(at), at).toEqual([]);
  });

  it("by its author tells the recorder; said again it changes nothing", async () => {
    const id = await samsDraft();
    const reply = await says("sam", `discard ${id}`);
    expect(reply.notify?.map((x) => x.personId)).toEqual(["p-mo"]);
    const notices = await t.storage.schedule.reminders({ kind: "notice", recipientId: "p-mo" });
    expect(notices.map((r) => JSON.parse(r.message!).text)).toEqual([expect.stringMatching(new RegExp(`^Sam Worker discarded draft oversight note ${id} on 4471-JB`))]);
    const entries = (await t.storage.audit.list()).length;

    expect((await says("sam", `discard ${id}`)).message?.text).toBe(`Draft ${id} was already discarded; nothing has changed.`);
    expect((await says("mo", `discard ${id}`)).notify ?? []).toEqual([]);
    expect((await t.storage.audit.list()).length).toBe(entries);
    expect(await t.storage.schedule.reminders({ kind: "notice", recipientId: "p-mo" })).toHaveLength(1);
  });

  it("is gone from mine, list, the home tab, compliance and the next note's review; show says it was discarded; it cannot be finished", async () => {
    await recordedNote(t.core, "n1");
    const id = await samsDraft();
    expect((await says("mo", "mine")).message?.text).toContain(id);
    expect((await says("mo", "list 4471-JB")).message?.text).toContain(id);
    expect((await homeFor(t.core, { platform: "console", externalId: "mo" })).blocks.map((b) => JSON.stringify(b)).join()).toContain(id);
    const month = { team: "North", month: "2026-11" };
    const mo = await t.person("mo");
    expect((await complianceSummary(t.core, mo, month)).byNote.map((r) => r.noteId)).toContain(id);

    await says("sam", `discard ${id}`);

    expect((await says("mo", "mine")).message?.text).not.toContain(id);
    expect((await says("sam", "mine")).message?.text).not.toContain(id);
    const listed = (await says("mo", "list 4471-JB")).message?.text ?? "";
    expect(listed).toContain("n1");
    expect(listed).not.toContain(id);
    const home = (await homeFor(t.core, { platform: "console", externalId: "mo" })).blocks.map((b) => JSON.stringify(b)).join();
    expect(home).not.toContain(id);
    expect((await complianceSummary(t.core, mo, month)).byNote.map((r) => r.noteId)).toEqual(["n1"]);

    const shown = (await says("sam", `show ${id}`)).message?.text ?? "";
    expect(shown).toMatch(/Status: Discarded \(never recorded\) – Mon 23 Nov 2026 15:00/);
    expect(shown).toMatch(/Sam Worker: discarded the draft \(it was never recorded\)/);
    for (const command of [`finish ${id}`, `comment ${id} a thought`]) {
      expect((await says("sam", command)).message?.text, command).toBe(`That draft was discarded, so it can no longer be changed. show ${id} shows what it held.`);
    }

    // A new note on the case: its pre-filled review lists n1's actions, nothing of the discarded draft.
    const form = (await says("mo", "4471-JB discussed today 14:30 with @sam. Decision: review.")).form;
    const review = JSON.stringify(form?.inputs.find((i) => i.id === "review"));
    expect(review).toContain("Visit");
    expect(review).not.toMatch(/ring the school/i);
  });

  it("refuses a recorded note, keeping it as it was", async () => {
    await recordedNote(t.core, "n1");
    const reply = await says("mo", "discard n1");
    expect(reply).toMatchObject({ refused: true, message: { text: "That note is recorded, and a recorded note is never discarded. To change it, amend it (amend n1); to add to it, comment n1 <text>." } });
    expect((await t.storage.notes.findById("n1"))?.status).toBe("recorded");
    expect((await says("mo", "discard")).message?.text).toBe("Say which draft: discard <note id>. Only a draft that was never recorded can be discarded.");
  });

  it("refuses a group supervision note's draft: the record of a session held is recorded, not discarded", async () => {
    await t.storage.notes.create({ id: "g1", sourceKey: null, status: "draft", fields: completeFields({ kind: "group-supervision" }), createdAt: t.clock.now(), createdById: "p-mo", recorderId: "p-mo" });
    expect((await says("mo", "discard g1")).message?.text).toBe("A group supervision note is the record of a session that was held: record it (finish g1); it cannot be discarded.");
    expect((await t.storage.notes.findById("g1"))?.status).toBe("draft");
  });

  it("in the console: a mistaken capture is discarded and the author sees who is told", async () => {
    const session = new ConsoleSession(botPort(t.core, silentLogger), silentLogger, () => "");
    await session.start("sam");
    await play(session, [
      ["4471-JB discussed today 14:10 with @mo. Decision: unannounced visit tomorrow.", null],
      ["", null],
      ["/cancel", /draft/i],
    ]);
    const [draft] = await t.storage.notes.listByCase("4471-JB");
    expect(draft?.status).toBe("draft");
    await play(session, [
      ["help", /discard <draft> +remove a draft that was never recorded/],
      [`discard ${draft!.id}`, new RegExp(`^Draft ${draft!.id} on 4471-JB is discarded\\.[\\s\\S]*\\(@mo is told by direct message\\)`)],
      ["mine", /you have no notes yet\./i],
      [`show ${draft!.id}`, "Status: Discarded (never recorded)"],
    ]);
  });

  it("leaves no open deadline behind: the start-up check cancels what a discarded draft still had", async () => {
    await plannedNote(t.core, "d1", "draft", "4471-JB");
    // Discarded behind the bot's back (storage alone, no sync): its deadlines still open.
    await t.storage.notes.discardDraft("d1", t.clock.now(), "p-mo");
    expect((await t.storage.schedule.deadlinesForNote("d1")).some((d) => d.status === "open")).toBe(true);
    const check = await replanOpenDeadlines(t.core);
    expect(check.repaired.map((r) => r.noteId)).toEqual(["d1"]);
    expect((await t.storage.schedule.deadlinesForNote("d1")).map((d) => d.status)).toEqual(["cancelled", "cancelled"]);
    expect(await pendingFor("d1")).toEqual([]);
    expect(await sweepAt("2026-11-26T16:00:00Z")).toEqual([]);
  });
});
