// People as written in a message: "@sam", "Sam", "Priya Shah", "me". Who was in the
// discussion, who disagreed and with what view.
import { DISAGREEMENT_ADVERBS, DISAGREEMENT_VERBS, anyOf, saysNoDisagreement } from "../domain/vocabulary.ts";

/** "@sam", "@sam.jones" or a capitalised one- or two-word name. */
export const PERSON_SRC = String.raw`(?:@[A-Za-z0-9](?:[\w.-]*[A-Za-z0-9])?|(?<![\w@'’-])[A-Z][a-z][a-z'’-]*(?:\s+[A-Z][a-z][a-z'’-]*)?)`;
const NAME_LIST_SRC = String.raw`${PERSON_SRC}(?:\s*\([^)\n]{0,24}\))?(?:\s*(?:,|&|\+|\band\b)\s*${PERSON_SRC}(?:\s*\([^)\n]{0,24}\))?)*`;
const PERSON_G = new RegExp(PERSON_SRC, "g");

/** Capitalised words that are not people (sentence-initial words, days, roles, agencies, verbs). */
const NOT_NAMES = new Set(
  (
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun " +
    "january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec " +
    "today tomorrow yesterday tonight this that these those the a an we he she they it its i me my our their his her " +
    "mum dad mother father parent parents child children baby family grandma grandmother grandad grandfather nan aunt uncle sibling siblings brother sister carer carers foster stepdad stepmum partner " +
    "school nursery college police health hospital court team manager managers duty social worker practitioner agency council gp cafcass lado iro camhs nhs " +
    "issue issues decision decisions options option actions action because agreed decided case ref re plan review rationale reason outcome concerns concern " +
    "strategy visit visits call email phone ring chase contact arrange complete send check update refer hold convene book close write share speak talk meet discuss request follow make do see ensure inform notify liaise attend undertake provide consider seek obtain record upload add agree set start continue monitor go return ask tell escalate step transfer allocate allocated complete confirm identify discussed spoke met " +
    "no not yes all everyone both please note also and then but however so if when while although unannounced joint home initial further next previous new urgent police"
  ).split(/\s+/),
);

/** Who disagreed, as written: "Sam", "@sam", "Sam and Priya", "I"; null when not a person. */
export function whoOrNull(raw: string): string | null {
  const text = raw.trim();
  if (text === "I") return "I";
  const names = namesIn(text);
  if (names.length === 0) return null;
  return names.length === 1 ? names[0]! : text;
}

/** A written name, or null when it is not a person ("Friday", "Police"); "Sam Tuesday" → "Sam". */
export function personOrNull(raw: string): string | null {
  const name = raw.trim();
  if (name.startsWith("@")) return name;
  const words = name.split(/\s+/);
  if (NOT_NAMES.has(words[0]!.toLowerCase())) return null;
  if (words.length > 1 && NOT_NAMES.has(words[1]!.toLowerCase())) return words[0]!;
  return name;
}

/** People named in a list such as "Sam, @priya (TM) and Jo". */
export function namesIn(list: string): string[] {
  const out: string[] = [];
  for (const m of list.replace(/\([^)]*\)/g, " ").matchAll(PERSON_G)) {
    const p = personOrNull(m[0]);
    if (p) out.push(p);
  }
  return out;
}

const WITH_CUE = /(?:\b(?:(?:spoke|speaking|spoken|talked|talking|chatted|chatting)\s+(?:to|with)|with|called|rang|phoned|met|w)\s+|\bw\/\s*|^\s*(?:me|I)\s*(?:,|&|\+|\band\b)\s*)/gi;
const NAME_LIST_AT = new RegExp(NAME_LIST_SRC, "y");
const AND_I = new RegExp(String.raw`(${NAME_LIST_SRC})\s*(?:\band|&|\+)\s*(?:I|me)\b`, "g");
/** "Priya called re …", "hannah rang me": who called is in the discussion. */
const CALLER = new RegExp(String.raw`(${PERSON_SRC})\s+(?:rang|called|phoned|messaged|emailed)\b`, "g");
const HANDLE = /(?<![\w@])@[A-Za-z0-9](?:[\w.-]*[A-Za-z0-9])?/g;

