// The words the bot reads, each list in one place (docs/design.md#capture): "none", agreement and
// disagreement, decisions not to act, the labels of a note's sections and case references.
// Word lists and simple patterns only: the reading that uses them stays with the message
// parser (src/capture) and the form (src/services), so that both read a word the same way.

/** A regex alternation of `words` as written, longest first ("no disagreements" before "no"). */
export function anyOf(words: readonly string[]): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))
    .join("|");
}

// ── None, agreement, disagreement ─────────────────────────────────────────────────────

/** A whole answer saying "nothing here" for any field: "none", "None.", "N/A", "nil", "-". */
export const NONE_WORDS = ["none", "nil", "no", "n/a", "na", "not applicable", "-"] as const;

/**
 * Phrases that say nobody disagreed, safe to read anywhere in a message:
 * "no disagreements", "there was no dissent", "decision agreed by all", "unanimous".
 */
export const NO_DISAGREEMENT_CUES = [
  "no disagreement", "no disagreements", "no dissent", "agreed by all", "agreed by everyone",
  "nobody disagreed", "no one disagreed", "no-one disagreed", "unanimous", "unanimously",
] as const;

/** Whole answers to "any disagreements?" that mean none, read only as the whole answer: "none raised". */
export const NO_DISAGREEMENT_ANSWERS = ["none raised", "none recorded", "none noted", "none expressed"] as const;

/** Who agreed, before "agreed" / "were in agreement": "everyone agreed", "we all agreed", "both of us were in agreement". */
export const AGREEING_GROUPS = ["we all", "all of us", "all parties", "all", "everyone", "everybody", "both of us"] as const;

/**
 * Who agreed, but only when they start the clause or the answer: "Both agreed to step up".
 * Mid-sentence they are often someone else ("mum and dad both agreed to the plan").
 */
export const AGREEING_GROUPS_AT_START = [...AGREEING_GROUPS, "both"] as const;

const AGREEING = "(?:were )?(?:in agreement|agreed)";

/** "everyone agreed", "all were in agreement" anywhere in a message: AGREEING_GROUPS agreeing (regex source, no flags). */
export const ALL_AGREED_SRC = String.raw`(?:${anyOf(AGREEING_GROUPS)}) ${AGREEING}`;

const NO_DISAGREEMENT_WHOLE = new RegExp(
  String.raw`^(?:${anyOf([...NONE_WORDS, ...NO_DISAGREEMENT_CUES, ...NO_DISAGREEMENT_ANSWERS])}|(?:${anyOf(AGREEING_GROUPS_AT_START)}) ${AGREEING})$`,
  "i",
);

/**
 * Whether a whole answer about disagreements says there were none: "none", "N/A",
 * "no disagreements.", "everyone agreed", "agreed by all", "nobody disagreed". Not
 * "Sam disagreed", "not agreed" or "no, Sam thought TAF first". The form's Disagreements
 * field and the parser's "Disagreements:" section both ask this.
 */
export function saysNoDisagreement(text: string): boolean {
  return NO_DISAGREEMENT_WHOLE.test(wholeAnswer(text));
}

/** Disagreeing, after who: "Sam disagreed", "Priya did not support", "Jo took a different view". */
export const DISAGREEMENT_VERBS = [
  "disagreed", "disagrees", "disagree", "did not agree", "didn't agree", "does not agree", "doesn't agree",
  "was not in agreement", "wasn't in agreement", "were not in agreement", "dissented", "objected",
  "did not support", "didn't support", "had a different view", "has a different view", "took a different view",
  "felt differently", "was not happy with the decision", "raised a disagreement",
] as const;

/** Words that may come between who and the disagreeing: "Sam strongly disagreed", "Priya also objected". */
export const DISAGREEMENT_ADVERBS = ["strongly", "also", "initially"] as const;

// ── Parts of the record that do not apply ─────────────────────────────────────────────

/**
 * Words that start an answer saying a part of the record does not apply, before why: "not
 * discussed: baby", "n/a – too young to say", "not seen (in hospital)". Alone (or a NONE_WORDS
 * answer alone) they say it does not apply without saying why. ("No" and "-" are not leads:
 * "No – still wants to live with dad" is the child's view.)
 */
