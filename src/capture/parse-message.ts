// One chat message → a draft Management Oversight note (docs/design.md#capture). Platform-neutral:
// adapters pass the text and the reference instant; the caller adds the author as a
// participant, resolves people to accounts and defaults a null kind to ad hoc.
import type { NoteKind } from "../domain/note-kinds.ts";
import { GUESSABLE_FIELDS, type GuessableField } from "../domain/note.ts";
import { readActions } from "./actions.ts";
import { caseRefFromLabel, findCaseIds, kindFromLabel, kindIn } from "./case-ref.ts";
import { readLondonDateTimes, sameLondonDay, type LondonDateTime } from "./dates.ts";
import { segment } from "./labels.ts";
import { capitaliseTeam } from "./team.ts";
import { PERSON_SRC, addPeople, discussionPeople, namesIn, parseDisagreementItem, personOrNull } from "./people.ts";
import { isDecisionNotToAct } from "../domain/decision.ts";
import { DISAGREEMENT_ADVERBS, DISAGREEMENT_VERBS, DOUBT_PHRASES, anyOf, canonicalCaseRef } from "../domain/vocabulary.ts";
import { NO_DISAGREEMENT_ANYWHERE, listItems, readProse, splitDecisionRationale, splitOptions, tidy } from "./prose.ts";

export interface ParsedAction {
  what: string;
  owner: string | null;
  due: Date | null;
  dueText: string | null;
}
export interface ParsedDisagreement {
  who: string | null;
  view: string;
}
export type MissingField = "caseRef" | "issue" | "options" | "decision" | "rationale";
/**
 * The fields whose words the parser places by reading the message: under a label, or by cue
 * words in prose. (A case reference and a time are read by their form, wherever they stand,
 * and the form checks both: they are never guesses.)
 */
export const READ_FIELDS = GUESSABLE_FIELDS;
export type ReadField = GuessableField;
/**
 * How a field's value was read: "label", under its own label ("Decision: …", "Sam disagreed: …")
 * or as an @handle; "prose", guessed from cue words in running text ("agreed we step up…",
 * "sam wasn't sure", a colleague named without @). A field read partly from prose is "prose".
 */
export type ReadHow = "label" | "prose";
export interface ParsedDraft {
  caseRef: string | null;
  /** null when nothing indicates a kind (the caller defaults to ad hoc). */
  kind: NoteKind | null;
  /** When the discussion happened; the reference instant when no time is mentioned. */
  discussedAt: Date;
  /** The words the time was read from, if any. */
  discussedAtText: string | null;
  /** As written ("@sam", "Sam", "me"): people in the discussion or disagreeing, first mention wins. */
  participants: string[];
  issue: string | null;
  review: string | null;
  options: string[];
  decision: string | null;
  decisionNotToAct: boolean;
  rationale: string | null;
  disagreements: ParsedDisagreement[];
  noDisagreement: boolean;
  actions: ParsedAction[];
  childViews: string | null;
  /** Required fields with no value, in this order: caseRef, issue, options, decision, rationale. */
  missing: MissingField[];
  /** For each field with a value, how it was read. */
  readFrom: Partial<Record<ReadField, ReadHow>>;
  /** The fields with a value read from prose (READ_FIELDS' order): guesses for the person to check. */
  guessed: ReadField[];
}
/** A colleague on the roster, as the parser needs them: to read "sam" or "w/ priya" as a person. */
export interface TeamMember {
  handle: string;
  /** Full name as rostered: "Sam Taylor". */
  name: string;
}
export interface ParseContext {
  now: Date;
  /** The team (the roster's active people): colleagues named without "@" are read as people. */
  team?: readonly TeamMember[];
  /** End of working hours, the due time of a date without one. Default 17:30. */
  endOfDay?: { hour: number; minute: number };
}

