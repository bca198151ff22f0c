import { describe, expect, it } from "vitest";
import { parseMessage, READ_FIELDS } from "../../src/capture/parse-message.ts";
import { DESIGN_EXAMPLE, MESSY_EXAMPLE as MESSY } from "../support/fixtures.ts";

// Issue 14 item 2: the parser says, field by field, whether it read a value under its label
// ("Decision: …") or guessed it from prose by its cue words, so that the form can show a guess
// as a guess. A case reference and a time are read by their form and are never guesses.

const now = new Date("2026-11-23T15:00:00Z");
const team = [
  { handle: "sam", name: "Sam Worker" },
  { handle: "priya", name: "Priya Worker" },
];

describe("guesses: what the parser only read from prose", () => {
  // [message, the fields guessed (READ_FIELDS' order)]
  it.each([
    ["the README's labelled example", DESIGN_EXAMPLE, []],
    ["issue 14's messy message", MESSY, ["kind", "participants", "issue", "decision", "rationale", "disagreements", "actions"]],
    ["a reason cut out of a labelled decision", "4471-JB. Issue: school refusal. Options: EHA; CIN. Decision: EHA as parents asking for help.", ["rationale"]],
    ["a colleague's doubt in prose, named without @", "4471-JB. Issue: missed visits. Options: visit; wait. Decision: visit tomorrow. Because: risk. Priya felt we should wait for the medical.", ["participants", "disagreements"]],
    ["a disagreement under its own label-like lead", "4471-JB discussed with @priya. Issue: attendance. Options: EHA or NFA. Decision: NFA. Rationale: improving. Priya disagreed: wanted EHA.", []],
    ["the child's views in prose", "4471-JB with @sam. Issue: placement. Decision: stay. Because: settled. The child wants to stay with her nan.", ["childViews"]],
    ["answers that a part does not apply, labelled", "4471-JB with @sam. Issue: baby unwell. Child's views: not discussed: baby. Disagreements: none.", []],
    ["agreement and a bare decision in chat", "4471-JB spoke w/ priya. Issue: attendance. Everyone agreed: NFA.", ["participants", "decision", "disagreements"]],
  ])("%s", (_name, text, guessed) => {
    const draft = parseMessage(text, { now, team });
    expect(draft.guessed).toEqual(guessed);
    // Every field with a value says how it was read; the guesses are exactly those read from prose.
    for (const field of READ_FIELDS) expect(draft.readFrom[field] === "prose", field).toBe(guessed.includes(field));
  });

  it("reports every field of the README's example as read from its label", () => {
    const draft = parseMessage(DESIGN_EXAMPLE, { now, team });
    expect(draft.readFrom).toEqual({ participants: "label", issue: "label", options: "label", decision: "label", rationale: "label", disagreements: "label", actions: "label" });
  });

  it("marks nothing for a cue that came to nothing", () => {
    expect(parseMessage("", { now }).readFrom).toEqual({});
    expect(parseMessage("4471-JB", { now }).guessed).toEqual([]);
  });
});