export const DOES_NOT_APPLY_LEADS = [
  "n/a", "na", "none", "nil", "not applicable", "does not apply", "doesn't apply", "not discussed", "not asked", "not sought",
  "not seen", "not spoken to", "not known", "not possible", "not able to ask", "unable to ask", "not yet",
] as const;

/** The review's answer when the case has no earlier notes: the bot fills it in itself. */
export const FIRST_NOTE_ON_CASE = "first note on this case";

/**
 * Answers to "review of previous decisions and actions" that are their own reason, alone or
 * before more words: "first note on this case", "no previous notes – new referral".
 */
export const NOTHING_TO_REVIEW = [
  FIRST_NOTE_ON_CASE, "first note", "first note on the case", "first oversight", "first oversight note", "no previous notes",
  "no earlier notes", "no previous oversight", "no previous decisions", "no previous actions", "no previous decisions or actions",
  "no previous decisions and actions", "no previous involvement", "nothing to review", "new case", "new referral",
] as const;

/** After a lead, what makes the rest its reason: a colon, dash, comma, bracket, or "as"/"because". */
const REASON_AFTER = String.raw`\s*(?:[:;,(–—-]|\s(?:as|because|since|due to|given)\b)\s*`;
const LEAD_ALONE = new RegExp(String.raw`^(?:${anyOf([...NONE_WORDS, ...DOES_NOT_APPLY_LEADS])})$`, "i");
const LEAD_AND_REASON = new RegExp(String.raw`^(?:${anyOf(DOES_NOT_APPLY_LEADS)})${REASON_AFTER}\S`, "i");
const NOTHING_TO_REVIEW_LEAD = new RegExp(String.raw`^(?:${anyOf(NOTHING_TO_REVIEW)})(?:$|${REASON_AFTER})`, "i");

/**
 * Whether a whole answer to one of the parts a note may answer "does not apply" (the review of
 * previous decisions and actions, the child's views) says so: "not discussed: baby" and, for
 * the review, "first note on this case" give their reason (the answer as typed, tidied);
 * "n/a" or "none" alone says it without a reason; anything else is the part's content (null).
 * "Not seen alone; mum says he is happy" is content: no colon, dash or the like after the lead.
 */
export function doesNotApply(text: string, part: "review" | "childViews"): { reason: string } | "no-reason" | null {
  const answer = wholeAnswer(text);
  if (!answer) return null;
  if (part === "review" && NOTHING_TO_REVIEW_LEAD.test(answer)) return { reason: answer };
  if (LEAD_ALONE.test(answer)) return "no-reason";
  return LEAD_AND_REASON.test(answer) ? { reason: answer } : null;
}

// ── Decisions, rationale, actions ─────────────────────────────────────────────────────

/** A decision's verbs in prose: "we decided to …", "agreed NFA", "step up agreed". */
export const DECISION_VERBS = ["decided", "agreed"] as const;

/**
 * Words that start a decision's reason in prose: "because of the bruising", "given that mum
 * engages", "NFA since school happy". ("as" is a cue too, but only in some places: the
 * parser decides which.)
 */
export const RATIONALE_CUES = [
  "because", "because of", "since", "due to", "given", "given that", "owing to", "in light of", "on the basis that",
  // chat: "cos", "bc", and the usual typos
  "cos", "coz", "cuz", "bc", "b/c", "becuase", "becasue", "beacuse", "becaus",
  "cos of", "bc of", "becuase of", "becasue of", "beacuse of",
] as const;

/** A whole "Actions:" item saying there are none: "none", "N/A", "no further actions", "-". */
export const NO_ACTIONS_ANSWERS = [...NONE_WORDS, "no action", "no actions", "no further action", "no further actions"] as const;

const NO_ACTIONS_WHOLE = new RegExp(String.raw`^(?:${anyOf(NO_ACTIONS_ANSWERS)})$`, "i");

/** Whether an item under "Actions:" (or a whole actions answer) says there are none. */
export function saysNoActions(text: string): boolean {
  return NO_ACTIONS_WHOLE.test(wholeAnswer(text));
}

