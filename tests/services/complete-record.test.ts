import { describe, expect, it } from "vitest";
import { exportNote } from "../../src/export/export-note.ts";
import { doesNotApply } from "../../src/domain/vocabulary.ts";
import { testCore } from "../support/core.ts";
import { recordedNote } from "../support/notes.ts";
import { openDraft, shown, start, submit, valuesOf } from "../support/note-forms.ts";

// Issue 14 item 5: before a note is recorded the bot asks for the child's views and wishes,
// the review of previous decisions and actions (pre-filled when earlier notes exist) and the
// disagreements, each answerable with why it does not apply; what was answered appears in the
// record and the export.

/** A note complete but for the three parts. */
const MESSAGE = "4471-JB discussed today 14:10 with @sam.\nIssue: missed two home visits.\nOptions: visit; wait.\nDecision: visit tomorrow.\nBecause: risk is rising.";

async function started(text = MESSAGE) {
  const t = await testCore();
  const mo = await t.person("mo");
  return { ...t, mo, form: (await start(t.core, { actor: mo, text, eventId: null })).form };
}

describe("the parts a note may answer with why they do not apply", () => {
  it("asks for the child's views and the disagreements, with what to say when they do not apply; the review is filled in", async () => {
    const { form } = await started();
    expect(form.errors).toEqual({
      disagreements: 'Needed before the note can be recorded: who disagreed and their view, or "none".',
      childViews: 'Needed before the note can be recorded: the child\'s views and wishes, or why they are not recorded (e.g. "not discussed: baby").',
    });
    expect(shown(form).review).toBe("first note on this case");
    for (const id of ["review", "disagreements", "childViews"]) expect(form.inputs.find((i) => i.id === id)?.required, id).toBe(true);
  });

  // [the child's views as answered, what is stored (views, does-not-apply), the problem shown (null: recorded)]
  it.each([
    ["says she wants to stay at home", "says she wants to stay at home", null, null],
    ["not discussed: baby", null, "not discussed: baby", null],
    ["Not seen – in hospital.", null, "Not seen – in hospital", null],
    ["n/a, 6 weeks old", null, "n/a, 6 weeks old", null],
    // Content that only starts like a reason is content.
    ["Not seen alone; mum says he is happy", "Not seen alone; mum says he is happy", null, null],
    ["n/a", null, "n/a", 'Say why the child\'s views are not recorded, e.g. "not discussed: baby" or "not seen: in hospital".'],
    ["none", null, "none", 'Say why the child\'s views are not recorded, e.g. "not discussed: baby" or "not seen: in hospital".'],
  ])("child's views %j", async (answer, views, reason, problem) => {
    const { core, mo, form, storage } = await started();
    const outcome = await submit(core, { actor: mo, values: { ...valuesOf(form), disagreements: "none", childViews: answer }, state: form.state, submissionKey: "s" });
    if (problem === null) {
      expect(outcome).toMatchObject({ status: "recorded", note: { fields: { childViews: views, childViewsDoesNotApply: reason } } });
      return;
    }
    expect(outcome.status).toBe("invalid");
    if (outcome.status !== "invalid") return;
    expect(outcome.form.errors).toEqual({ childViews: problem });
    // Nothing typed is lost: shown again as typed, and kept on the draft.
    expect(shown(outcome.form).childViews).toBe(answer);
    expect((await storage.notes.findById(outcome.draftId!))?.fields.childViewsDoesNotApply).toBe(answer);
  });

  // [the review as answered, stored (review, does-not-apply), problem]
  it.each([
    ["first note on this case", null, "first note on this case", null],
    ["No previous notes – new referral from school", null, "No previous notes – new referral from school", null],
    ["Last visit done; school meeting still to book", "Last visit done; school meeting still to book", null, null],
    ["n/a", null, "n/a", 'Say why there is nothing to review, e.g. "first note on this case".'],
  ])("review %j", async (answer, review, reason, problem) => {
    const { core, mo, form } = await started();
    const outcome = await submit(core, { actor: mo, values: { ...valuesOf(form), review: answer, disagreements: "none", childViews: "not discussed: baby" }, state: form.state, submissionKey: "s" });
    if (problem === null) expect(outcome).toMatchObject({ status: "recorded", note: { fields: { review, reviewDoesNotApply: reason } } });
    else expect(outcome).toMatchObject({ status: "invalid", form: { errors: { review: problem } } });
  });

  it("takes 'none' for the disagreements, and keeps every typed value when the others are missing", async () => {
    const { core, mo, form } = await started();
    const invalid = await submit(core, { actor: mo, values: { ...valuesOf(form), disagreements: "none" }, state: form.state, submissionKey: "s1" });
    expect(invalid.status).toBe("invalid");
    if (invalid.status !== "invalid") return;
    expect(Object.keys(invalid.form.errors)).toEqual(["childViews"]);
    expect(shown(invalid.form)).toMatchObject({ disagreements: "none", issue: "missed two home visits", review: "first note on this case" });
    const recorded = await submit(core, { actor: mo, values: { ...valuesOf(invalid.form), childViews: "not discussed: baby" }, state: invalid.form.state, submissionKey: "s2" });
    expect(recorded).toMatchObject({ status: "recorded", note: { fields: { noDisagreement: true, disagreements: [] } } });
  });

  it("pre-fills the review from earlier notes' actions, and needs it answered once a blank form names the case", async () => {
    const { core, mo, storage } = await started();
    await recordedNote(core, "earlier", { caseRef: "4471-JB" });
    // A message naming the case: the earlier actions are offered at once.
    const next = await start(core, { actor: mo, text: MESSAGE.replace("14:10", "14:30"), eventId: null });
    expect(shown(next.form).review).toBe("- Visit (@sam, due Tue 24 Nov 2026 17:00): still open – review\n- Review (@mo, due Fri 27 Nov 2026 17:30): still open – review");
    // A blank form, the case typed: on submit the review is offered, to be checked before recording.
    const blank = await start(core, { actor: mo, text: "", eventId: null });
    const values = { ...valuesOf(blank.form), caseRef: "4471 jb", participants: "@mo, @sam", issue: "x", options: "a", decision: "a", rationale: "b", disagreements: "none", childViews: "not discussed: baby" };
    const first = await submit(core, { actor: mo, values, state: blank.form.state, submissionKey: "b1" });
    expect(first).toMatchObject({ status: "invalid", form: { errors: { review: "Filled in from the earlier notes on this case: say what came of each, then record." } } });
    if (first.status !== "invalid") return;
    expect(shown(first.form).review).toContain("- Visit (@sam, due Tue 24 Nov 2026 17:00): still open – review");
    const second = await submit(core, { actor: mo, values: { ...valuesOf(first.form), review: "Visit done: seen alone. Review booked for Friday." }, state: first.form.state, submissionKey: "b2" });
    expect(second).toMatchObject({ status: "recorded", note: { fields: { review: "Visit done: seen alone. Review booked for Friday." } } });
    expect((await storage.notes.listByCase("4471-JB")).filter((n) => n.status === "recorded")).toHaveLength(2);
  });

  it("answers the review of a first note on a case itself when the case is typed into a blank form", async () => {
    const { core, mo } = await started();
    const blank = await start(core, { actor: mo, text: "", eventId: null });
    expect(shown(blank.form).review).toBe("");
    const values = { ...valuesOf(blank.form), caseRef: "9001-KT", participants: "@mo, @sam", issue: "x", options: "a", decision: "a", rationale: "b", disagreements: "none", childViews: "not discussed: baby" };
    expect(await submit(core, { actor: mo, values, state: blank.form.state, submissionKey: "b1" })).toMatchObject({ status: "recorded", note: { fields: { review: null, reviewDoesNotApply: "first note on this case" } } });
  });

  it("offers the review when a draft kept from a blank form is finished", async () => {
    const { core, mo } = await started();
    const blank = await start(core, { actor: mo, text: "", eventId: null });
    const kept = await submit(core, { actor: mo, values: { ...valuesOf(blank.form), participants: "@mo" }, state: blank.form.state, submissionKey: "k" });
    if (kept.status !== "invalid") throw new Error("expected problems");
    await core.storage.notes.updateDraft(kept.draftId!, { ...(await core.storage.notes.findById(kept.draftId!))!.fields, caseRef: "9002-KT" }, "p-mo", core.clock.now());
    expect(shown(await openDraft(core, mo, kept.draftId!)).review).toBe("first note on this case");
  });
});