/** People mentioned as being in the discussion: "with @sam", "spoke to Priya", "Sam and I", any @handle. */
export function discussionPeople(sentence: string): string[] {
  const found: Array<{ at: number; name: string }> = [];
  WITH_CUE.lastIndex = 0;
  for (let m = WITH_CUE.exec(sentence); m; m = WITH_CUE.exec(sentence)) {
    NAME_LIST_AT.lastIndex = m.index + m[0].length;
    const list = NAME_LIST_AT.exec(sentence);
    if (list) for (const name of namesIn(list[0])) found.push({ at: list.index, name });
  }
  for (const m of sentence.matchAll(AND_I)) for (const name of namesIn(m[1]!)) found.push({ at: m.index, name });
  for (const m of sentence.matchAll(CALLER)) for (const name of namesIn(m[1]!)) found.push({ at: m.index, name });
  for (const m of sentence.matchAll(HANDLE)) found.push({ at: m.index, name: m[0] });
  return found.sort((a, b) => a.at - b.at).map((f) => f.name);
}

/** Key for de-duplication: "@sam", "Sam" and "Sam Jones" are the same person here. */
export function personKey(name: string): string {
  return name.replace(/^@/, "").split(/[\s._]/)[0]!.toLowerCase();
}

export function addPeople(into: string[], names: string[]): void {
  for (const n of names) {
    if (!into.some((p) => personKey(p) === personKey(n))) into.push(n);
  }
}

export interface Disagreement {
  who: string | null;
  view: string;
}

const WHO_SRC = String.raw`(${PERSON_SRC}(?:\s*(?:,|&|\band\b)\s*${PERSON_SRC})*|I)`;
const DISAGREE_VERB = String.raw`(?:(?:${anyOf(DISAGREEMENT_ADVERBS)})\s+)?(?:${anyOf(DISAGREEMENT_VERBS)})`;
/** "Sam disagreed: preferred X", "although Priya did not agree as …". */
export const DISAGREE_PROSE = new RegExp(
  String.raw`(?:^|[,;]\s*|\b(?:but|although|though|however|while|whilst)\s+)${WHO_SRC}\s+${DISAGREE_VERB}\b(.*)$`,
  "s",
);
const VIEW_VERBS =
  /^(?:felt|feels|thought|thinks|wanted|wants|preferred|prefers|said|says|believes|believed|argued|would|was|is|did|does|considered|considers|raised|queried|questioned|suggested|asked|favoured|favours|expressed|worried|is worried|has|had|view|disagreed|disagrees)\b/i;
const WHO_AT_START = new RegExp(String.raw`^${WHO_SRC}(?:'s view(?:\s+(?:is|was))?)?\s*(?:[:–—-]|,\s)?\s*`);

/** The view after a disagreement verb: "…: preferred X" → "preferred X"; "… with the plan" keeps the verb. */
export function disagreementView(verbAndRest: string, rest: string): string {
  const view = rest.replace(/^[\s,:;.!–—-]+/, "").replace(/^(?:and|as|because|since|saying|stating|,)\s+/i, "");
  if (!view || /^with\b/i.test(rest.trim())) return verbAndRest.trim();
  return view;
}

/** One item under a "Disagreements:" label: "none", "Sam felt X", "Sam: X", or just a view. */
export function parseDisagreementItem(item: string): Disagreement | "none" | null {
  const text = item.trim().replace(/\.$/, "");
  if (!text) return null;
  if (saysNoDisagreement(text)) return "none";
  const prose = DISAGREE_PROSE.exec(text);
  if (prose && prose.index === 0) {
    const who = whoOrNull(prose[1]!);
    const rest = prose[2]!;
    return { who, view: disagreementView(text.slice(prose[1]!.length), rest) || text };
  }
  const m = WHO_AT_START.exec(text);
  if (m) {
    const who = whoOrNull(m[1]!);
    const rest = text.slice(m[0].length);
    const punctuated = /[:–—-]\s*$|,\s$|'s view/.test(m[0]);
    if (who && rest && (punctuated || VIEW_VERBS.test(rest))) return { who, view: rest };
  }
  return { who: null, view: text };
}
