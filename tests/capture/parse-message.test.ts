import { describe, expect, it } from "vitest";
import { parseActionLine } from "../../src/capture/actions.ts";
import { parseMessage, type ParsedDraft } from "../../src/capture/parse-message.ts";
import { canonicalCaseRef } from "../../src/domain/vocabulary.ts";
import { CORPUS } from "./corpus.ts";

/** The draft with instants as ISO strings, as the CLI prints it. */
function view(d: ParsedDraft) {
  return {
    ...d,
    discussedAt: d.discussedAt.toISOString(),
    actions: d.actions.map((a) => ({ ...a, due: a.due ? a.due.toISOString() : null })),
  };
}

describe("parseMessage: corpus of chat messages", () => {
  it("has at least 45 messages", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(45);
  });

  it.each(CORPUS.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const draft = parseMessage(c.text, { now: new Date(c.now), ...(c.endOfDay ? { endOfDay: c.endOfDay } : {}) });
    // The corpus gives the id as typed; the draft holds its one spelling (issue 14 item 4).
    const caseRef = typeof c.expect.caseRef === "string" ? { caseRef: canonicalCaseRef(c.expect.caseRef) } : {};
    expect(view(draft)).toMatchObject({ ...c.expect, ...caseRef });
  });
});

describe("parseMessage: edges", () => {
  const now = new Date("2026-11-23T15:00:00Z");

  it("returns an empty draft for an empty message", () => {
    const d = parseMessage("", { now });
    expect(view(d)).toEqual({
      caseRef: null,
      kind: null,
      discussedAt: now.toISOString(),
      discussedAtText: null,
      participants: [],
      issue: null,
      review: null,
      options: [],
      decision: null,
      decisionNotToAct: false,
      rationale: null,
      disagreements: [],
      noDisagreement: false,
      actions: [],
      childViews: null,
      missing: ["caseRef", "issue", "options", "decision", "rationale"],
      readFrom: {},
      guessed: [],
    });
  });

  it("ignores the command word alone", () => {
    expect(parseMessage("/oversight", { now }).missing).toHaveLength(5);
  });

  it("never reads a person's name as a case reference", () => {
    const d = parseMessage("Spoke with Jayden Smith and Priya. Agreed NFA as school happy.", { now });
    expect(d.caseRef).toBeNull();
    expect(d.participants).toEqual(["Jayden Smith", "Priya"]);
  });

  it("an explicit Kind label wins over decision words", () => {
    const d = parseMessage("CR-1 Kind: transfer\nDecision: step down to EH", { now });
    expect(d.kind).toBe("transfer");
  });

  it("does not set strategy discussion merely because an option mentions one", () => {
    const d = parseMessage("CR-1 Options: strategy discussion; visit. Decision: visit today", { now });
    expect(d.kind).toBeNull();
  });

  it("reads lower-case labels, including one straight after the case id", () => {
    const d = parseMessage("cr-20931 issue: bruising. decision: visit today. rationale: new injury. options: visit or wait", { now });
    expect(d).toMatchObject({ caseRef: "20931-CR", issue: "bruising", decision: "visit today", rationale: "new injury", options: ["visit", "wait"], missing: [] });
  });

  it("does not take a lower-case label word in the middle of prose", () => {
    const d = parseMessage("CR-1 Agreed to visit. We noted the main reason: mum unwell.", { now });
    expect(d.rationale).toBeNull();
  });

  it("'not all agreed' is not an explicit no-disagreement", () => {
    expect(parseMessage("CR-1 Decision: visit. Not all agreed.", { now }).noDisagreement).toBe(false);
  });

  it("does not mutate or depend on earlier calls", () => {
    const text = CORPUS[0]!.text;
    const a = view(parseMessage(text, { now }));
    parseMessage(CORPUS[1]!.text, { now });
    expect(view(parseMessage(text, { now }))).toEqual(a);
  });
});

describe("parseActionLine (form fields)", () => {
  const ctx = { now: new Date("2026-11-23T15:00:00Z") }; // Monday, GMT
  const rows: Array<[string, { what: string; owner: string | null; due: string | null; dueText: string | null }]> = [
    ["Sam to visit by tomorrow 5pm", { what: "visit", owner: "Sam", due: "2026-11-24T17:00:00.000Z", dueText: "tomorrow 5pm" }],
    ["visit family — @sam — Friday", { what: "visit family", owner: "@sam", due: "2026-11-27T17:30:00.000Z", dueText: "Friday" }],
    ["police check", { what: "police check", owner: null, due: null, dueText: null }],
    ["@priya: chase school report by 25/11", { what: "chase school report", owner: "@priya", due: "2026-11-25T17:30:00.000Z", dueText: "25/11" }],
    ["I'll call the GP on Monday", { what: "call the GP", owner: "I", due: "2026-11-30T17:30:00.000Z", dueText: "Monday" }],
    ["Chase GP (Sam, Friday)", { what: "Chase GP", owner: "Sam", due: "2026-11-27T17:30:00.000Z", dueText: "Friday" }],
    ["Speak to school by Wednesday", { what: "Speak to school", owner: null, due: "2026-11-25T17:30:00.000Z", dueText: "Wednesday" }],
    ["Visit - Sam - end of day", { what: "Visit", owner: "Sam", due: "2026-11-23T17:30:00.000Z", dueText: "end of day" }],
    ["- Sam & Priya to do joint visit on 2/12 at 2pm.", { what: "do joint visit", owner: "Sam & Priya", due: "2026-12-02T14:00:00.000Z", dueText: "2/12 at 2pm" }],
    ["Police to share disclosure", { what: "Police to share disclosure", owner: null, due: null, dueText: null }],
  ];
  it.each(rows)("%s", (line, expected) => {
    const a = parseActionLine(line, ctx);
    expect({ ...a, due: a.due ? a.due.toISOString() : null }).toEqual(expected);
  });

  it("uses the context's end of day for a date without a time", () => {
    const a = parseActionLine("me to review Friday", { ...ctx, endOfDay: { hour: 16, minute: 45 } });
    expect(a.due?.toISOString()).toBe("2026-11-27T16:45:00.000Z");
  });
});
