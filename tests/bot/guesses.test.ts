import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConsoleSession } from "../../adapters/console/console-session.ts";
import { formCard } from "../../adapters/botframework/render-card.ts";
import { botPort } from "../../src/bot/bot-port.ts";
import { handleInbound } from "../../src/bot/inbound.ts";
import type { Form } from "../../src/content/form.ts";
import { silentLogger } from "../../src/logger.ts";
import { saveNoteDraft } from "../../src/services/record-oversight-note.ts";
import { play } from "../support/console-play.ts";
import { testCore } from "../support/core.ts";
import { COMPLETE_EXAMPLE, DESIGN_EXAMPLE, MESSY_EXAMPLE } from "../support/fixtures.ts";
import { openDraft, start, submit, typed, valuesOf } from "../support/note-forms.ts";

// Issue 14 item 2: fields read from prose, not from a label, are marked in the form and in the
// summary before recording ("read from your message: check"), and the bot never counts as
// filled what it only guessed. A person's check (a submitted form, an edit) takes the mark off.

const sample = () => readFileSync(new URL("../../adapters/console/sample-roster.csv", import.meta.url), "utf8");
const GUESS = "Read from your message: check.";
const marked = (form: Form) => form.inputs.filter((i) => i.guess).map((i) => i.id);
const MESSY_GUESSES = ["kind", "participants", "issue", "decision", "rationale", "disagreements", "actions"];

describe("guesses in the note form", () => {
  // [message, the form's fields marked as guesses]
  it.each([
    ["the README's labelled example", DESIGN_EXAMPLE, []],
    ["issue 14's messy message", MESSY_EXAMPLE, MESSY_GUESSES],
    ["a decision with its reason in prose, the rest labelled", "4471-JB with @sam. Issue: school refusal. Options: EHA; CIN. Decision: EHA as parents asking for help.", ["rationale"]],
  ])("%s: marks exactly what was read from prose", async (_name, text, guessed) => {
    const { core, person } = await testCore();
    const started = await start(core, { actor: await person("mo"), text, eventId: null });
    expect(marked(started.form)).toEqual(guessed);
    for (const input of started.form.inputs.filter((i) => i.guess)) expect(input.guess).toBe(GUESS);
    // The review the bot filled from the record is a fact, not a guess.
    expect(started.form.inputs.find((i) => i.id === "review")?.guess).toBeUndefined();
  });

  it("keeps the marks on the stored draft, so a form opened later shows them", async () => {
    const { core, person } = await testCore();
    const mo = await person("mo");
    const started = await start(core, { actor: mo, text: MESSY_EXAMPLE, eventId: null });
    expect((await core.storage.notes.findById(started.draftId!))?.fields.guessed).toEqual(MESSY_GUESSES);
    expect(marked(await openDraft(core, mo, started.draftId!))).toEqual(MESSY_GUESSES);
    // And `finish`, as any platform sends it.
    const reply = await handleInbound(core, silentLogger, { kind: "command", eventId: "f1", actor: { platform: "console", externalId: "mo" }, text: `finish ${started.draftId}` });
    expect(marked(reply.form!)).toEqual(MESSY_GUESSES);
  });

  it("takes the mark off a field a person changed when the form is closed, and leaves the rest", async () => {
    const { core, person } = await testCore();
    const mo = await person("mo");
    const started = await start(core, { actor: mo, text: MESSY_EXAMPLE, eventId: null });
    const kept = await saveNoteDraft(core, { actor: mo, answers: typed({ ...valuesOf(started.form), issue: "Mum not engaging with the CIN plan." }), state: started.form.state, submissionKey: "close" });
    expect(kept).toMatchObject({ status: "saved", id: started.draftId });
    expect(marked(await openDraft(core, mo, started.draftId!))).toEqual(MESSY_GUESSES.filter((f) => f !== "issue"));
  });

  it("takes every mark off once the form is submitted: the person saw and kept the values", async () => {
    const { core, person } = await testCore();
    const mo = await person("mo");
    const started = await start(core, { actor: mo, text: MESSY_EXAMPLE, eventId: null });
    // Submitted with the options still missing: the form comes back, its guesses now the person's.
    const invalid = await submit(core, { actor: mo, values: valuesOf(started.form), state: started.form.state, submissionKey: "s1" });
    expect(invalid.status).toBe("invalid");
    if (invalid.status !== "invalid") return;
    expect(Object.keys(invalid.form.errors)).toEqual(["options", "childViews"]);
    expect(marked(invalid.form)).toEqual([]);
    expect((await core.storage.notes.findById(started.draftId!))?.fields.guessed).toEqual([]);
    expect(marked(await openDraft(core, mo, started.draftId!))).toEqual([]);
    const recorded = await submit(core, { actor: mo, values: { ...valuesOf(invalid.form), options: "TAF\n* CP strategy discussion", childViews: "not seen: at school" }, state: invalid.form.state, submissionKey: "s2" });
    expect(recorded).toMatchObject({ status: "recorded", note: { fields: { guessed: [] } } });
  });

  it("says in a draft's summary (show) which fields are still guesses; a labelled draft has none", async () => {
    const { core, person } = await testCore();
    const mo = await person("mo");
    const show = async (id: string) => {
      const reply = await handleInbound(core, silentLogger, { kind: "command", eventId: `show-${id}`, actor: { platform: "console", externalId: "mo" }, text: `show ${id}` });
      return reply.message!.blocks.map((b) => ("text" in b ? b.text : "")).join("\n");
    };
    const messy = await start(core, { actor: mo, text: MESSY_EXAMPLE, eventId: null });
    expect(await show(messy.draftId!)).toContain("Read from the message and not yet checked by anyone: Kind of oversight, Who was in the discussion, Presenting issue, Decision, Rationale, Disagreements, Actions.");
    const labelled = await start(core, { actor: mo, text: COMPLETE_EXAMPLE, eventId: null });
    expect(await show(labelled.draftId!)).not.toContain("not yet checked");
  });
});