/** A decision not to act, anywhere in its words: "NFA", "no further involvement", "take no action", "remain at universal". */
export const NOT_TO_ACT_PHRASES = [
  "nfa", "no further action", "no further involvement", "no further social care involvement",
  "take no action", "take no further action",
  "remain at universal", "remain with universal", "remain at current", "remain with current",
  "no change to plan", "no change to the plan", "no change to level", "no change to the level",
] as const;

/** "no action" / "no role" as a decision, but not "no action plan": "no role for children's services". */
export const NO_ROLE_PHRASES = ["no action", "no role"] as const;

/** What a decision was not to do, after "not to": "not to step up", "not to convene", "not to take any further action". */
export const NOT_TO_VERBS = [
  "step up", "escalate", "act", "proceed", "progress", "convene", "hold", "intervene", "open", "refer",
  "initiate", "start", "instigate", "pursue",
  "take action", "take any action", "take further action", "take any further action",
] as const;

/** Steps found unnecessary, before NOT_NEEDED_WORDS: "no strategy discussion needed", "no s47 at this stage". */
export const UNNEEDED_STEPS = ["strategy discussion", "section 47", "s47", "referral", "escalation", "step up", "step-up"] as const;

/** After UNNEEDED_STEPS: "needed", "required", "at this time". */
export const NOT_NEEDED_WORDS = ["needed", "required", "necessary", "warranted", "at this time", "at this stage"] as const;

/** A decision not to act, anywhere in a decision's words (case-insensitive). Closing a case is acting. */
export const NOT_TO_ACT = new RegExp(
  String.raw`\b(?:${anyOf(NOT_TO_ACT_PHRASES)}|(?:${anyOf(NO_ROLE_PHRASES)})\b(?! plan)|not to (?:${anyOf(NOT_TO_VERBS)})|no (?:${anyOf(UNNEEDED_STEPS)})\s+(?:${anyOf(NOT_NEEDED_WORDS)}))`,
  "i",
);

// ── Labels ─────────────────────────────────────────────────────────────────────────────

/**
 * The labels that start a note's sections in a message, lower case, by field: "Issue:",
 * "Because -", "Next steps:". The parser tolerates case, "(s)" and a typo or two.
 */
export const LABEL_SYNONYMS = {
  caseRef: ["case", "case ref", "case reference", "case no", "case number", "case id", "ref", "reference", "child ref", "child id", "id", "mosaic", "mosaic id", "lcs id", "ehm id", "case ref no"],
  kind: ["kind", "type", "oversight type", "type of oversight", "note type", "category", "kind of oversight", "oversight kind"],
  discussed: ["discussed", "discussed at", "discussed on", "date", "when", "time", "date and time", "date time", "discussion date", "held", "held at", "meeting"],
  participants: ["participants", "present", "attendees", "attending", "with", "people", "people present", "discussed with", "involved", "who"],
  issue: ["issue", "issues", "presenting issue", "presenting issues", "concern", "concerns", "presenting concern", "presenting concerns", "problem", "problems", "situation", "summary", "background", "context", "reason for discussion"],
  review: ["review", "previous actions", "previous decisions", "review of previous actions", "review of previous decisions", "review of previous decisions and actions", "review of actions", "previous decisions and actions", "progress", "update", "actions review", "outcome of previous actions", "last actions"],
  options: ["options", "option", "options considered", "alternatives", "choices", "options available", "options discussed", "considered"],
  /** "Option 1:", "Option B": numbered, matched by pattern rather than words. */
  option: [],
  decision: ["decision", "decisions", "decided", "outcome", "agreed", "agreement", "course of action", "decision made", "management decision", "chosen option", "chosen"],
  plan: ["plan", "agreed plan"],
  rationale: ["rationale", "reason", "reasons", "reasoning", "why", "because", "reasons for decision", "reason for decision", "justification", "basis", "rationale for decision", "analysis"],
  disagreements: ["disagreement", "disagreements", "dissent", "disagree", "differing views", "objections", "any disagreement", "any disagreements"],
  actions: ["actions", "action", "next steps", "next step", "to do", "todo", "tasks", "action plan", "follow up", "followup", "smart actions", "agreed actions"],
  childViews: ["child's views", "childs views", "child views", "child's view", "child view", "voice of the child", "child's voice", "wishes and feelings", "child's wishes", "child's wishes and feelings", "views of the child", "young person's views", "yp views", "yp's views", "cyp views", "views", "child's voice and views"],
} as const satisfies Record<string, readonly string[]>;

