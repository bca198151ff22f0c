import { COMMON_FIRST_NAMES } from "./first-names.ts";

/** Where a likely personal name was found, and the words that looked like one. */
export interface NameFlag {
  field: string;
  words: string;
}

export const NAME_ADVICE = "This looks like a name: use the case reference or initials.";

const CAPITALISED = /^[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?$/;
const RELATION_BEFORE_NAME = /\b(?:baby|child|toddler|infant|sibling|brother|sister|son|daughter|twin|newborn|unborn)\s+([A-Z][a-z]+)\b/gi;
const WORD = /[A-Za-z][A-Za-z'-]*/g;

/**
 * Staff names are fine in a note (participants, owners); children's names are not.
 * `allowed` holds the lower-cased first names, surnames and handles of rostered people.
 */
export function findNameInText(field: string, text: string | null | undefined, allowed: ReadonlySet<string>): NameFlag | null {
  if (!text) return null;
  for (const match of text.matchAll(RELATION_BEFORE_NAME)) {
    const name = match[1]!;
    if (CAPITALISED.test(name) && !allowed.has(name.toLowerCase())) return { field, words: match[0] };
  }
  const words = [...text.matchAll(WORD)];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]![0];
    if (!CAPITALISED.test(word) || allowed.has(word.toLowerCase())) continue;
    if (!COMMON_FIRST_NAMES.has(word.toLowerCase())) continue;
    const next = words[i + 1]?.[0];
    const adjacent = next !== undefined && /^\s+$/.test(text.slice(words[i]!.index! + word.length, words[i + 1]!.index));
    return { field, words: adjacent && next && CAPITALISED.test(next) ? `${word} ${next}` : word };
  }
  return null;
}

/**
 * A case reference is an identifier (Mosaic / Liquidlogic / EHM id, or initials plus an
 * id): it has a digit and no run of ordinary words. "Jayden Smith" is refused.
 */
export function findNameInCaseRef(caseRef: string | null | undefined, allowed: ReadonlySet<string>): NameFlag | null {
  if (!caseRef) return null;
  // Identifiers are digits and capitals; a word written like a name ("Smith", "jayden") is not.
  const wordy = caseRef.match(/\b[A-Za-z][a-z]{2,}\b/g) ?? [];
  if (wordy.length > 0) return { field: "caseRef", words: caseRef };
  return findNameInText("caseRef", caseRef, allowed);
}

/** The lower-cased words of staff names and handles that must not be flagged. */
export function allowedWordsFrom(people: Iterable<{ name: string; handle: string }>): Set<string> {
  const allowed = new Set<string>();
  for (const person of people) {
    allowed.add(person.handle.toLowerCase());
    for (const part of person.name.split(/\s+/)) if (part) allowed.add(part.toLowerCase());
  }
  return allowed;
}
