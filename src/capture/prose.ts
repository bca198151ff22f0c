// Unlabelled prose: cue words that say which part of the note a clause is
// ("agreed NFA as …", "because …", "Sam disagreed …", "Priya to close by Fri").
import { DISAGREE_PROSE, PERSON_SRC, disagreementView, whoOrNull } from "./people.ts";
import { OWNER_LEAD, ownerOrNull } from "./owners.ts";
import { ALL_AGREED_SRC, AGREEING_GROUPS_AT_START, DECISION_VERBS, NONE_WORDS, NO_DISAGREEMENT_CUES, RATIONALE_CUES, anyOf, saysNoDisagreement } from "../domain/vocabulary.ts";

export type ClauseKind = "noDisagreement" | "disagreement" | "decision" | "rationale" | "action" | "options" | "childViews" | "context";

export interface Clause {
  kind: ClauseKind;
  /** The clause without its cue words ("agreed that X" → "X"); for actions and context, the clause. */
  text: string;
  who?: string | null;
  /** The clause as typed, cue words included (set by readProse). */
  raw?: string;
}

const NO_DISAGREEMENT_LEAD = new RegExp(String.raw`^(?:there (?:was|were) |decision\s+)?(?:${anyOf(NO_DISAGREEMENT_CUES)})\b`, "i");
/** "Disagreements - none raised" in prose: the answer after it is read as a whole. */
const DISAGREEMENTS_ANSWER = /^disagreements?\s*[:–-]?\s*(.*)$/is;
const ALL_AGREED = new RegExp(
  String.raw`^(?:${anyOf(AGREEING_GROUPS_AT_START)})\s+(?:were\s+)?(?:in agreement|agreed)\b\s*(?:that\b|to\b(?!\s+not)|on\b|with\b)?\s*(.*)$`,
  "is",
);
/** Anywhere in a message: an explicit statement that nobody disagreed ("Disagreements: none." but not "…: no, Sam …"). */
export const NO_DISAGREEMENT_ANYWHERE = new RegExp(
  String.raw`(?<!\bnot\s)(?:\b(?:${anyOf(NO_DISAGREEMENT_CUES)})\b|\b${ALL_AGREED_SRC}\b|\bdisagreements?\s*[:–-]\s*(?:${anyOf(NONE_WORDS)})(?=\s*(?:[.;!\n]|$)))`,
  "i",
);
const DECISION_VERB = anyOf(DECISION_VERBS);
const RATIONALE_CUE = anyOf(RATIONALE_CUES);

const DECISION_LEAD = new RegExp(
  String.raw`^(?:(?:so|and|then|overall|finally|ultimately|therefore)\s+)?(?:${PERSON_SRC}\s+and\s+(?:I|me)\s+|(?:we|i|it was|it has been|it's been|it is|team|the team|managers?)\s+)?(?:have\s+|had\s+|jointly\s+|therefore\s+|then\s+)?(?:${DECISION_VERB}|(?:the\s+)?decision(?:\s+(?:was|is|has been))?(?:\s+made)?|outcome(?:\s+(?:is|was))?)\b(?:\s+with\s+${PERSON_SRC})?\s*(?:that\b|upon\b|on\b|to\b(?!\s+not))?\s*[:–-]?\s*(.*)$`,
  "is",
);
/** "Strategy discussion agreed." / "step up to CP agreed, ICPC to be booked" */
const DECISION_TRAIL = new RegExp(String.raw`^(.{3,}?)\s+(?:was\s+|is\s+|has been\s+)?(?:${DECISION_VERB})(?:\s+(?:on|upon|by all|with\s+\S+))?(?:\.?$|[,;]\s+(.+)$)`, "is");
const AS_NOT_CAUSE =
  "soon|well|such|per|part|long|much|many|far|if|though|agreed|planned|discussed|above|below|before|usual|needed|required|appropriate|necessary|a result|urgent|a priority|a matter|of|to|with|for|an?\\s+option";