const COMMAND = /^\s*\/?oversight\b[\s:,-]*/i;
const BOLD = /\*{1,2}([A-Za-z][^*\n]{0,40}?)\*{1,2}/g;
const ODD_BULLETS = /^[ \t]*[•◦▪‣●·][ \t]*/gm;
const TRAILING_LINK_WORDS = /(?<!\bnot)(?:\s+(?:on|re|for|about|with|regarding|of|the|a|in|at|to))+\s*[.:;,–-]*\s*$/i;
const PART_OF_DAY = /morning|afternoon|evening|tonight/i;
const NOON = { hour: 12, minute: 0 };
const PERSON_LIST_SPLIT = /\s*(?:,|&|\+|;|\band\b)\s*/;
/** "Sam disagreed: preferred …", "Priya felt – …": who and the disagreeing word, then a colon or dash, label-like. */
const LABELLED_DISAGREEMENT = new RegExp(
  String.raw`^(?:${PERSON_SRC}|I)(?:\s*(?:,|&|\band\b)\s*${PERSON_SRC})*\s+(?:(?:${anyOf(DISAGREEMENT_ADVERBS)})\s+)?(?:${anyOf([...DISAGREEMENT_VERBS, ...DOUBT_PHRASES])})\s*(?::|\s[–—-]\s)`,
);

function normalise(text: string, team: readonly TeamMember[] | undefined): string {
  return capitaliseTeam(text, team)
    .replace(/\r\n?/g, "\n")
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u00a0\t]/g, " ")
    .replace(ODD_BULLETS, "- ")
    .replace(BOLD, "$1")
    .replace(COMMAND, "");
}

/** A section's lines as one value: bullets joined with "; ", wrapped lines with a space. */
function joinLines(text: string): string {
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
  const bulleted = lines.length > 1 && lines.some((l) => /^(?:[-*+]|\d{1,2}[.)])\s/.test(l));
  const parts = lines.map((l) => tidy(l.replace(/^(?:[-*+]|\d{1,2}[.)])\s+/, ""))).filter(Boolean);
  return tidy(parts.join(bulleted ? "; " : " "));
}

function joinOrNull(values: string[], sep = " "): string | null {
  const v = values.filter(Boolean);
  return v.length ? tidy(v.join(sep)) : null;
}

