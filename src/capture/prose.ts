// Unlabelled prose: cue words that say which part of the note a clause is
// ("agreed NFA as …", "because …", "Sam disagreed …", "Priya to close by Fri").
import { DISAGREE_PROSE, PERSON_SRC, disagreementView, whoOrNull } from "./people.ts";
import { OWNER_LEAD, ownerOrNull } from "./owners.ts";
import { AGREEMENT_PHRASES, ALL_AGREED_SRC, AGREEING_GROUPS_AT_START, CHAT_DECISION_LEADS, CHAT_DECISION_WORDS, DECISION_VERBS, DOUBT_PHRASES, NONE_WORDS, NO_DISAGREEMENT_CUES, RATIONALE_CUES, anyOf, saysNoDisagreement } from "../domain/vocabulary.ts";
import { findCaseIds } from "./case-ref.ts";

export type ClauseKind = "noDisagreement" | "disagreement" | "agreement" | "decision" | "rationale" | "action" | "options" | "childViews" | "discussion" | "context";

export interface Clause {
  kind: ClauseKind;
  /** The clause without its cue words ("agreed that X" → "X"); for actions and context, the clause. */
  text: string;
  who?: string | null;
  /** The clause as typed, cue words included (set by readProse). */
  raw?: string;
  /** Context that is what a discussion was about ("spoke to Sam about school attendance"). */
  about?: boolean;
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
const DECISION_TRAIL = new RegExp(String.raw`^(.{3,}?)\s+(?:was\s+|is\s+|has been\s+)?(?:${DECISION_VERB})(?:\s+(?:on|upon|by all|with\s+\S+))?(?:\.?$|[,;]\s+(.+)$|\s+((?:${RATIONALE_CUE})\s.+)$)`, "is");
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
/** A decision's reason after an outright cue ("because"), preferred to "as" ("nan as kinship because …"). */
const EXPLICIT_SPLIT = new RegExp(String.raw`\s*[,;]?\s*\b(?:${RATIONALE_CUE})\s+`, "i");
const OPTIONS_LEAD = [
  /^(?:the\s+)?(?:options?|alternatives?|choices)\s+(?:were|was|are|is|included|include|considered|discussed|available|explored)\s*:?\s*(.+)$/is,
  /^(?:we\s+|i\s+)?(?:considered|explored|looked at)\s+(?:the\s+)?(?:options?\s+(?:of\s+)?)?(.+)$/is,
];
const CHILD_VIEWS =
  /\b(?:voice of the child|wishes and feelings|child'?s? (?:views?|wishes|voice)|(?:says|said|told (?:us|me|her|him|them|the \w+|\w+)|has said|has told \w+|states|stated|reports|reported|expressed)\s+(?:that\s+)?(?:she|he|they|I)\s+(?:wants?|would(?:n't| not)? like|wish(?:es)?|do(?:es)?n'?t want|do(?:es)? not want|feels?|likes?|misses|loves?|hates?|is (?:happy|scared|worried|frightened|sad|upset|afraid))|^(?:the child|child|yp|young person|she|he)\s+(?:wants|would like|wishes|does not want|doesn't want)\b)/i;

