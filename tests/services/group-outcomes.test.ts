import { beforeEach, describe, expect, it } from "vitest";
import { handleInbound } from "../../src/bot/inbound.ts";
import type { BotReply } from "../../src/bot/reply.ts";
import type { Form } from "../../src/content/form.ts";
import type { Answer, ChildRow } from "../../src/domain/answers.ts";
import type { GroupSession } from "../../src/domain/group-supervision.ts";
import { silentLogger } from "../../src/logger.ts";
import { sweepReminders } from "../../src/scheduler/send-reminders.ts";
import { verifyAudit } from "../../src/services/verify-audit.ts";
import { testCore } from "../support/core.ts";
import { typed, valuesOf } from "../support/note-forms.ts";
import { RecordingDelivery } from "../support/recording-delivery.ts";

// One group session, every child (docs/design.md#group-supervision): the group note lists each
// child discussed, by case reference, with what was decided for them; recording it makes an
// outcome on each child's own case with its own case-record deadline and reminders. A dialogue
// through the core on a fixed clock. Team North: lee, mo, priya, sam; sam presents 4471-JB.

let t: Awaited<ReturnType<typeof testCore>>;
let delivery: RecordingDelivery;
let n = 0;
let session: GroupSession;
beforeEach(async () => {
  t = await testCore({ now: "2026-11-23T10:00:00Z" });
  delivery = new RecordingDelivery();
  const setup = (await command("mo", "group setup")).form!;
  await submit("mo", setup, { first: "2026-12-01T14:00:00Z", cadence: "3", duration: "90", channel: "north-team" });
  const series = (await t.storage.groups.seriesOfTeam("North"))!;
  session = (await t.storage.groups.sessionsOf(series.id))[0]!;
  await command("mo", `group assign ${session.id} presenter @sam`);
  await command("sam", `group case ${session.id} 4471-JB`);
  t.clock.set("2026-12-01T15:30:00Z");
});

const command = (handle: string, text: string): Promise<BotReply> => handleInbound(t.core, silentLogger, { kind: "command", eventId: `e${++n}`, actor: { platform: "console", externalId: handle }, text });
const submit = (handle: string, form: Form, values: Record<string, Answer | string>): Promise<BotReply> =>
  handleInbound(t.core, silentLogger, {
    kind: "submit",
    eventId: `e${++n}`,
    actor: { platform: "console", externalId: handle },
    formId: form.formId,
    values: typed({ ...valuesOf(form), ...Object.fromEntries(Object.entries(values).map(([id, v]) => [id, typeof v === "string" && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(v) ? { type: "instant" as const, at: v } : v])) }),
    state: form.state,
  });
const rows = (...list: [string, string][]): Answer => ({ type: "children", rows: list.map(([caseRef, decision]): ChildRow => ({ caseRef, decision })) });
const GROUP_PARTS = { questions: "How do we keep the children safe at weekends?", issue: "Missed visits; school concerns.", insights: "Grandmother is a protective factor." };
const THREE = rows(["4471-JB", "Unannounced visit this week"], ["5520 KT", "NFA: step down to early help"], ["6610-RB", "Strategy discussion"]);

/** Sam records the group note with these children; the reply and the stored group note. */
async function recordGroupNote(children: Answer = THREE) {
  const form = (await command("sam", `group note ${session.id}`)).form!;
  const reply = await submit("sam", form, { ...GROUP_PARTS, children });
  return { reply, form, groupId: form.state.draftId! };
}
const outcomesOn = async (caseRef: string) => (await t.storage.notes.listByCase(caseRef)).filter((note) => note.fields.kind === "group-outcome");