/** Reads one chat message into a draft oversight note. Never throws; absent values are null or []. */
export function parseMessage(text: string, ctx: ParseContext): ParsedDraft {
  const body = normalise(text, ctx.team);
  const participants: string[] = [];
  const discussed: string[] = [];
  const context: string[] = [];
  const discussions: string[] = [];
  const abouts = new Set<string>();
  /** Decision leads that may say when: "Sam and I agreed today at 2pm that …". */
  const decisionHeads: string[] = [];
  const issue: string[] = [];
  const review: string[] = [];
  const options: string[] = [];
  const decisions: string[] = [];
  const plans: string[] = [];
  const rationale: string[] = [];
  const childViews: string[] = [];
  const disagreements: ParsedDisagreement[] = [];
  const actions: ParsedAction[] = [];
  let caseLabel: string | null = null;
  let kindLabel: NoteKind | null = null;
  let noDisagreement = false;
  // How each field was read; a part read from prose makes the whole field a guess.
  const readFrom: Partial<Record<ReadField, ReadHow>> = {};
  const read = (field: ReadField, how: ReadHow) => {
    if (readFrom[field] !== "prose") readFrom[field] = how;
  };
  /** People added to the discussion; a colleague named without "@" in prose is a guess. */
  const addParticipants = (how: ReadHow, names: string[]) => {
    const before = participants.length;
    addPeople(participants, names);
    for (const added of participants.slice(before)) read("participants", how === "prose" && !/^(?:@|me$|I$)/i.test(added) ? "prose" : "label");
  };

  for (const seg of segment(body)) {
    switch (seg.field) {
      case null:
        for (const clause of readProse(seg.text)) {
          switch (clause.kind) {
            case "noDisagreement":
              noDisagreement = true;
              read("disagreements", "prose");
              if (clause.text) {
                decisions.push(clause.text);
                read("decision", "prose");
              }
              break;
            case "disagreement":
              disagreements.push({ who: clause.who ?? null, view: tidy(clause.text) });
              // "Sam disagreed: preferred …" names its part as a label does.
              read("disagreements", LABELLED_DISAGREEMENT.test((clause.raw ?? clause.text).trim()) ? "label" : "prose");
              if (clause.who) addParticipants("prose", clause.who === "I" ? [] : namesIn(clause.who));
              break;
            case "action": {
              const found = readActions(clause.text, ctx);
              actions.push(...found);
              if (found.length) read("actions", "prose");
              break;
            }
            case "decision": {
              const [head, decided] = whenHead(withoutLeadingCaseId(clause.text), ctx.now);
              if (head) decisionHeads.push(head);
              decisions.push(decided);
              read("decision", "prose");
              const owned = actionsInDecision(decided, ctx);
              actions.push(...owned);
              if (owned.length) read("actions", "prose");
              addParticipants("prose", discussionPeople(clause.raw ?? clause.text));
              break;
            }
            case "rationale":
              rationale.push(clause.text);
              read("rationale", "prose");
              break;
            case "options":
              options.push(...splitOptions(clause.text));
              read("options", "prose");
              break;
            case "childViews":
              childViews.push(clause.text);
              read("childViews", "prose");
              break;
            case "discussion":
              discussions.push(clause.text);
              addParticipants("prose", discussionPeople(clause.text));
              break;
            case "agreement":
              noDisagreement = true;
              read("disagreements", "prose");
              addParticipants("prose", namesIn(clause.who ?? ""));
              break;
            case "context":
              context.push(clause.text);
              if (clause.about) abouts.add(clause.text);
              addParticipants("prose", discussionPeople(clause.text));
              break;
          }
        }
        break;
      case "caseRef":
        caseLabel ??= caseRefFromLabel(seg.text);
        break;
      case "kind":
        kindLabel ??= kindFromLabel(seg.text);
        break;
      case "discussed":
        discussed.push(seg.text);
        addParticipants("label", discussionPeople(seg.text));
        break;
      case "participants":
        addParticipants(
          "label",
          seg.text.split(PERSON_LIST_SPLIT).map((p) => tidy(p.replace(/\([^)]*\)/g, ""))).filter((p) => /^(?:me|I)$/i.test(p) || (p !== "" && personOrNull(p) === p)),
        );
        break;
      case "issue":
        issue.push(joinLines(seg.text));
        read("issue", "label");
        break;
      case "review":
        review.push(joinLines(seg.text));
        read("review", "label");
        break;
      case "options":
        options.push(...splitOptions(seg.text));
        read("options", "label");
        break;
      case "option":
        options.push(joinLines(seg.text));
        read("options", "label");
        break;
      case "decision":
        decisions.push(joinLines(seg.text));
        read("decision", "label");
        break;
      case "plan":
        plans.push(seg.text);
        break;
      case "rationale":
        rationale.push(joinLines(seg.text));
        read("rationale", "label");
        break;
      case "disagreements":
        for (const item of listItems(seg.text)) {
          const d = parseDisagreementItem(item);
          if (d === "none") noDisagreement = true;
          else if (d) {
            disagreements.push(d);
            if (d.who && d.who !== "I") addParticipants("label", namesIn(d.who));
          }
        }
        read("disagreements", "label");
        break;
      case "actions":
        actions.push(...readActions(seg.text, ctx));
        read("actions", "label");
        break;
      case "childViews":
        childViews.push(joinLines(seg.text));
        read("childViews", "label");
        break;
    }
  }

  // "Plan:" is the decision when nothing else is; otherwise (or also, for owned items) actions.
  if (plans.length && decisions.length === 0) {
    decisions.push(...plans.map(joinLines));
    read("decision", "label");
    if (actions.length === 0) for (const p of plans) actions.push(...readActions(p, ctx).filter((a) => a.owner || a.due));
  } else {
    for (const p of plans) actions.push(...readActions(p, ctx));
  }
  if (plans.length && actions.length) read("actions", "label");

  let decision = joinOrNull(decisions, "; ");
  let rationaleText = joinOrNull(rationale);
  if (decision && !rationaleText) {
    [decision, rationaleText] = splitDecisionRationale(decision);
    // A reason cut from the decision's words ("NFA as mum engaging") is the parser's reading.
    if (rationaleText) read("rationale", "prose");
  }

  const caseIds = findCaseIds(body);
  const typedCaseRef = caseLabel ?? caseIds[0]?.id ?? null;
  const caseRef = typedCaseRef === null ? null : canonicalCaseRef(typedCaseRef);
  const when = readDiscussedAt(discussed, [...discussions, ...decisionHeads], ctx.now);
  const labelledIssue = joinOrNull(issue);
  const issueText = labelledIssue ?? issueFromContext(context, when.text, abouts);
  if (!labelledIssue && issueText) read("issue", "prose");
  const kind = kindLabel ?? (decision ? kindIn(decision) : null) ?? kindIn(body.trim().split(/\s+/, 3).join(" "));
  if (kind) read("kind", kindLabel ? "label" : "prose");
  // "No disagreements" anywhere: a cue, not a label.
  const noneAnywhere = disagreements.length === 0 && !noDisagreement && NO_DISAGREEMENT_ANYWHERE.test(body);
  if (noneAnywhere) read("disagreements", "prose");

  const draft: ParsedDraft = {
    caseRef,
    kind,
    discussedAt: when.at,
    discussedAtText: when.text,
    participants,
    issue: issueText,
    review: joinOrNull(review),
    options: options.filter(Boolean),
    decision,
    decisionNotToAct: isDecisionNotToAct(decision),
    rationale: rationaleText,
    disagreements,
    // A disagreement read anywhere outweighs "all agreed": the form then shows it rather than "none".
    noDisagreement: disagreements.length === 0 && (noDisagreement || noneAnywhere),
    actions,
    childViews: joinOrNull(childViews),
    missing: [],
    readFrom: {},
    guessed: [],
  };
  if (!draft.caseRef) draft.missing.push("caseRef");
  if (!draft.issue) draft.missing.push("issue");
  if (draft.options.length === 0) draft.missing.push("options");
  if (!draft.decision) draft.missing.push("decision");
  if (!draft.rationale) draft.missing.push("rationale");
  // Only fields that ended with a value are reported: a cue that came to nothing marks nothing.
  for (const field of READ_FIELDS) {
    const how = readFrom[field];
    if (how && hasValue(draft, field)) draft.readFrom[field] = how;
  }
  draft.guessed = READ_FIELDS.filter((field) => draft.readFrom[field] === "prose");
  return draft;
}

