// Labelled sections ("Issue:", "Decison -", "Options" on its own line…) and the split of a
// message into sections and unlabelled prose.
import { editDistance } from "../domain/edit-distance.ts";
import { LABEL_SYNONYMS, type LabelledField } from "../domain/vocabulary.ts";
import { DISAGREE_PROSE } from "./people.ts";
import { classifyClause, type ClauseKind } from "./prose.ts";

export type Field = LabelledField;

const EXACT = new Map<string, Field>();
for (const [field, words] of Object.entries(LABEL_SYNONYMS) as Array<[Field, readonly string[]]>) {
  for (const w of words) EXACT.set(w, field);
}
/** Labels of 4+ letters by first letter: a typo rarely changes the first letter. */
const FUZZY_KEYS = new Map<string, string[]>();
for (const k of EXACT.keys()) if (k.length >= 4) FUZZY_KEYS.set(k[0]!, [...(FUZZY_KEYS.get(k[0]!) ?? []), k]);
const OPTION_N = /^option\s*(?:\d{1,2}|[a-e]|one|two|three|four)$/;

/** Which field a label names, tolerating case, "(s)", apostrophes and one or two typos. */
export function matchLabel(raw: string): Field | null {
  const key = raw
    .toLowerCase()
    .replace(/\(s\)/g, "s")
    .replace(/[’`]/g, "'")
    .replace(/[-/_]+/g, " ")
    .replace(/[^a-z' ]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if (!key) return null;
  const exact = EXACT.get(key);
  if (exact) return exact;
  if (OPTION_N.test(key)) return "option";
  if (key.length < 4 || key.length > 45) return null;
  const limit = key.length >= 8 ? 2 : 1;
  for (const k of FUZZY_KEYS.get(key[0]!) ?? []) {
    if (Math.abs(k.length - key.length) > limit) continue;
    if (editDistance(key, k, limit) <= limit) return EXACT.get(k) ?? null;
  }
  return null;
}

interface LabelHit {
  field: Field;
  start: number;
  valueStart: number;
}

const BULLET_PREFIX = /^\s*(?:[-*+]|\d{1,2}[.)]|\(?[a-z]\))?\s*/;
const WORD = /^[A-Za-z0-9][A-Za-z0-9'()-]*$/;
const LINE_DASH_LABEL = /^([A-Za-z][A-Za-z' ()/-]{1,40}?)\s+[-–—]\s+/;
const LINE_ONLY_LABEL = /^([A-Za-z][A-Za-z' ()/-]{1,50}?)\s*[:\-–—]?\s*$/;

/** Finds labels: at a line start, after sentence punctuation, or capitalised mid-line ("… Options: a; b"). */
function findLabels(text: string): LabelHit[] {
  const hits: LabelHit[] = [];
  let lineStart = 0;
  for (const line of text.split("\n")) {
    const bullet = BULLET_PREFIX.exec(line)![0].length;
    const body = line.slice(bullet);
    const only = LINE_ONLY_LABEL.exec(body);
    const onlyField = only && !/^[-*+]/.test(line.trim()) ? matchLabel(only[1]!) : null;
    if (onlyField) {
      hits.push({ field: onlyField, start: lineStart + bullet, valueStart: lineStart + line.length });
    } else {
      const dash = LINE_DASH_LABEL.exec(body);
      const dashField = dash ? matchLabel(dash[1]!) : null;
      if (dash && dashField) hits.push({ field: dashField, start: lineStart + bullet, valueStart: lineStart + bullet + dash[0].length });
      for (let i = body.indexOf(":"); i >= 0; i = body.indexOf(":", i + 1)) {
        if (dashField && i < dash![0].length) continue;
        const hit = labelBeforeColon(body, i);
        if (hit) hits.push({ field: hit.field, start: lineStart + bullet + hit.start, valueStart: lineStart + bullet + i + 1 });
      }
    }
    lineStart += line.length + 1;
  }
  return hits;
}

function labelBeforeColon(body: string, colon: number): { field: Field; start: number } | null {
  const before = body.slice(0, colon).replace(/\s+$/, "");
  if (!before || !/[A-Za-z0-9)]$/.test(before)) return null;
  const boundary = Math.max(before.lastIndexOf("."), before.lastIndexOf(";"), before.lastIndexOf("!"), before.lastIndexOf("?"), before.lastIndexOf(","));
  const tail = before.slice(boundary + 1);
  const words = tail.trim().split(/\s+/);
  let k = 0;
  while (k < words.length && k < 5 && WORD.test(words[words.length - 1 - k]!)) k++;
  for (let n = k; n >= 1; n--) {
    const cand = words.slice(words.length - n).join(" ");
    if (!/^[A-Za-z]/.test(cand)) continue;
    const field = matchLabel(cand);
    if (!field) continue;
    const start = before.length - cand.length;
    const prefix = before.slice(0, start).trim();
    // Line start, after punctuation, or straight after a leading id ("cr-20931 issue: …").
    const atBoundary = prefix === "" || /[.;!?,)]$/.test(prefix) || /^[^\s]*\d[^\s]*$/.test(prefix);
    if (atBoundary || /^[A-Z]/.test(cand)) return { field, start };
  }
  return null;
}

export interface Segment {
  /** null: unlabelled prose, read clause by clause. */
  field: Field | null;
  text: string;
}

const PIECE_SPLIT = /\n|(?<=[.!?])(?<!\b(?:vs|e\.g|i\.e|approx|no|st|mr|mrs|ms|dr)\.)\s+(?=[A-Za-z@"(])/i;

/**
 * Splits a message into labelled sections and prose. Inside a section, a later sentence that
 * clearly belongs elsewhere ("Sam disagreed: …" after "Because: …") is moved out as prose,
 * together with whatever follows it in that section.
 */
export function segment(text: string): Segment[] {
  const hits = findLabels(text).sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  const first = hits[0]?.start ?? text.length;
  if (first > 0) out.push({ field: null, text: text.slice(0, first) });
  hits.forEach((h, i) => {
    const end = hits[i + 1]?.start ?? text.length;
    breakOut(h.field, text.slice(h.valueStart, Math.max(h.valueStart, end)), out);
  });
  return out.filter((s) => s.text.trim() !== "" || s.field !== null);
}

const BREAKS: Partial<Record<ClauseKind, Field[]>> = {
  disagreement: ["disagreements"],
  agreement: ["disagreements"],
  noDisagreement: ["disagreements"],
  decision: ["decision", "plan"],
  rationale: ["rationale"],
  action: ["actions", "plan", "decision"],
  childViews: ["childViews"],
};

function breakOut(field: Field, value: string, out: Segment[]): void {
  let seenContent = false;
  let pos = 0;
  for (const piece of value.split(PIECE_SPLIT)) {
    const start = value.indexOf(piece, pos);
    pos = start + piece.length;
    const trimmed = piece.replace(BULLET_PREFIX, "").trim();
    if (!trimmed) continue;
    let cut = -1;
    // A list item under "Options" ("3. No further action") is an option, whatever its words.
    const line = value.slice(value.lastIndexOf("\n", start - 1) + 1, start) + piece;
    if (seenContent && !((field === "options" || field === "option") && /^\s*(?:[-*+]|\d{1,2}[.)])\s/.test(line))) {
      const own = BREAKS[classifyClause(trimmed).kind];
      if (own && !own.includes(field)) cut = start;
    }
    // "Decision: day contact only, although Priya disagreed …"
    const dis = field === "disagreements" ? null : DISAGREE_PROSE.exec(piece);
    if (cut < 0 && dis && dis.index > 0) cut = start + dis.index + (/^[,;]/.test(dis[0]) ? 1 : 0);
    if (cut >= 0) {
      out.push({ field, text: value.slice(0, cut) });
      out.push({ field: null, text: value.slice(cut) });
      return;
    }
    seenContent = true;
  }
  out.push({ field, text: value });
}
