import { canonicalCaseRef } from "../../src/domain/vocabulary.ts";
// Scores a parsed draft against a corpus case's expectations, field by field, as a person
// checking the pre-filled form would: text compared without case, spacing or a final full
// stop; people without "@" or case ("me" and "I" are the author); instants exactly.
// Shared by tests/capture/messy-corpus.test.ts and tests/capture/score-corpus.ts.
import { parseMessage, type ParsedDraft, type TeamMember } from "../../src/capture/parse-message.ts";
import type { CorpusCase, ExpectedDraft } from "./corpus.ts";

/** The fields a person reads on the form; each scores 1 when right. */
export const SCORED_FIELDS = ["caseRef", "discussedAt", "participants", "issue", "options", "decision", "rationale", "disagreements", "actions", "childViews"] as const;
export type ScoredField = (typeof SCORED_FIELDS)[number];

const text = (v: string | null | undefined) => (v ?? "").toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, " ").replace(/[\s.;,:–—-]+$/, "").trim();
const who = (v: string | null | undefined) => {
  const t = text(v).replace(/^@/, "");
  return t === "i" || t === "myself" ? "me" : t.split(/[\s.]/)[0]!;
};
const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

/** Whether the draft's value for `field` is what the case expects. */
export function fieldRight(field: ScoredField, draft: ParsedDraft, expect: ExpectedDraft): boolean {
  switch (field) {
    case "caseRef":
      // One case, one spelling (issue 14 item 4): the parser gives the canonical form of what was typed.
      return text(draft.caseRef) === text(expect.caseRef == null ? expect.caseRef : canonicalCaseRef(expect.caseRef));
    case "discussedAt":
      return draft.discussedAt.toISOString() === expect.discussedAt;
    case "participants":
      return sameSet(draft.participants.map(who).filter((p) => p !== "me"), (expect.participants ?? []).map(who).filter((p) => p !== "me"));
    case "issue":
      return text(draft.issue) === text(expect.issue);
    case "options":
      return sameSet(draft.options.map(text), (expect.options ?? []).map(text));
    case "decision":
      return text(draft.decision) === text(expect.decision);
    case "rationale":
      return text(draft.rationale) === text(expect.rationale);
    case "childViews":
      return text(draft.childViews) === text(expect.childViews);
    case "disagreements":
      return sameSet(
        draft.disagreements.map((d) => `${who(d.who)}|${text(d.view)}`),
        (expect.disagreements ?? []).map((d) => `${who(d.who)}|${text(d.view)}`),
      );
    case "actions": {
      const key = (a: { what?: string; owner?: string | null; due?: string | null }) => `${text(a.what)}|${a.owner ? who(a.owner) : ""}|${a.due ?? ""}`;
      return sameSet(
        draft.actions.map((a) => key({ what: a.what, owner: a.owner, due: a.due ? a.due.toISOString() : null })),
        (expect.actions ?? []).map(key),
      );
    }
  }
}

export interface CaseScore {
  name: string;
  right: number;
  total: number;
  wrong: ScoredField[];
}

/** Scores every case on the fields its expectation names. */
export function scoreCorpus(corpus: readonly CorpusCase[], team?: readonly TeamMember[]): { right: number; total: number; percent: number; cases: CaseScore[]; byField: Record<string, { right: number; total: number }> } {
  const cases: CaseScore[] = [];
  const byField: Record<string, { right: number; total: number }> = {};
  for (const c of corpus) {
    const draft = parseMessage(c.text, { now: new Date(c.now), ...(c.endOfDay ? { endOfDay: c.endOfDay } : {}), ...(team ? { team } : {}) });
    const score: CaseScore = { name: c.name, right: 0, total: 0, wrong: [] };
    for (const field of SCORED_FIELDS) {
      if (!(field in c.expect)) continue;
      const ok = fieldRight(field, draft, c.expect);
      score.total++;
      byField[field] ??= { right: 0, total: 0 };
      byField[field].total++;
      if (ok) {
        score.right++;
        byField[field].right++;
      } else score.wrong.push(field);
    }
    cases.push(score);
  }
  const right = cases.reduce((s, c) => s + c.right, 0);
  const total = cases.reduce((s, c) => s + c.total, 0);
  return { right, total, percent: total ? (100 * right) / total : 100, cases, byField };
}