describe("recording the group note", () => {
  it("makes one recorded outcome per child, each with its own case-record deadline and reminders to the presenter", async () => {
    const { reply, groupId } = await recordGroupNote();
    expect(reply.message!.text).toMatch(/^Oversight note \w+ on 4471-JB is recorded\.\nOne outcome on each child's own record, each with its deadline to go on the case record:\n4471-JB: outcome \w+\n5520-KT: outcome \w+\n6610-RB: outcome \w+$/);
    const group = (await t.storage.notes.findById(groupId))!;
    expect(group.fields.children).toEqual([
      { caseRef: "4471-JB", decision: "Unannounced visit this week" },
      { caseRef: "5520-KT", decision: "NFA: step down to early help" },
      { caseRef: "6610-RB", decision: "Strategy discussion" },
    ]);
    for (const [caseRef, decision] of [["4471-JB", "Unannounced visit this week"], ["5520-KT", "NFA: step down to early help"], ["6610-RB", "Strategy discussion"]] as const) {
      const [outcome, ...more] = await outcomesOn(caseRef);
      expect(more).toEqual([]);
      expect(outcome).toMatchObject({
        status: "recorded",
        recorderId: "p-sam",
        recordedAt: new Date("2026-12-01T15:30:00Z"),
        fields: { kind: "group-outcome", caseRef, decision, participantIds: group.fields.participantIds, discussedAt: group.fields.discussedAt, fromGroup: { noteId: groupId, sessionId: session.id } },
      });
      // 48 hours [default note.on-case-record] from the outcome's recording; complete as the group note is.
      const deadlines = await t.storage.schedule.deadlinesForNote(outcome!.id);
      expect(deadlines.map((d) => [d.rule, d.status, d.dueAt.toISOString()]).sort()).toEqual([
        ["group.note-recorded", "met", "2026-12-08T17:30:00.000Z"],
        ["note.on-case-record", "open", "2026-12-03T15:30:00.000Z"],
      ]);
      const reminders = await t.storage.schedule.reminders({ deadlineIds: deadlines.filter((d) => d.rule === "note.on-case-record").map((d) => d.id) });
      expect(reminders.length).toBeGreaterThan(0);
      expect(new Set(reminders.map((r) => r.recipientId))).toEqual(new Set(["p-sam"]));
    }
    // The reminders reach the presenter, one per child, naming the child's case and outcome.
    t.clock.set("2026-12-03T12:00:00Z");
    await sweepReminders(t.core, delivery);
    const sent = delivery.sent.filter((s) => s.to === "sam" && s.text.includes("on the child's case record"));
    expect(sent.map((s) => /on case (\S+) on/.exec(s.text)?.[1]).sort()).toEqual(["4471-JB", "5520-KT", "6610-RB"]);
    expect(await verifyAudit(t.core)).toMatchObject({ ok: true });
  });

  it("shows in list, show and export for each child; the group note's show lists the children and their outcomes", async () => {
    const { groupId } = await recordGroupNote();
    const [outcome] = await outcomesOn("5520-KT");
    expect((await command("mo", "list 5520-KT")).message!.text).toContain(`${outcome!.id}  5520-KT  Group supervision outcome  discussed Tue 1 Dec 2026 14:00  Recorded`);
    const shown = (await command("priya", `show ${outcome!.id}`)).message!.text;
    expect(shown).toContain(`From group supervision: Decided in group supervision session ${session.id}; group note ${groupId}.`);
    expect(shown).toContain("4. Decision\nDecision not to act: NFA: step down to early help");
    expect(shown).not.toContain("4471-JB");
    const exported = (await command("sam", `export ${outcome!.id} text`)).message!.text;
    expect(exported).toMatch(/^Management Oversight – Group supervision outcome – 5520-KT\n/);
    const group = (await command("sam", `show ${groupId}`)).message!.text;
    const ids = await Promise.all(["4471-JB", "5520-KT", "6610-RB"].map(async (ref) => (await outcomesOn(ref))[0]!.id));
    expect(group).toContain(
      ["5. Children discussed", `- 4471-JB: Unannounced visit this week (outcome ${ids[0]})`, `- 5520-KT: NFA: step down to early help (outcome ${ids[1]})`, `- 6610-RB: Strategy discussion (outcome ${ids[2]})`].join("\n"),
    );
    // Marked on the child's record like any note: its reminders stop.
    expect((await command("sam", `on-record ${outcome!.id}`)).message!.text).toContain(outcome!.id);
    expect((await t.storage.notes.findById(outcome!.id))!.status).toBe("on-case-record");
    expect(await verifyAudit(t.core)).toMatchObject({ ok: true });
  });

  it("is idempotent: the same submission again makes no second outcome", async () => {
    const form = (await command("sam", `group note ${session.id}`)).form!;
    const first = await submit("sam", form, { ...GROUP_PARTS, children: THREE });
    const again = await submit("sam", form, { ...GROUP_PARTS, children: THREE });
    expect(first.message!.text).toContain("One outcome on each child's own record");
    expect(again.message!.text).toMatch(/already recorded/);
    for (const ref of ["4471-JB", "5520-KT", "6610-RB"]) expect(await outcomesOn(ref)).toHaveLength(1);
  });
});

describe("amending the group note", () => {
  it("adds an outcome for a child put on, withdraws the one taken off (deadlines and reminders cancelled), amends a changed decision", async () => {
    const { groupId } = await recordGroupNote();
    const [removed] = await outcomesOn("6610-RB");
    const [kept] = await outcomesOn("4471-JB");
    t.clock.set("2026-12-02T09:00:00Z");
    const form = (await command("sam", `amend ${groupId}`)).form!;
    expect(form.inputs.find((i) => i.id === "children")!.value).toEqual(rows(["4471-JB", "Unannounced visit this week"], ["5520-KT", "NFA: step down to early help"], ["6610-RB", "Strategy discussion"]));
    const children = rows(["4471-JB", "Unannounced visit tomorrow with police check"], ["5520-KT", "NFA: step down to early help"], ["8802-CD", "Ask school for attendance records"]);
    const reply = await submit("sam", form, { children, amendReason: "6610-RB was only mentioned; 8802-CD was discussed" });
    expect(reply.message!.text).toMatch(/is amended \(version 2: Children discussed\)/);

    expect(await outcomesOn("6610-RB")).toEqual([]);
    expect((await t.storage.notes.findById(removed!.id))!).toMatchObject({ status: "discarded", discardedById: "p-sam" });
    expect((await t.storage.schedule.deadlinesForNote(removed!.id)).find((d) => d.rule === "note.on-case-record")!.status).toBe("cancelled");
    const pending = await t.storage.schedule.reminders({ deadlineIds: (await t.storage.schedule.deadlinesForNote(removed!.id)).map((d) => d.id) });
    expect(pending.filter((r) => r.status === "pending")).toEqual([]);
    expect((await command("sam", `show ${removed!.id}`)).message!.text).toContain("Status: Withdrawn: the child was taken off the group note");

    const [added] = await outcomesOn("8802-CD");
    expect(added).toMatchObject({ status: "recorded", recordedAt: new Date("2026-12-02T09:00:00Z"), fields: { decision: "Ask school for attendance records", fromGroup: { noteId: groupId } } });
    expect((await t.storage.schedule.deadlinesForNote(added!.id)).find((d) => d.rule === "note.on-case-record")).toMatchObject({ status: "open", dueAt: new Date("2026-12-04T09:00:00Z") });

    const [followed] = await outcomesOn("4471-JB");
    expect(followed).toMatchObject({ id: kept!.id, version: 2, fields: { decision: "Unannounced visit tomorrow with police check" } });
    expect((await t.storage.notes.revisions(kept!.id)).map((r) => [r.version, r.reason])).toEqual([[1, null], [2, "6610-RB was only mentioned; 8802-CD was discussed"]]);
    expect(await outcomesOn("5520-KT")).toHaveLength(1);

    // Put back by a later amendment, the child gets a new outcome.
    const again = (await command("sam", `amend ${groupId}`)).form!;
    await submit("sam", again, { children: rows(["4471-JB", "Unannounced visit tomorrow with police check"], ["6610-RB", "Strategy discussion after all"]), amendReason: "Back on" });
    const [back] = await outcomesOn("6610-RB");
    expect(back).toMatchObject({ status: "recorded", fields: { decision: "Strategy discussion after all" } });
    expect(back!.id).not.toBe(removed!.id);
    expect(await verifyAudit(t.core)).toMatchObject({ ok: true });
  });

  it("an outcome itself is amended only through its group note", async () => {
    const { groupId } = await recordGroupNote();
    const [outcome] = await outcomesOn("5520-KT");
    expect((await command("sam", `amend ${outcome!.id}`)).message!.text).toBe(`This is a group supervision outcome: amend group note ${groupId} instead, and the outcome follows it.`);
  });
});

describe("what the children part refuses", () => {
  const PROBLEMS: [string, Answer, string][] = [
    ["the same case twice", rows(["4471-JB", "Visit"], ["4471 jb", "Visit again"]), "Check the children discussed. Row 2: 4471-JB is already listed in row 1."],
    ["a name for a case reference", rows(["4471-JB", "Visit"], ["Jayden Smith", "Refer to CAMHS"]), 'Check the children discussed. Row 2: "Jayden Smith" looks like a name: use the case reference.'],
    ["a name in a decision", rows(["4471-JB", "Visit Jayden at school"]), 'Check the children discussed. Row 1: "Jayden" looks like a name: use the case reference or initials.'],
    ["a case reference with no decision", rows(["4471-JB", "Visit"], ["5520-KT", ""]), "Check the children discussed. Row 2: say what was decided for 5520-KT."],
    ["something that is not a case reference", rows(["4471-JB", "Visit"], ["12#34", "Visit"]), 'Check the children discussed. Row 2: "12#34" is not a case reference (the case system\'s id: letters, digits, - / . and at least one digit).'],
    ["a decision with no case reference", rows(["", "Visit"]), "Check the children discussed. Row 1: give the child's case reference."],
    ["no child at all", rows(), "List each child discussed with what was decided for them: the presented case at least."],
    ["typed lines, read once", { type: "text", text: "4471-JB: Visit\n4471-JB: Visit again" }, "Check the children discussed. Row 2: 4471-JB is already listed in row 1."],
  ];

  it.each(PROBLEMS)("%s: a message on the field, what was typed kept, nothing recorded", async (_case, children, problem) => {
    const form = (await command("sam", `group note ${session.id}`)).form!;
    const reply = await submit("sam", form, { ...GROUP_PARTS, children });
    expect(reply.message!.text).toBe("Some fields need attention before the note can be recorded. Everything you typed is kept.");
    expect(reply.form!.errors.children).toBe(problem);
    expect(reply.form!.inputs.find((i) => i.id === "children")!.value).toEqual(children);
    const draft = (await t.storage.notes.findById(form.state.draftId!))!;
    expect(draft.status).toBe("draft");
    // A likely name is kept nowhere: not in the draft, not in the audit trail.
    expect(JSON.stringify(draft.fields)).not.toMatch(/Jayden/);
    expect(JSON.stringify(await t.storage.audit.list())).not.toMatch(/Jayden|4471 jb|12#34/);
    expect(await outcomesOn("4471-JB")).toEqual([]);
  });

  it("a name in a decision confirmed not a name is kept", async () => {
    const form = (await command("sam", `group note ${session.id}`)).form!;
    const first = await submit("sam", form, { ...GROUP_PARTS, children: rows(["4471-JB", "Ask Wendy Park at the school"]) });
    expect(first.form!.inputs.map((i) => i.id)).toContain("nameCheck");
    const reply = await submit("sam", first.form!, { nameCheck: "not-a-name" });
    expect(reply.message!.text).toContain("One outcome on each child's own record");
    expect((await outcomesOn("4471-JB"))[0]!.fields.decision).toBe("Ask Wendy Park at the school");
  });
});