function hasValue(draft: ParsedDraft, field: ReadField): boolean {
  switch (field) {
    case "participants":
    case "options":
    case "actions":
      return draft[field].length > 0;
    case "disagreements":
      return draft.disagreements.length > 0 || draft.noDisagreement;
    default:
      return draft[field] !== null;
  }
}

/** "CR-5050 step up to CP" → "step up to CP": the case ref is its own field. */
function withoutLeadingCaseId(text: string): string {
  const first = findCaseIds(text)[0];
  return first && first.index === 0 ? tidy(text.slice(first.length)) : text;
}

/** Case ids blanked out so "4471-JB" or "LL/5567" are never read as dates. */
function maskCaseIds(text: string): string {
  let out = text;
  for (const c of findCaseIds(text)) out = out.slice(0, c.index) + " ".repeat(c.length) + out.slice(c.index + c.length);
  return out;
}

/**
 * Discussions are in the past: a weekday is the latest one, a time later than now is
 * yesterday's, a day in the future ("tomorrow", "by 27/11", "next tuesday") is not a discussion
 * time. A time later today ("this afternoon" said in the morning) is taken as now; a day without
 * a time is midday, or now if it is today. Only the labelled "Discussed:" text, the clauses that
 * say who the discussion was with, and a decision's lead ("agreed today at 2pm that …") are read:
 * a date inside the issue ("missing since last night") is never the discussion's.
 */
function readDiscussedAt(labelled: string[], clauses: string[], now: Date): { at: Date; text: string | null } {
  for (const source of [labelled.join(".\n"), ...clauses]) {
    if (!source.trim()) continue;
    const read = clockWords(maskCaseIds(source));
    for (const r of readLondonDateTimes(read, now, { forwardDates: false, defaultTime: NOON })) {
      if (DUE_BEFORE.test(read.slice(0, r.index)) || /^next\b/i.test(r.text)) continue;
      const found = acceptDiscussed(r, now);
      if (found) return found.text === null ? found : { ...found, text: source.slice(r.index, r.index + r.text.length) };
    }
  }
  return { at: now, text: null };
}

/** Words before a date that make it a due date or a span, not when a discussion happened. */
const DUE_BEFORE = /\b(?:by|before|until|till|since|due|from|within|for|next|no later than|in)\s*$/i;

/**
 * Chat clock words rewritten, same length, as chrono reads them: "10ish" → "10:00", "9.15" →
 * "9:15", "this am (9.30)" → "today   9:30 ", "at lunch" → "at 12:30".
 */
