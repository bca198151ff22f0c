// Issue 14 item 6: what a walkthrough as a new user found, each as a dialogue through the core.
import { describe, expect, it } from "vitest";
import { handleInbound } from "../../src/bot/inbound.ts";
import { silentLogger } from "../../src/logger.ts";
import { testCore } from "../support/core.ts";
import { amendFields, recordedNote } from "../support/notes.ts";
import { start, submit, valuesOf } from "../support/note-forms.ts";

type T = Awaited<ReturnType<typeof testCore>>;
let n = 0;
const say = async (t: T, who: string, text: string) =>
  (await handleInbound(t.core, silentLogger, { kind: "command", eventId: `w${++n}`, actor: { platform: "console", externalId: who }, text })).message?.text ?? "";

describe("away: a day and month alone is read against today", () => {
  // [said on (London), typed, from, to]
  it.each([
    ["2026-12-01T10:00:00Z", "away 24/12 2/1", "2026-12-24", "2027-01-02"], // the README's own example, across the new year
    ["2026-12-28T10:00:00Z", "away 2/1 5/1", "2027-01-02", "2027-01-05"], // next week, in the new year
    ["2027-01-04T10:00:00Z", "away 30/12 6/1", "2026-12-30", "2027-01-06"], // began last week, before the new year
    ["2026-11-23T10:00:00Z", "away 24/11", "2026-11-24", "2026-11-24"],
    ["2026-11-23T10:00:00Z", "away 24/12/2026 2/1", "2026-12-24", "2027-01-02"],
    ["2026-11-23T10:00:00Z", "away 2026-12-24 2027-01-02", "2026-12-24", "2027-01-02"],
  ])("on %s, %j is %s to %s", async (now, typed, from, to) => {
    const t = await testCore({ now });
    expect(await say(t, "sam", typed)).toMatch(new RegExp(`^Noted: you are away from ${from} to ${to} `));
    expect(await t.storage.schedule.absences("p-sam")).toMatchObject([{ fromDate: from, toDate: to }]);
  });
});

describe("list: someone without access cannot tell whether a case exists", () => {
  it("answers a case whose notes they may not see exactly as a case with none, and audits both alike", async () => {
    const t = await testCore();
    await recordedNote(t.core, "n1"); // on 4471-JB, mo and sam
    const hidden = await say(t, "out", "list 4471-jb");
    const none = await say(t, "out", "list 9999-zz");
    expect(hidden).toBe(none.replace("9999-ZZ", "4471-JB"));
    expect(hidden).not.toMatch(/n1/);
    // Someone who may see it is answered with the note, so the two answers above are not alike by accident.
    expect(await say(t, "mo", "list 4471-jb")).toMatch(/n1/);
    const audit = (await t.storage.audit.list()).filter((e) => e.actorId === "p-out");
    expect(audit.map((e) => [e.action, e.entityId, e.detail])).toEqual([
      ["note.access-denied", "4471-JB", { listing: true }],
      ["note.access-denied", "9999-ZZ", { listing: true }],
    ]);
  });
});

describe("a due date on a weekend or bank holiday is pointed out when the form is checked", () => {
  const message = (actions: string) =>
    `4471-JB discussed today 14:10 with @sam.\nIssue: missed visits.\nOptions: visit; wait.\nDecision: visit.\nBecause: risk.\nDisagreements: none\nChild's views: not seen: in hospital\nActions: ${actions}`;

  // [said on, actions, what the form says under Actions (null: nothing)]
  it.each([
    ["2026-11-27T15:00:00Z", "Sam to visit by tomorrow 5pm", "Not a working day: action 1: Sat 28 Nov 2026. Change the date, or submit again to keep it."],
    ["2026-12-24T10:00:00Z", "Sam to visit by 28/12 5pm; me to review by 29/12", "Not a working day: action 1: Mon 28 Dec 2026 (Boxing Day (substitute day)). Change the date, or submit again to keep it."],
    ["2026-11-26T15:00:00Z", "Sam to visit by tomorrow 5pm", null],
  ])("said on %s, %j: %j", async (now, actions, problem) => {
    const t = await testCore({ now });
    const started = await start(t.core, { actor: await t.person("mo"), text: message(actions), eventId: null });
    expect(started.form.errors.actions ?? null).toBe(problem);
  });

  it("keeps the date when the form is submitted again unchanged, and points out a new one", async () => {
    const t = await testCore({ now: "2026-11-27T15:00:00Z" });
    const mo = await t.person("mo");
    const started = await start(t.core, { actor: mo, text: message("Sam to visit by 30/11 5pm"), eventId: null });
    expect(started.form.errors.actions).toBeUndefined();
    // Moved to the Saturday: pointed out, nothing recorded.
    const rows = { type: "actions" as const, rows: [{ what: "visit", owner: { id: "p-sam", handle: "sam" }, due: "2026-11-28T17:00:00.000Z" }] };
    const first = await submit(t.core, { actor: mo, values: { ...valuesOf(started.form), actions: rows }, state: started.form.state, submissionKey: "a" });
    expect(first).toMatchObject({ status: "invalid", form: { errors: { actions: "Not a working day: action 1: Sat 28 Nov 2026. Change the date, or submit again to keep it." } } });
    // Submitted again as it stands: kept.
    if (first.status !== "invalid") throw new Error("expected the problem");
    const again = await submit(t.core, { actor: mo, values: valuesOf(first.form), state: first.form.state, submissionKey: "b" });
    expect(again).toMatchObject({ status: "recorded", note: { actions: [{ dueAt: new Date("2026-11-28T17:00:00.000Z") }] } });
  });

  it("does not hold up an amendment over a due date the note was recorded with", async () => {
    const t = await testCore({ now: "2026-11-27T15:00:00Z" });
    await recordedNote(t.core, "n1", { actions: [{ what: "Visit", ownerId: "p-sam", ownerText: null, dueAt: new Date("2026-11-28T17:00:00Z") }] });
    const amended = await amendFields(t.core, "n1", { rationale: "Police check came back clear." }, "result");
    expect(amended.fields.rationale).toBe("Police check came back clear.");
  });
});