const WHO_CHAT = String.raw`(${PERSON_SRC}|I(?:'m| am)?)`;
/** "sam wasn't sure, thought TAF first", "Ivan not keen – thinks …", "I'm not convinced, think …". */
const DOUBT = new RegExp(String.raw`^${WHO_CHAT}\s+(?:(?:was|is|were|also|still|really|a bit|bit)\s+)?(${anyOf(DOUBT_PHRASES)})\b(.*)$`, "s");
/** Doubt words that are the start of the view itself: "Priya felt we should wait" keeps "felt". */
const VIEW_KEEPS_VERB = /^(?:felt|feels|preferred|prefers|would prefer|would have preferred|was worried|is worried|worried|thought we should|thinks we should)$/i;
/** "Jo agreed", "priya in agreement", "Beth happy with this": agreeing, nothing more. */
const AGREEMENT = new RegExp(String.raw`^(${PERSON_SRC}(?:\s*(?:,|&|\+|\band\b)\s*${PERSON_SRC})*)\s+(?:also\s+|fully\s+)?(?:${anyOf(AGREEMENT_PHRASES)})(?:\s+(?:with\s+(?:this|that|the\s+\w+|it|me)|too|as well|to this))?\s*[.!]?$`);
const CHAT_DECISION = new RegExp(String.raw`^(?:(?:so|and|then|ok|okay)\s+)?(?:${anyOf(CHAT_DECISION_LEADS)})\s*[:–—-]?\s+(.+)$`, "is");
/** A decision not to act or to close, standing by itself or before its reason: "NFA", "NFA as …", "closing". */
const BARE_DECISION = new RegExp(String.raw`^(?:${anyOf(CHAT_DECISION_WORDS)})\b(?:[.!]?\s*$|\s*[,;:–—-]|\s+(?:as|because|since|given|due to|but|and|with|on|for|at)\b)`, "i");
/** "options were X or Y", "options - X or Y", "options X or Y". */
const CHAT_OPTIONS = /^(?:the\s+)?(?:options?|choices?|alternatives?)(?:\s+(?:were|are|was|is|being|considered|discussed))?\s*(?:[:–—-]\s*|\s+)(?:to\s+)?(.+\s(?:or|vs\.?|versus)\s.+)$/is;
/** "TAF or CIN", "CP vs. CIN", "whether to X or Y": a short clause of alternatives. */
const BARE_ALTERNATIVES = /^(?:whether\s+(?:to\s+)?|either\s+)?([^,;]{1,60}?\s(?:or|vs\.?|versus)\s[^,;]{1,60})\??$/i;
/** The doubt words themselves, when nothing else is said: "Sam not keen". */
const CHAT_CHILD =
  /^(?:the\s+)?(?:child|yp|cyp|young person|girl|boy|baby|[A-Z][a-z]+)(?:\s*\([^)]{0,12}\))?\s+(?:(?:says|said|told \w+|tells \w+|has said|reports|reported|stated|states)\s+(?:that\s+)?(?:she|he|they|I)\b|wants to (?:stay|live|go|move|return|see|be|have|visit)\b.*\b(?:nan|nana|gran|granny|grandma|grandad|grandparents|mum|mom|dad|home|family|foster|carers?|brother|sister|siblings?|friends?|school)\b|(?:does not|doesn't) want to)/;
const PEOPLE_IN_DISCUSSION = new RegExp(
  String.raw`(?:\b(?:w\/|with|w)\s+(?:@\w|[A-Z][a-z])|^${PERSON_SRC}(?:\s*,\s*${PERSON_SRC})*\s*(?:and|&|\+)\s*(?:I|me)\b|^(?:me|I)\s*(?:and|&|\+|,)\s*${PERSON_SRC}|^@\w)`,
);
const DISCUSSION_WORDS = /\b(?:discussed|discused|discussion|disc|spoke|speaking (?:to|with)|spoken|talked|talking (?:to|with)|met (?:with|w\/)|(?:I|we) met|meeting|chat|chatted|huddle|supervision|conversation|catch[- ]?up|held)\b/i;
/** "rang", "called": a discussion only with a person or me ("Priya called", "rang me"), not "school rang" or "police called out". */
const CALL_WITH_PERSON = new RegExp(String.raw`(?:${PERSON_SRC}|\bI|\bwe)\s+(?:rang|called|phoned)\b|\b(?:rang|called|phoned)\s+(?:me|us|${PERSON_SRC})\b|^call\b`);

/** A clause saying who the discussion was with or when: "spoke to Sam re 5521-KT just now", "me + Priya at lunch". */
function isDiscussion(clause: string): boolean {
  const words = clause.replace(/\([^)]*\)/g, " ").trim();
  if (!DISCUSSION_WORDS.test(words) && !PEOPLE_IN_DISCUSSION.test(words) && !CALL_WITH_PERSON.test(words)) return false;
  // A decision or action said in the same breath is not a discussion clause.
  return !/\b(?:agreed|decided|going with|we'll|we said)\b/i.test(words);
}

/** Decides what one clause of prose is about. */
export function classifyClause(raw: string): Clause {
  const clause = raw.trim().replace(/^(?:[-*+]|\d{1,2}[.)])\s+/, "");
  // "1122-AS NFA": a case id in front says nothing about the clause.
  const lead = findCaseIds(clause)[0];
  if (lead && lead.index === 0 && clause.length > lead.length + 2) {
    const after = classifyClause(clause.slice(lead.length).replace(/^[\s,:;.–—-]+/, ""));
    if (after.kind !== "context") return after;
  }
  const chat = classifyChat(clause);
  if (chat) return chat;
  const plain = classifyPlain(clause);
  if (plain.kind !== "context") return plain;
  if (isDiscussion(clause)) return { kind: "discussion", text: clause };
  if (BARE_ALTERNATIVES.test(clause) && clause.split(/\s+/).length <= 12 && !/\b(?:is|are|was|were|has|have|had)\b/i.test(clause)) {
    return { kind: "options", text: clause.replace(/^(?:whether\s+(?:to\s+)?|either\s+)/i, "").replace(/\?$/, "") };
  }
  return plain;
}

/** The chat-style cues: doubt and agreement by name, decisions without "agreed", bare options. */
function classifyChat(clause: string): Clause | null {
  const agreed = AGREEMENT.exec(clause);
  if (agreed && whoOrNull(agreed[1]!)) return { kind: "agreement", who: agreed[1]!, text: "" };
  const doubt = DOUBT.exec(clause);
  if (doubt) {
    const who = /^I(?:'m| am)?$/.test(doubt[1]!) ? "I" : whoOrNull(doubt[1]!);
    if (who) {
      const rest = doubt[3]!.replace(/^\s*about\b[^,;–—-]*/i, "").replace(/^[\s,:;.!–—-]+/, "").replace(/^(?:and|but|as|because|since|so)\s+/i, "");
      const view = VIEW_KEEPS_VERB.test(doubt[2]!) ? `${doubt[2]!} ${doubt[3]!.trim()}`.trim() : rest || doubt[2]!;
      return { kind: "disagreement", who, text: view };
    }
  }
  const decided = CHAT_DECISION.exec(clause);
  if (decided && decided[1]!.trim()) return { kind: "decision", text: decided[1]!.trim().replace(/^(?:to|on|that)\s+(?=\S)/i, "") };
  if (BARE_DECISION.test(clause)) return { kind: "decision", text: clause };
  const options = CHAT_OPTIONS.exec(clause);
  if (options) return { kind: "options", text: options[1]!.trim() };
  if (CHAT_CHILD.test(clause) && !/^(?:mum|dad|mother|father|school|police|nan|gp|hv)\b/i.test(clause)) {
    const subject = clause.split(/\s/)[0]!;
    if (!/^[A-Z]/.test(subject) || /^(?:Child|Yp|YP|Young|Girl|Boy|Baby)$/.test(subject) || /\bwants to\b/.test(clause)) return { kind: "childViews", text: clause };
  }
  const trailingOwner = /^(.{3,}?)\s+[–—-]\s*(?:me|I|@[\w.-]+|[A-Z][a-z]+)\s*\.?$/.exec(clause);
  if (trailingOwner && /\bby\b|\b(?:today|tomorrow|tonight)\b|\d/.test(trailingOwner[1]!)) {
    const owner = clause.slice(clause.search(/[–—-]\s*\S+\s*\.?$/)).replace(/^[–—-]\s*/, "").replace(/\.$/, "");
    if (/^(?:me|I|@.+)$/.test(owner) || whoOrNull(owner)) return { kind: "action", text: clause };
  }
  return null;
}

function classifyPlain(clause: string): Clause {
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
  if (decision && decision[1]!.trim()) return { kind: "decision", text: decision[1]!.trim().replace(/^(?:we|we'll|we will|to)\s+(?=[a-z])/i, "") };
  const rationale = RATIONALE_LEAD.exec(clause);
  if (rationale) return { kind: "rationale", text: rationale[1]!.trim() };
  for (const re of OPTIONS_LEAD) {
    const m = re.exec(clause);
    if (m) return { kind: "options", text: m[1]!.trim() };
  }
  if (CHILD_VIEWS.test(clause)) return { kind: "childViews", text: clause };
  const trail = DECISION_TRAIL.exec(clause);
  if (trail && !whoOrNull(trail[1]!)) {
    if (trail[3]) return { kind: "decision", text: `${trail[1]!.trim()} ${trail[3].trim()}` };
    return { kind: "decision", text: trail[2] ? `${trail[1]!.trim()}, ${trail[2].trim()}` : trail[1]!.trim() };
  }
  return { kind: "context", text: clause };
}

const SENTENCE_SPLIT = /\n+|(?<=[.!?])(?<!\b(?:vs|e\.g|i\.e|approx|no|st|mr|mrs|ms|dr)\.)\s+(?=\S)/i;
const CHAT_DECISION_AHEAD = String.raw`(?:we\s+|it was\s+|i\s+)?(?:${DECISION_VERB})\b|we'll\b|we will\b|we said\b|we're\b|going with\b|NFA\b`;
const CLAUSE_SPLIT = new RegExp(
  String.raw`(;\s*|,?\s+(?=(?:but|although|though|however|whilst|while)\s)|(?:,\s*|\s+and\s+|\s+[–—-]\s+)(?=${CHAT_DECISION_AHEAD})|,\s*(?=(?:the\s+)?(?:child|yp|young person)\s+(?:says|said|told)\b)|(?:,\s*|\s+and\s+|\s+then\s+)(?=(?:@[\w.-]+\s+(?:to|will)\s|@[\w.-]+:|[A-Z][a-z]+\s+(?:to|will)\s|(?:me|I)\s+(?:to|will)\s|I'll\s)))`,
);
const DASH_SPLIT = /(\s+[–—-]\s+)/;
const OWNER_ONLY_PIECE = /^(?:me|I|@[\w.-]+|[A-Z][a-z]+)\s*\.?$/;
const LABEL_WORD = /^(?:options?|decision|outcome|rationale|reason|issue|plan|actions?|because)$/i;
const DOUBT_END = new RegExp(String.raw`\b(?:${anyOf(DOUBT_PHRASES)})\s*$`, "i");

/** A clause split again at spaced dashes ("5521-KT just now - mum not engaging"), except where the dash joins one thing. */
function dashPieces(part: string): string[] {
  const bits = part.split(DASH_SPLIT);
  if (bits.length === 1) return [part];
  const out: string[] = [bits[0]!];
  for (let i = 1; i < bits.length; i += 2) {
    const sep = bits[i]!;
    const right = bits[i + 1]!;
    const left = out[out.length - 1]!;
    const keep =
      OWNER_ONLY_PIECE.test(right.trim()) ||
      LABEL_WORD.test(left.trim()) ||
      DOUBT_END.test(left) ||
      ["decision", "action", "options", "rationale", "disagreement"].includes(classifyClause(left).kind);
    if (keep) out[out.length - 1] = left + sep + right;
    else out.push(right);
  }
  return out;
}

/** "Priya called re 2345-ER yesterday at 4:30, disclosure at school …": the words after the discussion are a clause of their own. */
function splitDiscussion(text: string): [string, string | null] {
  const colon = /:\s+(?=\S)/.exec(text);
  if (colon) return [text.slice(0, colon.index), text.slice(colon.index + colon[0].length)];
  const m = /,\s+(?!(?:and\b|&|\+|@|[A-Z][a-z]+\b(?:\s*(?:,|and|&|\+)|\s+at\b|\s*$)))/.exec(text);
  if (!m) return [text, null];
  return [text.slice(0, m.index), text.slice(m.index + m[0].length)];
}

/**
 * Prose split into sentences, then clauses; a clause without cue words stays with the clause
 * before it in the same sentence ("agreed NFA as mum engaging; school happy" is one decision).
 */
export function readProse(text: string): Clause[] {
  const out: Clause[] = [];
  for (const sentence of text.split(SENTENCE_SPLIT)) {
    const split = sentence.split(CLAUSE_SPLIT);
    const parts: string[] = [];
    for (let i = 0; i < split.length; i += 2) {
      const pieces = dashPieces(split[i]!);
      pieces.forEach((p, k) => {
        if (parts.length) parts.push(k === 0 ? (split[i - 1] ?? " ") : " - ");
        parts.push(p);
      });
    }
    let current: Clause | null = null;
    const queue: Array<{ raw: string; sep: string }> = [];
    for (let i = 0; i < parts.length; i += 2) queue.push({ raw: parts[i]!, sep: parts[i - 1] ?? " " });
    while (queue.length) {
      const { raw, sep } = queue.shift()!;
      if (!raw.trim()) continue;
      let c = classifyClause(raw);
      // "Re LL/9090: Sam and I agreed …": the words after a short lead-in carry the cue.
      const colon = c.kind === "context" || c.kind === "discussion" ? /^([^:]{1,40}):\s+(\S.*)$/s.exec(raw.trim()) : null;
      const after = colon ? classifyClause(colon[2]!) : null;
      if (colon && after && after.kind !== "context") {
        const head = classifyClause(colon[1]!);
        out.push({ kind: head.kind === "discussion" ? "discussion" : "context", text: colon[1]!, raw: colon[1]! });
        c = { ...after, raw: colon[2]! };
      } else {
        c.raw = raw.trim();
      }
      if (c.kind === "discussion") {
        const [own, rest] = splitDiscussion(c.text);
        if (rest) {
          c.text = own;
          c.raw = own;
          queue.unshift({ raw: rest, sep: ", " });
        }
        out.push(c);
        // What the discussion was about ("re the review conference") is where the issue starts.
        const about = aboutOf(c.text);
        current = about ? { kind: "context", text: about, raw: about, about: true } : null;
        if (current) out.push(current);
        continue;
      }
      if (current && c.kind === "context") {
        // "ugh 7531-MN again - missed another health appt": a lead-in of a word or two gives way.
        if (current.kind === "context" && !current.about && findCaseIds(current.text).length > 0 && wordsBesideIds(current.text) < 3) current.text = raw.trim();
        else current.text = (current.text + sep + raw.trim()).trim();
        continue;
      }
      current = c;
      out.push(c);
    }
  }
  return out;
}

function wordsBesideIds(text: string): number {
  let out = text;
  for (const c of findCaseIds(text)) out = out.replace(c.id, " ");
  return out.split(/\s+/).filter((w) => /[a-z]/i.test(w)).length;
}

const ABOUT = /\b(?:about|regarding|re:?|concerning|in relation to)\s+(.+)$/i;
const CLOCK_ONLY = /^(?:(?:just\s+)?now|earlier|today|yesterday|this\s+(?:morning|afternoon|am|pm)|at\s+\S+|\d\S*|on\s+\w+)(?:\s+(?:at\s+)?\S+)?$/i;

/** "spoke to Kit re the review conference" → "the review conference"; not when it is the case ("re 5521-KT just now"). */
function aboutOf(discussion: string): string | null {
  const m = ABOUT.exec(discussion);
  if (!m) return null;
  const what = m[1]!.trim();
  const id = findCaseIds(what)[0];
  // "re 5521-KT just now", "re 3141-DF after the core group": about the case; a longer tail is the issue.
  if (id && id.index === 0) {
    const tail = what.slice(id.length).trim();
    return tail.split(/\s+/).length >= 5 && !CLOCK_ONLY.test(tail) ? tail : null;
  }
  if (CLOCK_ONLY.test(what) || !/[a-z]{3,}.*\s.*[a-z]{2,}/i.test(what)) return null;
  return what;
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
  if (/\s(?:vs\.?|versus)\s/i.test(only)) return only.split(/\s+(?:vs\.?|versus)\s+/i).map((o) => tidy(o.replace(/^to\s+/i, ""))).filter(Boolean);
  if (/\sor\s/i.test(only)) {
    const parts = only.split(/,?\s+or\s+/i);
    const last = parts.pop()!;
    const head = parts.flatMap((p) => (/,\s/.test(p) ? p.split(/,\s+/) : [p]));
    return [...head, last].map((o) => tidy(o.replace(/^to\s+/i, ""))).filter(Boolean);
  }
  return items;
}

/** "NFA as mum engaging" → ["NFA", "mum engaging"]; no cue → [text, null]. */
export function splitDecisionRationale(text: string): [string, string | null] {
  const m = EXPLICIT_SPLIT.exec(text) ?? RATIONALE_SPLIT.exec(text);
  if (!m || m.index === 0) {
    // "step down to EH - family engaging well, school happy": after a dash, a statement is the reason.
    const dash = /\s+[–—-]\s+/.exec(text);
    if (dash && /\b(?:\w+ing|is|are|was|were|has|have|had|not|no|can't|won't|isn't|aren't)\b/i.test(text.slice(dash.index + dash[0].length))) {
      return [tidy(text.slice(0, dash.index)), tidy(text.slice(dash.index + dash[0].length)) || null];
    }
    return [text, null];
  }
  return [tidy(text.slice(0, m.index)), tidy(text.slice(m.index + m[0].length)) || null];
}