const RATIONALE_LEAD = new RegExp(
  String.raw`^(?:this (?:is|was) because|${RATIONALE_CUE}|(?<!\b(?:soon|well|such|long|much|far|many|same|so|just)\s)as(?!\s+(?:${AS_NOT_CAUSE})\b)|rationale(?:\s+(?:is|was|being))?|(?:the\s+)?reasons?(?:\s+(?:being|is|was|are|were|for (?:the )?decision(?: is| was)?))?)\b[\s:,–-]*(.+)$`,
  "is",
);
/** Where a decision's own rationale starts: "NFA as mum engaging" → "NFA" | "mum engaging". */
export const RATIONALE_SPLIT = new RegExp(
  String.raw`\s*[,;]?\s*\b(?:${RATIONALE_CUE}|(?<!\b(?:soon|well|such|long|much|far|many|same|so|just)\s)as(?!\s+(?:${AS_NOT_CAUSE})\b))\s+`,
  "i",
);
const OPTIONS_LEAD = [
  /^(?:the\s+)?(?:options?|alternatives?|choices)\s+(?:were|was|are|is|included|include|considered|discussed|available|explored)\s*:?\s*(.+)$/is,
  /^(?:we\s+|i\s+)?(?:considered|explored|looked at)\s+(?:the\s+)?(?:options?\s+(?:of\s+)?)?(.+)$/is,
];
const CHILD_VIEWS =
  /\b(?:voice of the child|wishes and feelings|child'?s? (?:views?|wishes|voice)|(?:says|said|told (?:us|me|her|him|them|the \w+|\w+)|has said|has told \w+|states|stated|reports|reported|expressed)\s+(?:that\s+)?(?:she|he|they|I)\s+(?:wants?|would(?:n't| not)? like|wish(?:es)?|do(?:es)?n'?t want|do(?:es)? not want|feels?|likes?|misses|loves?|hates?|is (?:happy|scared|worried|frightened|sad|upset|afraid))|^(?:the child|child|yp|young person|she|he)\s+(?:wants|would like|wishes|does not want|doesn't want)\b)/i;

/** Decides what one clause of prose is about. */
export function classifyClause(raw: string): Clause {
  const clause = raw.trim().replace(/^(?:[-*+]|\d{1,2}[.)])\s+/, "");
  const answer = DISAGREEMENTS_ANSWER.exec(clause);
  if (NO_DISAGREEMENT_LEAD.test(clause) || (answer && saysNoDisagreement(answer[1]!))) return { kind: "noDisagreement", text: "" };
  const all = ALL_AGREED.exec(clause);
  if (all) return { kind: "noDisagreement", text: all[1]!.trim() };

  const dis = DISAGREE_PROSE.exec(clause);
  if (dis && dis.index === 0) {
    const who = whoOrNull(dis[1]!);
    if (who) {
      const verbAndRest = clause.slice(clause.indexOf(dis[1]!) + dis[1]!.length);
      return { kind: "disagreement", who, text: disagreementView(verbAndRest, dis[2]!) };
    }
  }
  const lead = OWNER_LEAD.exec(clause);
  if (lead && ownerOrNull(lead[1]!) && /^[a-z]/.test(clause.slice(lead[0].length))) return { kind: "action", text: clause };

  const decision = DECISION_LEAD.exec(clause);
  if (decision && decision[1]!.trim()) return { kind: "decision", text: decision[1]!.trim() };
  const rationale = RATIONALE_LEAD.exec(clause);
  if (rationale) return { kind: "rationale", text: rationale[1]!.trim() };
  for (const re of OPTIONS_LEAD) {
    const m = re.exec(clause);
    if (m) return { kind: "options", text: m[1]!.trim() };
  }
  if (CHILD_VIEWS.test(clause)) return { kind: "childViews", text: clause };
  const trail = DECISION_TRAIL.exec(clause);
  if (trail && !whoOrNull(trail[1]!)) return { kind: "decision", text: trail[2] ? `${trail[1]!.trim()}, ${trail[2].trim()}` : trail[1]!.trim() };
  return { kind: "context", text: clause };
}

