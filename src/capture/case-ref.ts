// The case reference (a Mosaic / Liquidlogic / EHM id, or initials plus digits) and the kind of
// oversight. A name is never read as a case reference, but what someone typed under "Case:" is
// kept as typed for the names guard to flag.
import { isNoteKind, type NoteKind } from "../domain/note-kinds.ts";
import { CASE_ID_IN_TEXT, NOT_CASE_LETTERS } from "../domain/vocabulary.ts";

const NOT_CASE_LETTERS_SET: ReadonlySet<string> = new Set(NOT_CASE_LETTERS);

const CASE_ID = new RegExp(CASE_ID_IN_TEXT.source, "g");

/** Every case-reference-looking id in `text`, with where it is. */
export function findCaseIds(text: string): Array<{ id: string; index: number; length: number }> {
  const out: Array<{ id: string; index: number; length: number }> = [];
  CASE_ID.lastIndex = 0;
  for (let m = CASE_ID.exec(text); m; m = CASE_ID.exec(text)) {
    const id = m[1] ?? m[0];
    const letters = id.replace(/[^A-Za-z]/g, "").toUpperCase();
    if (letters && NOT_CASE_LETTERS_SET.has(letters)) {
      CASE_ID.lastIndex = m.index + 1; // "CIN 2468-JK": the id may start inside what was skipped
      continue;
    }
    if (/^[A-Z]{2,3} (?:19|20)\d\d$/.test(id)) continue; // "JAN 2026"-like, a year not an id
    out.push({ id, index: m.index, length: m[0].length });
  }
  return out;
}

/** The value under a "Case:" label: the id in it, else the words as typed (up to the first stop). */
export function caseRefFromLabel(value: string): string | null {
  const id = findCaseIds(value)[0];
  if (id) return id.id;
  const typed = value.trim().split(/[\n.,;]/)[0]!.trim();
  return typed || null;
}

const KIND_WORDS: Array<[RegExp, NoteKind]> = [
  [/\bstep(?:ped|ping|s)?[\s-]*up\b/i, "step-up"],
  [/\bstep(?:ped|ping|s)?[\s-]*down\b/i, "step-down"],
  [/\bstep(?:ped|ping|s)?[\s-]*across\b/i, "step-across"],
  [/\b(?:re-?)?allocat(?:e|ed|ion|ing)\b/i, "allocation"],
  [
    /\bclosure\b|\bclos(?:e|ed|ing)\s+(?:the\s+|this\s+)?(?:case|file|referral|involvement)\b|(?:^|\b(?:to|and|then|will)\s+)close\b(?!\s+(?:monitoring|contact|eye|watch|liaison|working|supervision|attention))/i,
    "closure",
  ],
  [/\btransfer(?:red|ring|s)?\b/i, "transfer"],
  [/\bstrategy (?:discussion|meeting)\b/i, "strategy-discussion"],
  [/\bcase progression\b/i, "case-progression"],
  [/\bcase supervision\b/i, "case-supervision"],
  [/\bad[\s-]?hoc\b/i, "ad-hoc"],
];

/** The kind named earliest in `text`, or null. */
export function kindIn(text: string): NoteKind | null {
  let best: { at: number; kind: NoteKind } | null = null;
  for (const [re, kind] of KIND_WORDS) {
    const m = re.exec(text);
    if (m && (!best || m.index < best.at)) best = { at: m.index, kind };
  }
  return best?.kind ?? null;
}

/** A "Kind:"/"Type:" label's value: a known kind, else "other". */
export function kindFromLabel(value: string): NoteKind | null {
  const text = value.trim().toLowerCase();
  if (!text) return null;
  if (isNoteKind(text)) return text;
  return kindIn(text) ?? "other";
}