describe("guesses as each platform draws the form", () => {
  it("Teams: under each guessed input, and a line above the form saying how many", async () => {
    const { core, person } = await testCore();
    const started = await start(core, { actor: await person("mo"), text: MESSY_EXAMPLE, eventId: null });
    const words = {
      noChannel: "No channel",
      time: "Time",
      optional: "(optional)",
      keepDraft: "Keep as draft",
      actionRow: (n: number) => ({ what: `Action ${n}: what`, owner: `Action ${n}: owner`, due: `Action ${n}: due` }),
      childRow: (n: number) => ({ caseRef: `Child ${n}: case reference`, decision: `Child ${n}: what was decided` }),
      guessedIntro: (n: number) => core.prompts.say("form.guessed-intro", { guessed: n }),
    };
    const body = formCard(started.form, "k1", { channels: [], words }).body as Array<Record<string, unknown>>;
    const texts = body.filter((e) => e.type === "TextBlock").map((e) => String(e.text));
    expect(texts).toContain('7 fields were read from your message, not from a label: check each one marked "read from your message".');
    expect(texts.filter((t) => t === `🔍 ${GUESS}`)).toHaveLength(MESSY_GUESSES.length);
    // The mark follows its own input: right after the issue's text box.
    const issue = body.findIndex((e) => e.id === "issue");
    expect(body[issue + 1]).toMatchObject({ type: "TextBlock", text: `🔍 ${GUESS}` });
    const caseRef = body.findIndex((e) => e.id === "caseRef");
    expect(String(body[caseRef + 1]!.text)).not.toContain("🔍");
  });

  it("the console: marked in the summary, counted apart from what was filled", async () => {
    const { core } = await testCore();
    const session = new ConsoleSession(botPort(core, silentLogger), silentLogger, sample);
    await session.start("mo");
    await play(session, [
      [MESSY_EXAMPLE, "more lines"],
      ["", /Presenting issue: mum not engaging\n {2}\? Read from your message: check\.\nReview of previous decisions and actions: first note on this case\nOptions considered: —/],
    ]);
    // Asked only for what is missing, the guesses shown again before recording; answering one takes its mark off.
    const summary = await (async () => {
      await session.handleLine("strategy discussion");
      await session.handleLine("");
      await session.handleLine("not seen: at school");
      return session.handleLine("");
    })();
    expect(summary).toMatch(/Decision: step up to CP strategy discussion this week\n {2}\? Read from your message: check\.[\s\S]*Record this note\?/);
    const edited = await (async () => {
      await session.handleLine("decision");
      await session.handleLine("Step up to a CP strategy discussion on Thursday.");
      return session.handleLine("");
    })();
    expect(edited).toMatch(/Decision: Step up to a CP strategy discussion on Thursday\.\nRationale: the new DV incident\n {2}\? Read from your message: check\./);
  });

  it("the console: the count of filled fields leaves the guesses out", async () => {
    const { core } = await testCore();
    const session = new ConsoleSession(botPort(core, silentLogger), silentLogger, sample);
    await session.start("mo");
    await session.handleLine(MESSY_EXAMPLE);
    // Filled: the case, the time, the review and the recorder; the other seven only guessed.
    expect(await session.handleLine("")).toContain("I filled 4 fields and guessed 7 from your message: check them (marked ?). 2 to go:");
    await session.handleLine("/cancel");
    await session.handleLine(COMPLETE_EXAMPLE.split("\n").join(" "));
    const labelled = await session.handleLine("");
    expect(labelled).not.toContain("guessed");
    expect(labelled).not.toContain("? Read from your message");
  });
});