describe("what was answered, in the record and the exports", () => {
  it("shows the answers as given, the child's letter leaving out why views were not recorded", async () => {
    const t = await testCore();
    const mo = await t.person("mo");
    await recordedNote(t.core, "n1", { reviewDoesNotApply: "first note on this case", childViews: null, childViewsDoesNotApply: "not discussed: baby", noDisagreement: true, disagreements: [] });
    const text = await exportNote(t.core, mo, "n1", "text");
    expect(text).toContain("2. Review of previous decisions and actions\nfirst note on this case\n");
    expect(text).toContain("6. Disagreements\nNo disagreement.\n");
    expect(text).toContain("8. Child's views and wishes\nnot discussed: baby\n");
    const json = JSON.parse(await exportNote(t.core, mo, "n1", "json"));
    expect(json).toMatchObject({ review: null, reviewDoesNotApply: "first note on this case", childViews: null, childViewsDoesNotApply: "not discussed: baby", noDisagreement: true });
    const [header, row] = (await exportNote(t.core, mo, "n1", "csv")).split("\r\n");
    const cells = Object.fromEntries(header!.split(",").map((column, i) => [column, row!.split(",")[i]]));
    expect(cells).toMatchObject({ reviewDoesNotApply: "first note on this case", childViewsDoesNotApply: "not discussed: baby", disagreements: "none", childViews: "" });
    const letter = await exportNote(t.core, mo, "n1", "child");
    expect(letter).toContain("What you told us\nWe have not written down what you think about this yet.");
    expect(letter).not.toContain("not discussed");
  });

  it("lists them in the summary sent when the note is recorded", async () => {
    const { core, mo, form } = await started();
    const { handleInbound } = await import("../../src/bot/inbound.ts");
    const { silentLogger } = await import("../../src/logger.ts");
    const values = { ...valuesOf(form), disagreements: { type: "text" as const, text: "@sam: preferred to wait" }, childViews: { type: "text" as const, text: "not discussed: baby" } };
    const reply = await handleInbound(core, silentLogger, { kind: "submit", eventId: "e1", actor: { platform: "console", externalId: mo.handle }, formId: form.formId, values, state: form.state });
    const fields = reply.message!.blocks.flatMap((b) => (b.type === "fields" ? b.fields : []));
    expect(Object.fromEntries(fields.map((f) => [f.label, f.value]))).toMatchObject({
      "Review of previous decisions and actions": "first note on this case",
      Disagreements: ["Sam Worker: preferred to wait"],
      "Child's views and wishes": "not discussed: baby",
    });
  });
});

describe("doesNotApply: the one reading of 'does not apply' answers", () => {
  it.each([
    ["not discussed: baby", "childViews", { reason: "not discussed: baby" }],
    ["N/A - 3 weeks old.", "childViews", { reason: "N/A - 3 weeks old" }],
    ["not seen (in hospital)", "childViews", { reason: "not seen (in hospital)" }],
    ["none", "childViews", "no-reason"],
    ["Not applicable", "review", "no-reason"],
    ["first note on this case", "review", { reason: "first note on this case" }],
    ["first note on this case", "childViews", null],
    ["nothing to review: new referral", "review", { reason: "nothing to review: new referral" }],
    ["wants to see her dad more", "childViews", null],
    ["No – still wants to live with dad", "childViews", null],
    ["no", "childViews", "no-reason"],
    ["No concerns from the visit", "review", null],
  ] as const)("%j as the %s", (answer, part, read) => {
    expect(doesNotApply(answer, part)).toEqual(read);
  });
});