const SENTENCE_SPLIT = /\n+|(?<=[.!?])\s+(?=[A-Z@"(])/;
const CLAUSE_SPLIT = new RegExp(
  String.raw`(;\s*|,?\s+(?=(?:but|although|though|however|whilst|while)\s)|(?:,\s*|\s+and\s+|\s+[–—-]\s+)(?=(?:we\s+|it was\s+|i\s+)?(?:${DECISION_VERB})\b)|(?:,\s*|\s+and\s+|\s+then\s+)(?=(?:@\w|[A-Z][a-z]+\s+(?:to|will)\s|(?:me|I)\s+(?:to|will)\s)))`,
);

/**
 * Prose split into sentences, then clauses; a clause without cue words stays with the clause
 * before it in the same sentence ("agreed NFA as mum engaging; school happy" is one decision).
 */
export function readProse(text: string): Clause[] {
  const out: Clause[] = [];
  for (const sentence of text.split(SENTENCE_SPLIT)) {
    const parts = sentence.split(CLAUSE_SPLIT);
    let current: Clause | null = null;
    for (let i = 0; i < parts.length; i += 2) {
      const raw = parts[i]!;
      if (!raw.trim()) continue;
      let c = classifyClause(raw);
      // "Re LL/9090: Sam and I agreed …": the words after a short lead-in carry the cue.
      const colon = c.kind === "context" ? /^([^:]{1,40}):\s+(\S.*)$/s.exec(raw.trim()) : null;
      const after = colon ? classifyClause(colon[2]!) : null;
      if (colon && after && after.kind !== "context") {
        out.push({ kind: "context", text: colon[1]!, raw: colon[1]! });
        c = { ...after, raw: colon[2]! };
      } else {
        c.raw = raw.trim();
      }
      if (current && c.kind === "context") {
        current.text = (current.text + (parts[i - 1] ?? " ") + raw.trim()).trim();
        continue;
      }
      current = c;
      out.push(c);
    }
  }
  return out;
}

/** Trims a value: surrounding space, bullets, a final full stop or separator. Keeps every word. */
export function tidy(value: string): string {
  return value
    .replace(/^[\s:;,–—-]+/, "")
    .replace(/[\s;,:–—-]+$/, "")
    .replace(/(?<!\b(?:etc|e\.g|i\.e))\.$/, "")
    .trim();
}

const ITEM_LINE = /\n+/;
const BULLET = /^\s*(?:[-*+]|\d{1,2}[.)]|\(?[a-z]\)|option\s*(?:\d{1,2}|[a-e])\s*[:.)–-])\s*/i;
const INLINE_NUMBERS = /(?:^|\s)(?:\d{1,2}[.)]|\([a-e1-9]\))\s+/;

/** Items of a list: one per line/bullet, then ";" or inline "1) … 2) …". */
export function listItems(text: string, extra?: RegExp): string[] {
  const items: string[] = [];
  for (const line of text.split(ITEM_LINE)) {
    const body = line.replace(BULLET, "");
    const numbered = INLINE_NUMBERS.test(body) ? body.split(new RegExp(INLINE_NUMBERS.source, "g")) : [body];
    for (const part of numbered) {
      for (const piece of part.split(/;\s*/)) {
        for (const sub of extra ? piece.split(extra) : [piece]) {
          const t = tidy(sub);
          if (t) items.push(t);
        }
      }
    }
  }
  return items;
}

/** Options: list items; a single line splits on " / " or " or " ("A, B or C" gives three). */
export function splitOptions(text: string): string[] {
  const items = listItems(text);
  if (items.length !== 1) return items;
  const only = items[0]!;
  if (/\s\/\s/.test(only)) return only.split(/\s+\/\s+/).map(tidy).filter(Boolean);
  if (/\sor\s/i.test(only)) {
    const parts = only.split(/,?\s+or\s+/i);
    const last = parts.pop()!;
    const head = parts.flatMap((p) => (/,\s/.test(p) ? p.split(/,\s+/) : [p]));
    return [...head, last].map(tidy).filter(Boolean);
  }
  return items;
}

/** "NFA as mum engaging" → ["NFA", "mum engaging"]; no cue → [text, null]. */
export function splitDecisionRationale(text: string): [string, string | null] {
  const m = RATIONALE_SPLIT.exec(text);
  if (!m || m.index === 0) return [text, null];
  return [tidy(text.slice(0, m.index)), tidy(text.slice(m.index + m[0].length)) || null];
}
