import { COMMON_FIRST_NAMES } from "./first-names.ts";

/** Where a likely personal name was found, and the words that looked like one. */
export interface NameFlag {
  field: string;
  words: string;
}

const CAPITALISED = /^[A-Z][a-z]+(?:[-'][A-Za-z]+)*$/;
const DOUBLE_BARRELLED = /^[A-Z][a-z]+-[A-Z][a-z]+$/;
const RELATION_BEFORE_NAME = /\b(?:baby|child|toddler|infant|sibling|brother|sister|son|daughter|twin|newborn|unborn)\s+([A-Za-z][a-z]+)\b/gi;
const WORD = /[A-Za-z][A-Za-z'-]*/g;

/**
 * Words often capitalised in social care notes that are not names: two of them side by
 * side ("Strategy Discussion", "Health Visitor") are not taken for a first name and surname.
 */
const NOT_NAMES = new Set(
  `monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
  january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
  school primary secondary academy college nursery university police court family centre children child social care services service
  team council health visitor hospital gp strategy discussion meeting conference plan protection early help need needs section
  mosaic liquidlogic ehm ofsted nhs mum dad mother father nan nana grandma grandad grandmother grandfather aunt uncle foster carer carers
  kinship youth offending housing women aid refuge domestic abuse violence mental missing exploitation the a an this that we i he she
  they it his her their our my no yes not and or but if so as at on in by to of for with from re ref case issue options option decision
  rationale because actions action review disagreed agreed decided discussed spoke visit visited home office duty manager worker
  practitioner senior supervisor team-manager service-manager head assessment referral contact panel board safeguarding partnership
  local authority district county city road street lane avenue close court drive house lodge north south east west central new old
  ltd limited nfa cin cp cla lac mash icpc rcpc lado camhs sen send ehcp early self harm step up down follow multi agency
  part full time face led non pre post birth weekend weekday`.split(/\s+/),
);

/** First names that are also everyday words: flagged only when written with a capital. */
const EVERYDAY_WORDS = new Set(
  "max grace ivy ruby jade holly daisy poppy willow violet iris hunter carter mason lily nova aurora harper skye summer teddy jack rosie luna eva ella ada leo kai".split(" "),
);

/**
 * "Kacey-Leigh", "Smith-Jones"; not "Tue-Thu", "Mon-Fri", "Early-Help" or "Step-Down", where
 * a part is an everyday capitalised word (NOT_NAMES) or a staff name.
 */
function isDoubleBarrelledName(word: string, ordinary: (w: string) => boolean): boolean {
  return DOUBLE_BARRELLED.test(word) && !ordinary(word);
}

function isFirstName(word: string): boolean {
  const lower = word.toLowerCase();
  if (!COMMON_FIRST_NAMES.has(lower)) return false;
  return word !== lower || !EVERYDAY_WORDS.has(lower);
}

/**
 * Staff names are fine in a note (participants, owners); children's names are not.
 * `allowed` holds the lower-cased first names, surnames and handles of rostered people.
 * Flags: "baby Amelia"-style phrases, a common first name in any case ("jayden",
 * "JAYDEN"), a double-barrelled name ("Kacey-Leigh"), and two capitalised words side by
 * side that are neither staff names nor everyday capitalised words ("Tyrone Smith").
 */
export function findNameInText(field: string, text: string | null | undefined, allowed: ReadonlySet<string>): NameFlag | null {
  if (!text) return null;
  const isAllowed = (word: string) => allowed.has(word.toLowerCase());
  for (const match of text.matchAll(RELATION_BEFORE_NAME)) {
    const name = match[1]!;
    if (!isAllowed(name) && !NOT_NAMES.has(name.toLowerCase()) && (CAPITALISED.test(name) || isFirstName(name))) return { field, words: match[0] };
  }
  const words = [...text.matchAll(WORD)].map((m) => ({ word: m[0], index: m.index! }));
  for (let i = 0; i < words.length; i++) {
    const { word } = words[i]!;
    if (isAllowed(word)) continue;
    const next = words[i + 1];
    const adjacent = next !== undefined && /^\s+$/.test(text.slice(words[i]!.index + word.length, next.index));
    // A hyphenated word with an everyday part ("Tue-Thu", "Early-Help") is everyday too.
    const ordinary = (w: string): boolean => NOT_NAMES.has(w.toLowerCase()) || isAllowed(w) || (w.includes("-") && w.split("-").some(ordinary));
    if (isFirstName(word) || isDoubleBarrelledName(word, ordinary)) {
      return { field, words: adjacent && next && CAPITALISED.test(next.word) && !ordinary(next.word) ? `${word} ${next.word}` : word };
    }
    if (adjacent && next && CAPITALISED.test(word) && CAPITALISED.test(next.word) && !ordinary(word) && !ordinary(next.word)) {
      return { field, words: `${word} ${next.word}` };
    }
  }
  return null;
}

/**
 * A case reference is an identifier (Mosaic / Liquidlogic / EHM id, or initials plus an
 * id): digits and capitals. A word written like a name ("Smith", "jayden") or a first
 * name in capitals ("JAYDEN 4471") is refused.
 */
export function findNameInCaseRef(caseRef: string | null | undefined, allowed: ReadonlySet<string>): NameFlag | null {
  if (!caseRef) return null;
  const wordy = caseRef.match(/\b[A-Za-z][a-z]{2,}\b/g) ?? [];
  const named = (caseRef.match(/[A-Za-z]{3,}/g) ?? []).some((w) => COMMON_FIRST_NAMES.has(w.toLowerCase()));
  if (wordy.length > 0 || named) return { field: "caseRef", words: caseRef };
  return findNameInText("caseRef", caseRef, allowed);
}

/**
 * The child's views: a child can share a staff member's first name ("Jo wants to stay with
 * her nan"), and this is the field where the child is most often the subject. So a staff
 * first name alone is not excused here; a staff member written in full ("Jo Bloggs") or by
 * handle ("@jo") still is. Example: findNameInChildViews("Jo wants to stay with her nan",
 * [{ name: "Jo Bloggs", handle: "jo" }]) → { field: "childViews", words: "Jo" }.
 */
export function findNameInChildViews(text: string | null | undefined, staff: Iterable<{ name: string; handle: string }>): NameFlag | null {
  if (!text) return null;
  const people = [...staff];
  let rest = text;
  // Longest names first, so "Jo Bloggs-Smith" goes before "Jo Bloggs".
  for (const { name } of [...people].sort((a, b) => b.name.length - a.name.length)) {
    if (name.trim().includes(" ")) rest = rest.replace(new RegExp(`\\b${escapeRegExp(name.trim()).replace(/\s+/g, "\\s+")}\\b`, "gi"), " ");
  }
  rest = rest.replace(/@[\w.-]+/g, " ");
  const firstNames = new Set(people.map((p) => p.name.trim().split(/\s+/)[0]!.toLowerCase()));
  // A staff first name is a personal name even when it is not a common one ("Jo").
  const shared = [...rest.matchAll(WORD)].find((m) => CAPITALISED.test(m[0]) && firstNames.has(m[0].toLowerCase()));
  if (shared) return { field: "childViews", words: shared[0] };
  const surnamesAndHandles = new Set([...allowedWordsFrom(people)].filter((w) => !firstNames.has(w)));
  return findNameInText("childViews", rest, surnamesAndHandles);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
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
