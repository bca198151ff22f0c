// Who an action belongs to, as written: "Sam", "@priya", "me", "I", or a team role ("SW").
import { PERSON_SRC, personOrNull } from "./people.ts";

const ROLES = "SW|TM|ATM|SM|PA|IRO|DSL|HV|FSW|EHW|CSW|SSW|ASW|FGC|YOS";
/** One owner, or two joined ("Sam & Priya"). */
export const OWNER_SRC = String.raw`(?:[Mm]e|I|[Mm]yself|(?:${ROLES})(?![A-Za-z])|${PERSON_SRC}(?:\s*(?:&|\+|\band\b)\s*${PERSON_SRC})?)`;
const OWNER_VERB = String.raw`(?:'ll|\s+(?:(?:is|are)\s+to|to|will|needs?\s+to|should|must|(?:has\s+|have\s+)?agreed\s+to))\b`;

/** "Sam to …", "I'll …", "@priya will …": group 1 is the owner. */
export const OWNER_LEAD = new RegExp(String.raw`^(${OWNER_SRC})${OWNER_VERB}\s*`);
/** "Sam: …", "@priya - …" */
export const OWNER_PUNCT = new RegExp(String.raw`^(${OWNER_SRC})\s*(?::|\s[-–—])\s*`);
const OWNER_ONLY = new RegExp(String.raw`^(?:[Oo]wner|[Ww]ho|[Ll]ead)?\s*:?\s*(${OWNER_SRC})$`);
const ROLE_RE = new RegExp(String.raw`^(?:${ROLES})$`);

/** The owner as written if it is a person, "me"/"I" or a role; null for "Police", "Visit", "Friday". */
export function ownerOrNull(raw: string): string | null {
  const text = raw.trim();
  if (/^(?:me|I|myself)$/i.test(text) || ROLE_RE.test(text)) return text;
  const people = text.split(/\s*(?:&|\+|\band\b)\s*/);
  return people.every((p) => personOrNull(p) === p) ? text : null;
}

/** A part of an action that is only an owner: "@sam", "(Sam)", "owner: Priya". */
export function ownerOnly(part: string): string | null {
  const m = OWNER_ONLY.exec(part.trim().replace(/^\(|\)$/g, ""));
  if (!m) return null;
  return ownerOrNull(m[1]!);
}