/** A field a message's label can name. */
export type LabelledField = keyof typeof LABEL_SYNONYMS;

// ── Case references ────────────────────────────────────────────────────────────────────

/**
 * A whole case reference, as the case system writes it: letters, digits, "-", "/", "." and
 * spaces, at least one digit, up to 40 characters. "4471-JB", "JB 4471", "123456", "AB/1234";
 * not "Jo Bloggs" or "JB-".
 */
export const CASE_REF = /^(?=.*\d)[A-Za-z0-9][A-Za-z0-9 /._-]{0,39}$/;

/** Whether `text` (trimmed) is a case reference by CASE_REF's rule. */
export function isCaseRef(text: string): boolean {
  return CASE_REF.test(text.trim());
}

/**
 * The one spelling of a case reference, so that one child's history is never split across
 * spellings: every way in (the message parser, the forms, `list`, `group case`, the CLI) stores
 * and looks up this form, and stored rows are rewritten to it at start-up.
 *
 * CASE_REF allows letters and digits with "-", "/", ".", "_" or spaces between them, and upper
 * or lower case; none of that tells two cases apart in the case systems we take ids from. So a
 * reference is read as its runs of letters and of digits: "4471-jb", "4471JB", "4471 JB" and
 * "4471/JB" are all 4471 and JB. The canonical form writes the runs upper-case, joined by "-"
 * ("4471-JB"), and an id of one number and one group of letters puts the number first
 * ("JB 4471", "JB-4471" → "4471-JB"; "CR-20931" → "20931-CR"): people type initials and prefixes
 * on either side, and CASE_REF's own first example ("4471-JB") is the way this bot's users write
 * them. Digits alone stay as they are ("0088123"); longer ids keep their order ("AB/12/3" →
 * "AB-12-3"). Text that is not a CASE_REF (a name typed under "Case:", for the names guard to
 * flag) is only trimmed, and so is one with a word written like a name ("Jayden 4471"): upper-
 * casing it would hide it from the guard.
 */
export function canonicalCaseRef(text: string): string {
  const typed = text.trim();
  if (!CASE_REF.test(typed) || /\b[A-Za-z][a-z]{2,}\b/.test(typed)) return typed;
  const runs = typed.toUpperCase().match(/[A-Z]+|\d+/g) ?? [];
  const [first, second] = runs;
  if (runs.length === 2 && /^[A-Z]/.test(first!) && /^\d/.test(second!)) return `${second}-${first}`;
  return runs.join("-");
}

/**
 * A case reference inside a sentence: "case 88123" / "ref: 88123" (the digits in group 1),
 * "4471-JB", "CR-20931", "LL/5567", "EHM-778", "MOS123456", "JB 4471", "4471JB". The ids it
 * finds are CASE_REFs (a test holds it to that). Not global: callers that scan add "g".
 */
