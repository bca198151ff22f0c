import { describe, expect, it } from "vitest";
import { openDraft, shown, start, submit, valuesOf } from "../support/note-forms.ts";
import { NOT_A_NAME } from "../../src/services/note-form.ts";
import { testCore } from "../support/core.ts";
import { COMPLETE_EXAMPLE } from "../support/fixtures.ts";



describe("recording an oversight note from a chat message", () => {
  it("reads an owner only from an action row's lead that names someone; other words stay the action's", async () => {
    const { core, person } = await testCore();
    const mo = await person("mo");
    const started = await start(core, { actor: mo, text: COMPLETE_EXAMPLE, eventId: null });
    const rows = [
      { what: "@sam: visit the family", owner: null, due: "2026-11-24T17:00:00.000Z" },
      { what: "Check: school report", owner: null, due: "2026-11-24T17:00:00.000Z" },
    ];
    const outcome = await submit(core, { actor: mo, values: { ...valuesOf(started.form), actions: { type: "actions", rows } }, state: started.form.state, submissionKey: "rows" });
    expect(outcome.status).toBe("invalid");
    if (outcome.status !== "invalid") return;
    expect(outcome.form.errors.actions).toBe("Each action needs something to do, one owner and a due date. Action 2: no owner.");
  });

  it("pre-fills every field of docs/design.md's example (with the child's views) and records it in one confirmation", async () => {
    const { core, person, storage } = await testCore();
    const mo = await person("mo");
    const started = await start(core, { actor: mo, text: COMPLETE_EXAMPLE, eventId: "ev1" });
    expect(started.toFill).toEqual([]);
    const v = shown(started.form);
    expect(v).toMatchObject({
      caseRef: "4471-JB",
      kind: "ad-hoc",
      discussedAt: "2026-11-23T14:10:00.000Z",
      participants: "@mo, @sam",
      recorder: "@mo",
      review: "first note on this case",
      disagreements: "@sam: preferred strategy discussion today",
      childViews: "says she is scared when mum's partner is at home",
    });
    expect(v.options).toBe("strategy discussion\n* unannounced visit tomorrow");
    expect(v.actions).toBe("@sam: visit by 24/11/2026 17:00\n@mo: review by 27/11/2026 17:30");

    const outcome = await submit(core, { actor: mo, values: valuesOf(started.form), state: started.form.state, submissionKey: "sub1" });
    expect(outcome.status).toBe("recorded");
    if (outcome.status !== "recorded") return;
    expect(outcome.note).toMatchObject({ status: "recorded", recorderId: "p-mo", version: 1, lateReason: null });
    expect(outcome.note.actions.map((a) => [a.what, a.ownerId, a.dueAt?.toISOString()])).toEqual([
      ["visit", "p-sam", "2026-11-24T17:00:00.000Z"],
      ["review", "p-mo", "2026-11-27T17:30:00.000Z"],
    ]);
    // The draft's two deadlines are set, then recording meets one and sets the actions'.
    expect((await storage.audit.list()).map((e) => e.action)).toEqual(["note.create", "deadline.set", "deadline.set", "note.record", "deadline.met", "deadline.set", "deadline.set"]);
  });

  it("keeps one note when the same message event or the same submission arrives twice", async () => {
    const { core, person, storage } = await testCore();
    const mo = await person("mo");
    const first = await start(core, { actor: mo, text: COMPLETE_EXAMPLE, eventId: "ev1" });
    const again = await start(core, { actor: mo, text: COMPLETE_EXAMPLE, eventId: "ev1" });
    expect(again.draftId).toBe(first.draftId);
    const again2 = () => submit(core, { actor: mo, values: valuesOf(first.form), state: first.form.state, submissionKey: "sub1" });
    const [a, b] = [await again2(), await again2()];
    expect(a).toMatchObject({ status: "recorded", duplicate: false });
    expect(b).toMatchObject({ status: "recorded", duplicate: true });
    expect(await storage.notes.listByCase("4471-JB")).toHaveLength(1);
  });

  it("records a blank form submitted twice (no draft) as one note", async () => {
    const { core, person, storage } = await testCore();
    const mo = await person("mo");
    const started = await start(core, { actor: mo, text: COMPLETE_EXAMPLE, eventId: null });
    const values = valuesOf(started.form);
    await Promise.all([1, 2].map(() => submit(core, { actor: mo, values, state: {}, submissionKey: "view-9" })));
    expect((await storage.notes.listByCase("4471-JB")).filter((n) => n.status === "recorded")).toHaveLength(1);
  });

  // The review is the bot's to fill once the case is known ("first note on this case"); the
  // disagreements and the child's views are always asked for (issue 14 item 5).
  it.each([
    ["4471-JB spoke with @sam, agreed NFA", ["issue", "options", "rationale", "disagreements", "childViews"]],
    ["Sam rang about school attendance", ["caseRef", "review", "options", "decision", "rationale", "disagreements", "childViews"]],
    ["", ["caseRef", "issue", "review", "options", "decision", "rationale", "disagreements", "childViews"]],
  ])("asks only for what %j leaves missing", async (text, toFill) => {
    const { core, person } = await testCore();
    const started = await start(core, { actor: await person("mo"), text, eventId: null });
    expect(started.toFill).toEqual(toFill);
    for (const field of toFill) expect(started.form.errors[field]).toMatch(/^Needed before the note can be recorded/);
  });

  it("points out a discussion date in the future and a due date before the discussion, rather than moving them a year", async () => {
    const { core, person } = await testCore();
    const text = COMPLETE_EXAMPLE.replace("discussed today 14:10", "discussed 25/11 14:00").replace("Sam to visit by tomorrow 5pm", "Sam to visit by 20/11");
    const started = await start(core, { actor: await person("mo"), text, eventId: null });
    expect(started.form.errors.discussedAt).toBe("The discussion cannot be in the future.");
    const early = await start(core, { actor: await person("mo"), text: COMPLETE_EXAMPLE.replace("Sam to visit by tomorrow 5pm", "Sam to visit by 20/11"), eventId: null });
    expect(early.form.errors.actions).toBe("Each action needs something to do, one owner and a due date. Action 1: due before the discussion.");
  });

  it("keeps everything typed when a submission has problems, and points them out per field", async () => {
    const { core, person, storage } = await testCore();
    const mo = await person("mo");
    const started = await start(core, { actor: mo, text: COMPLETE_EXAMPLE, eventId: null });
    const values = { ...valuesOf(started.form), caseRef: "", actions: "@sam: visit\npolice check by Friday", participants: "@mo, @bob" };
    const outcome = await submit(core, { actor: mo, values, state: started.form.state, submissionKey: "s" });
    expect(outcome.status).toBe("invalid");
    if (outcome.status !== "invalid") return;
    expect(outcome.form.errors).toEqual({
      caseRef: "Needed before the note can be recorded.",
      participants: "I do not know @bob: use a rostered person's @handle.",
      actions: "Each action needs something to do, one owner and a due date. Action 1: no due date; 2: no owner.",
    });
    expect(shown(outcome.form)).toMatchObject({ actions: values.actions, participants: values.participants, issue: shown(started.form).issue });
    const draft = await storage.notes.findById(outcome.draftId!);
    expect(draft).toMatchObject({ status: "draft", fields: { issue: "missed two home visits, school reports bruising" } });
  });

  it("has the most senior participant record: a practitioner's note waits for the manager", async () => {
    const { core, person } = await testCore();
    const sam = await person("sam");
    const text = COMPLETE_EXAMPLE.replace("with @sam", "with @mo").replace("Sam disagreed", "Mo disagreed");
    const started = await start(core, { actor: sam, text, eventId: null });
    expect(shown(started.form).recorder).toBe("@mo");
    const waiting = await submit(core, { actor: sam, values: valuesOf(started.form), state: started.form.state, submissionKey: "s1" });
    expect(waiting).toMatchObject({ status: "awaiting-recorder", note: { status: "draft", recorderId: "p-mo" } });

    const mo = await person("mo");
    const form = await openDraft(core, mo, started.draftId!);
    expect(form.errors).toEqual({});
    const recorded = await submit(core, { actor: mo, values: valuesOf(form), state: form.state, submissionKey: "s2" });
    expect(recorded).toMatchObject({ status: "recorded", note: { recorderId: "p-mo", recordedById: "p-mo" } });
  });

  it("lets the manager reassign the recorder, who can then finish the note", async () => {
    const { core, person } = await testCore();
    const mo = await person("mo");
    const started = await start(core, { actor: mo, text: COMPLETE_EXAMPLE, eventId: null });
    const outcome = await submit(core, { actor: mo, values: { ...valuesOf(started.form), recorder: "@priya" }, state: started.form.state, submissionKey: "s" });
    expect(outcome).toMatchObject({ status: "awaiting-recorder", note: { recorderId: "p-priya" } });
    const priya = await person("priya");
    const form = await openDraft(core, priya, started.draftId!);
    expect(shown(form).recorder).toBe("@priya");
    expect(await submit(core, { actor: priya, values: valuesOf(form), state: form.state, submissionKey: "s2" })).toMatchObject({ status: "recorded", note: { recorderId: "p-priya" } });
  });

  it.each([
    ["sam", "@sam", "The most senior person in the discussion, @mo, records the note; only they or someone more senior can hand it to someone else."],
    ["mo", "@aud", "@aud cannot record notes (an auditor, or no longer on the roster)."],
  ])("refuses @%s making %s the recorder", async (handle, recorder, error) => {
    const { core, person } = await testCore();
    const actor = await person(handle);
    const text = COMPLETE_EXAMPLE.replace("with @sam", "with @sam and @mo");
    const started = await start(core, { actor, text, eventId: null });
    const outcome = await submit(core, { actor, values: { ...valuesOf(started.form), recorder }, state: started.form.state, submissionKey: "s" });
    expect(outcome.status).toBe("invalid");
    if (outcome.status === "invalid") {
      expect(outcome.form.errors).toEqual({ recorder: error });
      expect(shown(outcome.form).recorder).toBe(recorder);
    }
  });

  it("moves the recorder the form chose when the participants change", async () => {
    const { core, person } = await testCore();
    const sam = await person("sam");
    const started = await start(core, { actor: sam, text: COMPLETE_EXAMPLE.replace("with @sam", "with @priya").replace("Sam disagreed", "Priya disagreed"), eventId: null });
    expect(shown(started.form).recorder).toBe("@priya");
    const values = { ...valuesOf(started.form), participants: "@sam, @priya, @mo" };
    expect(await submit(core, { actor: sam, values, state: started.form.state, submissionKey: "s" })).toMatchObject({ status: "awaiting-recorder", note: { recorderId: "p-mo" } });
  });

  it("asks why a note is late once the 48 hours have passed, and keeps the reason", async () => {
    const { core, person, clock } = await testCore();
    const mo = await person("mo");
    const started = await start(core, { actor: mo, text: COMPLETE_EXAMPLE, eventId: null });
    clock.set("2026-11-25T14:11:00Z");
    const late = await submit(core, { actor: mo, values: valuesOf(started.form), state: started.form.state, submissionKey: "s" });
    expect(late.status).toBe("invalid");
    if (late.status !== "invalid") return;
    expect(late.form.errors).toEqual({ lateReason: "This note was due by Wed 25 Nov 2026 14:10: say why it is late." });
    expect(late.form.inputs.map((i) => i.id)).toContain("lateReason");
    const recorded = await submit(core, { actor: mo, values: { ...valuesOf(late.form), lateReason: "In court all Tuesday" }, state: late.form.state, submissionKey: "s" });
    expect(recorded).toMatchObject({ status: "recorded", note: { lateReason: "In court all Tuesday" } });
  });

  it("does not save a likely child's name until it is corrected or confirmed not to be one", async () => {
    const { core, person, storage } = await testCore();
    const mo = await person("mo");
    const text = COMPLETE_EXAMPLE.replace("4471-JB", "Case: Jayden Smith\n").replace("school reports bruising", "school reports bruising on baby Amelia");
    const started = await start(core, { actor: mo, text, eventId: null });
    expect(started.draftId).toBeNull();
    expect(started.form.errors.caseRef).toBe('"Jayden Smith" looks like a name: use the case reference or initials.');
    expect(started.form.errors.issue).toContain('"baby Amelia" looks like a name');
    expect(await storage.notes.listByParticipant("p-mo")).toEqual([]);

    const values = valuesOf(started.form);
    const stillFlagged = await submit(core, { actor: mo, values, state: started.form.state, submissionKey: "s" });
    expect(stillFlagged).toMatchObject({ status: "invalid", draftId: null });
    expect(await storage.notes.listByParticipant("p-mo")).toEqual([]);

    const fixed = { ...values, caseRef: "4471-JB", issue: "missed two home visits, school reports bruising on the baby." };
    expect(await submit(core, { actor: mo, values: fixed, state: {}, submissionKey: "s" })).toMatchObject({ status: "recorded" });
  });

  it.each([
    ["disagreements", "Jayden: wants to stay at home", '"Jayden" looks like a name'],
    ["childViews", "Olivia Smith says she wants to stay", '"Olivia Smith" looks like a name'],
    // A child who shares a staff member's first name (issue 14 item 6).
    ["childViews", "Sam wants to stay with her nan", '"Sam" looks like a name'],
  ])("flags a name typed in %s and stores nothing", async (field, typed, error) => {
    const { core, person, storage } = await testCore();
    const mo = await person("mo");
    const started = await start(core, { actor: mo, text: COMPLETE_EXAMPLE, eventId: null });
    const before = await storage.notes.findById(started.draftId!);
    const outcome = await submit(core, { actor: mo, values: { ...valuesOf(started.form), [field]: typed }, state: started.form.state, submissionKey: "s" });
    expect(outcome.status).toBe("invalid");
    if (outcome.status === "invalid") expect(outcome.form.errors[field]).toContain(error);
    expect(await storage.notes.findById(started.draftId!)).toEqual(before);
  });

  it("flags a name in the late reason", async () => {
    const { core, person, clock } = await testCore();
    const mo = await person("mo");
    const started = await start(core, { actor: mo, text: COMPLETE_EXAMPLE, eventId: null });
    clock.set("2026-11-26T09:00:00Z");
    const outcome = await submit(core, { actor: mo, values: { ...valuesOf(started.form), lateReason: "Tyrone Smith was in hospital" }, state: started.form.state, submissionKey: "s" });
    expect(outcome).toMatchObject({ status: "invalid", form: { errors: { lateReason: '"Tyrone Smith" looks like a name: use the case reference or initials.' } } });
  });

  it("saves a flagged word the person confirms is not a name, and audits the override", async () => {
    const { core, person, storage } = await testCore();
    const mo = await person("mo");
    const text = COMPLETE_EXAMPLE.replace("Issue: missed", "Issue: Grace Lodge placement; missed");
    const started = await start(core, { actor: mo, text, eventId: null });
    const values = { ...valuesOf(started.form), issue: "Oliver House placement ending; missed visits", nameCheck: NOT_A_NAME };
    const outcome = await submit(core, { actor: mo, values, state: started.form.state, submissionKey: "s" });
    expect(outcome.status).toBe("recorded");
    const recorded = (await storage.audit.list()).find((e) => e.action === "note.record");
    expect(recorded?.detail).toMatchObject({ nameOverride: ["issue"] });
  });

  it("offers the open and done actions of earlier notes on the case as the review", async () => {
    const { core, person } = await testCore();
    const mo = await person("mo");
    const first = await start(core, { actor: mo, text: COMPLETE_EXAMPLE, eventId: null });
    const recorded = await submit(core, { actor: mo, values: valuesOf(first.form), state: first.form.state, submissionKey: "a" });
    if (recorded.status !== "recorded") throw new Error("not recorded");
    await core.storage.notes.completeAction(recorded.note.actions[0]!.id, "Seen alone, bruise explained by school PE", core.clock.now(), "p-sam");
    const next = await start(core, { actor: mo, text: "4471-JB with @sam. Issue: follow-up.", eventId: null });
    expect(shown(next.form).review).toBe(
      "- visit (@sam): done – Seen alone, bruise explained by school PE\n- review (@mo, due Fri 27 Nov 2026 17:30): still open – review",
    );
    // Someone who may see none of them is answered as for a case with none.
    const outsider = await start(core, { actor: await person("out"), text: "4471-JB quick chat. Issue: follow-up.", eventId: null });
    expect(shown(outsider.form).review).toBe("first note on this case");
  });

  it("records a decision not to act like any other", async () => {
    const { core, person } = await testCore();
    const mo = await person("mo");
    const text = "5567-AK discussed with @priya at 9. Issue: referral from school about attendance.\nOptions: NFA; early help referral.\nDecision: no further action.\nRationale: attendance now 96% and mum engaging.\nDisagreements: none\nChild's views: not discussed: seen at school last week";
    const started = await start(core, { actor: mo, text, eventId: null });
    const outcome = await submit(core, { actor: mo, values: valuesOf(started.form), state: started.form.state, submissionKey: "s" });
    expect(outcome).toMatchObject({ status: "recorded", note: { fields: { decisionNotToAct: true, noDisagreement: true, actions: [] } } });
  });
});
