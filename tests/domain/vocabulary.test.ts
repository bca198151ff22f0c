import { describe, expect, it } from "vitest";
import { typed } from "../support/note-forms.ts";
import { readActions } from "../../src/capture/actions.ts";
import { findCaseIds } from "../../src/capture/case-ref.ts";
import { matchLabel } from "../../src/capture/labels.ts";
import { parseMessage } from "../../src/capture/parse-message.ts";
import { isDecisionNotToAct } from "../../src/domain/decision.ts";
import { LABEL_SYNONYMS, isCaseRef, saysNoActions, saysNoDisagreement } from "../../src/domain/vocabulary.ts";
import { DEFAULT_SETTINGS } from "../../src/services/core.ts";
import { Directory } from "../../src/services/directory.ts";
import { readNoteForm } from "../../src/services/note-form.ts";
import { CORPUS } from "../capture/corpus.ts";
import { team } from "../support/fixtures.ts";

const NOW = new Date("2026-11-23T15:00:00Z");

const NONE = [
  "none", "None.", "no", "nil", "n/a", "N/A", "not applicable", "no disagreement", "no disagreements",
  "No disagreements.", "all agreed", "everyone agreed", "We all agreed", "all were in agreement", "agreed by all",
  "nobody disagreed", "none raised", "  none  ",
];
const NOT_NONE = ["Sam disagreed", "not agreed", "no, Sam thought TAF first", "none of us agreed with Sam", "Priya: preferred TAF", "agreed NFA"];

describe("saysNoDisagreement: one answer for the form and the parser", () => {
  it.each(NONE)("%j says nobody disagreed", (phrase) => {
    expect(saysNoDisagreement(phrase)).toBe(true);
  });
  it.each(NOT_NONE)("%j does not", (phrase) => {
    expect(saysNoDisagreement(phrase)).toBe(false);
  });
});

describe("the form and the parser agree on a disagreements answer", () => {
  const people = team();
  const ctx = { actor: people.find((p) => p.handle === "mo")!, directory: Directory.of(people), now: NOW, settings: DEFAULT_SETTINGS };
  const form = (phrase: string) => readNoteForm(typed({ caseRef: "4471-JB", disagreements: phrase }), ctx).fields;
  const parsed = (phrase: string) => parseMessage(`4471-JB\nIssue: missed visits\nDisagreements: ${phrase}`, { now: NOW });

  const answers: Array<[string, boolean]> = [...NONE.map((p): [string, boolean] => [p, true]), ...NOT_NONE.map((p): [string, boolean] => [p, false])];
  it.each(answers)("%j: none is %s in both", (phrase, none) => {
    const [f, p] = [form(phrase), parsed(phrase)];
    expect(f.noDisagreement).toBe(none);
    expect(p.noDisagreement).toBe(none);
    // Neither records a disagreement beside "none", nor drops one that is there.
    expect(f.disagreements.length === 0).toBe(none);
    expect(p.disagreements.length === 0).toBe(none);
  });

  it("reads 'everyone agreed' in prose as no disagreement, but keeps a disagreement written beside 'we all agreed'", () => {
    expect(parseMessage("4471-JB discussed with Sam. Everyone agreed.", { now: NOW }).noDisagreement).toBe(true);
    // "We all agreed" names the decision here; Sam's disagreement is still recorded, not replaced by "none".
    const both = parseMessage("4471-JB. Sam disagreed: preferred TAF. We all agreed to visit tomorrow.", { now: NOW });
    expect(both).toMatchObject({ decision: "visit tomorrow", disagreements: [{ who: "Sam", view: "preferred TAF" }], noDisagreement: false });
  });
});

describe("saysNoActions", () => {
  it.each(["none", "N/A", "nil", "no actions", "No further actions.", "not applicable"])("%j says there are none", (phrase) => {
    expect(saysNoActions(phrase)).toBe(true);
    expect(readActions(phrase, { now: NOW })).toEqual([]);
  });
  it.each(["no contact with dad until Friday", "Sam to visit", "none of the above"])("%j does not", (phrase) => {
    expect(saysNoActions(phrase)).toBe(false);
  });
});

describe("decisions not to act", () => {
  it.each([
    "NFA", "nfa as mum engaging", "No further action", "no further social care involvement", "take no further action",
    "not to step up", "not to take any further action", "no strategy discussion needed", "no s47 at this stage",
    "no step-up required", "remain at universal services", "no change to the plan", "no role for children's services",
  ])("%j is a decision not to act", (decision) => {
    expect(isDecisionNotToAct(decision)).toBe(true);
  });
  it.each(["step up to CP", "close the case", "strategy discussion today", "no action plan yet, Sam to draft one", "unannounced visit"])(
    "%j is not",
    (decision) => {
      expect(isDecisionNotToAct(decision)).toBe(false);
    },
  );
});

describe("case references", () => {
  it.each(["4471-JB", "JB 4471", "123456", "AB/1234", "CR-20931", "MOS123456", " 4471-JB "])("%j is a case reference", (ref) => {
    expect(isCaseRef(ref)).toBe(true);
  });
  it.each(["Jo Bloggs", "", "JB-", "   ", "case", "4471-JB; Jo Bloggs is the child, per the school's report of today"])("%j is not", (ref) => {
    expect(isCaseRef(ref)).toBe(false);
  });

  it("every id the parser finds in the corpus passes the form's rule", () => {
    const ids = CORPUS.flatMap((c) => findCaseIds(c.text).map((f) => f.id));
    expect(ids.length).toBeGreaterThan(30);
    expect(ids.filter((id) => !isCaseRef(id))).toEqual([]);
  });

  it("the form refuses what the rule refuses", () => {
    const people = team();
    const ctx = { actor: people[1]!, directory: Directory.of(people), now: NOW, settings: DEFAULT_SETTINGS };
    expect(readNoteForm(typed({ caseRef: "JB-" }), ctx).errors.caseRef).toEqual({ key: "form.case-ref-format" });
    expect(readNoteForm(typed({ caseRef: "JB 4471" }), ctx).errors.caseRef).not.toEqual({ key: "form.case-ref-format" });
  });
});

describe("label synonyms", () => {
  it("every synonym reads as its own field", () => {
    const wrong = Object.entries(LABEL_SYNONYMS).flatMap(([field, words]) => words.filter((w) => matchLabel(w) !== field).map((w) => `${w} → ${matchLabel(w)}`));
    expect(wrong).toEqual([]);
  });
});