export const CASE_ID_IN_TEXT =
  /\b(?:case|ref|reference|id)\s*(?:no\.?|number|ref|#|:)?\s*#?(\d{4,})(?![-/\w])|\b\d{3,}[-/][A-Za-z]{1,4}\b|\b[A-Za-z]{1,5}[-/]\d{3,}\b|\b[A-Z]{2,5}\d{3,}\b|\b[A-Z]{2,3} \d{3,}\b|\b\d{3,}[A-Z]{2,3}\b/;

/**
 * Letters that with digits look like a case id but are not one: abbreviations, time zones,
 * words before numbers ("S47 1234", "CP 2024", "AGED 15", "GMT 1400").
 */
export const NOT_CASE_LETTERS = [
  "NFA", "CP", "CIN", "LAC", "CLA", "CAMHS", "MASH", "LADO", "GP", "PLO", "ICPC", "RCPC", "SW", "TAF", "EHA", "DSL",
  "DOB", "NHS", "BST", "GMT", "UTC", "AM", "PM", "TM", "IRO", "S", "SECTION", "COVID", "YEAR", "AGE", "AGED",
] as const;

/** A typed answer as compared: trimmed, spaces collapsed, a final full stop or "!" dropped. */
function wholeAnswer(text: string): string {
  return text.trim().replace(/\s+/g, " ").replace(/\s*[.!]+$/, "");
}


// ── Chat: people, doubt, decisions, clock words ───────────────────────────────────────

/**
 * Colleagues' first names that are also everyday words ("kit", "will", "mark"): written in
 * lower case they are read as a person only where a person stands ("kit not keen", "w/ kit",
 * "kit to chase").
 */
export const NAMES_THAT_ARE_WORDS = [
  "will", "may", "mark", "kit", "pat", "rob", "bill", "sue", "dawn", "rose", "grace", "hope", "joy", "faith", "june",
  "april", "summer", "ray", "art", "jack", "max", "ben", "don", "val", "frank", "jean", "nick", "sky", "amber", "ruby",
  "holly", "ivy", "jade", "iris", "daisy", "poppy", "lily", "sunny", "cliff", "dean", "drew", "miles", "rich", "chase",
  "hunter", "carter", "mason", "sandy", "penny", "pearl", "robin", "eve",
] as const;

/**
 * Doubt after who, in chat: "sam wasn't sure, thought TAF first", "Ivan not keen – thinks …",
 * "Mo not convinced", "I'm not convinced, think …", "Dee had doubts". The view follows.
 */
export const DOUBT_PHRASES = [
  "wasn't sure", "was not sure", "wasnt sure", "isn't sure", "is not sure", "not sure", "unsure", "was unsure",
  "wasn't keen", "was not keen", "not keen", "isn't keen", "wasn't happy", "was not happy", "not happy",
  "wasn't convinced", "was not convinced", "not convinced", "isn't convinced", "i'm not convinced", "am not convinced",
  "had doubts", "has doubts", "had concerns", "has reservations", "had reservations", "was hesitant", "hesitant",
  "would have preferred", "would prefer", "preferred", "prefers", "felt", "feels", "was worried", "is worried", "worried",
  "thought we should", "thinks we should", "disagreed", "disagrees", "pushed back", "challenged", "questioned",
] as const;

/** After who, agreeing: "Jo agreed", "priya in agreement", "Sam happy with this". Not a disagreement. */
export const AGREEMENT_PHRASES = ["agreed", "agrees", "in agreement", "happy with this", "happy with that", "happy with the plan", "on board", "fine with this", "fine with that", "ok with this", "ok with that", "concurred"] as const;

/**
 * Words that start a decision in chat: "going with FGC", "we'll adjourn", "we said step down",
 * "we're closing as …", "plan is to …". The decision is what follows.
 */
export const CHAT_DECISION_LEADS = [
  "going with", "we're going with", "we are going with", "went with", "we went with", "we'll go with", "will go with",
  "we'll", "we will", "we said", "we're", "we are", "we've agreed", "we have agreed", "plan is to", "plan is", "the plan is to", "the plan is",
  "decision is", "decision was", "decision -", "decision –", "outcome -", "outcome –", "agreed plan", "we've decided", "we have decided",
  "settled on", "opted for", "we opted for", "we're opting for",
] as const;

/** A decision by itself, or at the start of one: "NFA", "closing", "no further action as …". */
export const CHAT_DECISION_WORDS = ["nfa", "no further action", "closing", "closing the case", "close the case"] as const;

/**
 * Words that make a line given as a decision look like one when it names no case: something
 * decided, agreed or to be done ("agreed with sam to visit", "NFA", "going with TAF").
 */
export const DECISION_CUES = [
  ...DECISION_VERBS, ...CHAT_DECISION_LEADS, ...CHAT_DECISION_WORDS,
  "decide", "decision", "agree", "will", "visit", "step up", "step down", "strategy", "s47", "section 47", "refer", "referral",
  "plan", "review", "discussed", "spoke", "meeting", "assessment", "action", "actions", "issue", "because", "rationale",
] as const;