function clockWords(text: string): string {
  const same = (from: string, to: string) => to.padEnd(from.length, " ").slice(0, from.length);
  return text
    .replace(/\b(?:this\s+am|this\s+pm|at\s+lunch(?:time)?|lunchtime|this\s+morning|this\s+afternoon)(\s*)\((\s*\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm)?\s*)\)/gi, (m, gap: string, time: string) =>
      same(m, `today${" ".repeat(Math.max(1, m.length - 5 - time.length - 2))}${time.replace(".", ":")}`),
    )
    .replace(/\b(\d{1,2})(?:[:.](\d{2}))?\s?ish\b/gi, (m, h: string, min?: string) => same(m, `${h}:${min ?? "00"}`))
    // "10am Tues" → "Tues 10am": chrono reads a weekday before its time.
    .replace(/\b(\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm))(\s+)((?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day)?|yesterday)\b/gi, (_m, time: string, gap: string, day: string) => `${day}${gap}${time}`)
    .replace(/\bthis\s+am\b/gi, (m) => same(m, "morning"))
    .replace(/\bthis\s+pm\b/gi, (m) => same(m, "14:00"))
    .replace(/\bat\s+lunch(?:time)?\b/gi, (m) => same(m, "at 12:30"))
    .replace(/\bfirst\s+thing\b/gi, (m) => same(m, "at 9:00am"))
    .replace(/(?<![\d/.])\b(\d{1,2})\.([0-5]\d)\b(?![./]\d)/g, (m, h: string, min: string) => (Number(h) <= 23 && (Number(min) > 12 || /^(?:00|15|30|45)$/.test(min)) ? `${h}:${min}` : m));
}

/** "today at 2pm that Sam visits the family" → ["today at 2pm", "Sam visits the family"]: when, then what. */
function whenHead(decided: string, now: Date): [string | null, string] {
  const m = /^(.{1,40}?)\s+that\s+(.+)$/is.exec(decided);
  if (!m || readLondonDateTimes(clockWords(m[1]!), now, { forwardDates: false }).length === 0) return [null, decided];
  return [m[1]!, m[2]!.trim()];
}

/** "Sam visits the family by Friday 5pm" decided: an action for Sam, due then. */
function actionsInDecision(decided: string, ctx: ParseContext): ParsedAction[] {
  const m = /^([A-Z][a-z]+|@[\w.-]+)\s+([a-z]+s)\b(.*)$/s.exec(decided);
  if (!m || /^(?:is|was|has|does)$/.test(m[2]!) || !personOrNull(m[1]!) || personOrNull(m[1]!) !== m[1]) return [];
  const verb = m[2]!.replace(/(ss|x|ch|sh|o)es$/, "$1").replace(/ies$/, "y").replace(/([^s])s$/, "$1");
  const action = readActions(`${m[1]} to ${verb}${m[3]}`, ctx)[0];
  return action && action.due ? [action] : [];
}


const WRITTEN_DATE = /\d{1,2}\s*[/.-]\s*\d{1,2}|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[a-z]{3}/i;

function acceptDiscussed(r: LondonDateTime, now: Date): { at: Date; text: string | null } | null {
  if (/^now$/i.test(r.text)) return { at: now, text: null };
  const today = sameLondonDay(r.instant, now);
  // A written date in the future ("25/11" said on the 23rd) is kept, so the form can point it
  // out; a relative one ("tomorrow") is not a discussion time.
  // A written date in the future ("discussed 25/11" said on the 23rd) is kept, so the form can
  // point it out; a relative one ("tomorrow", "next tuesday") is not a discussion time.
  if (r.instant.getTime() > now.getTime()) return today ? { at: now, text: r.text } : WRITTEN_DATE.test(r.text) ? { at: r.instant, text: r.text } : null;
  if (today && !r.certainTime && !PART_OF_DAY.test(r.text)) return { at: now, text: r.text };
  return { at: r.instant, text: r.text };
}

/** Without an "Issue:" label: what prose says the discussion was about, or unlabelled statements. */
function issueFromContext(context: string[], dateText: string | null, abouts: ReadonlySet<string>): string | null {
  const found: string[] = [];
  for (const raw of context) {
    let text = maskCaseIds(raw);
    if (dateText) text = text.replace(dateText, " ");
    text = text.replace(/\s{2,}/g, " ");
    // Discussion clauses ("spoke to Sam about …") are read apart (readProse): what they were about comes here as its own context.
    const statement = tidy(text.replace(TRAILING_LINK_WORDS, ""));
    if (statement.split(/\s+/).length >= (abouts.has(raw) ? 1 : 3)) found.push(statement);
  }
  return found.length ? found.join(". ") : null;
}
