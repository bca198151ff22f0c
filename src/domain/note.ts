import { GROUP_OUTCOME, GROUP_SUPERVISION, type NoteKind } from "./note-kinds.ts";

/**
 * draft (captured, maybe partial) → recorded (complete, recorder confirmed) → on-case-record;
 * or draft → discarded (never recorded, removed by its author or recorder: kept, with who and
 * when, but shown nowhere a note would be).
 */
export type NoteStatus = "draft" | "recorded" | "on-case-record" | "discarded";

export interface NoteOption {
  text: string;
  chosen: boolean;
}

/** `who` is a participant's person id when known, otherwise the words as typed. */
export interface Disagreement {
  who: string;
  view: string;
}

/** An action as written into the note: what, who, by when (SMART basics). */
export interface NoteActionPlan {
  what: string;
  ownerId: string | null;
  /** The owner as typed when it did not resolve to a rostered person. */
  ownerText: string | null;
  dueAt: Date | null;
}

/** A child a group session discussed: the case reference (never a name) and what was decided for them. */
export interface ChildDiscussed {
  caseRef: string;
  decision: string;
}

/** Where a group outcome came from: the group note (and its session) that decided it. */
export interface GroupOrigin {
  noteId: string;
  sessionId: string | null;
}

/**
 * The fields the bot may fill by reading a message's prose, by the form's names for them: a
 * guess until a person checks it (the form marks it "read from your message: check").
 */
export const GUESSABLE_FIELDS = ["kind", "participants", "issue", "review", "options", "decision", "rationale", "disagreements", "actions", "childViews"] as const;
export type GuessableField = (typeof GUESSABLE_FIELDS)[number];

/** The fields of a Management Oversight note, in the order of docs/design.md#the-note. */
export interface NoteFields {
  caseRef: string | null;
  kind: NoteKind;
  discussedAt: Date;
  participantIds: string[];
  issue: string | null;
  review: string | null;
  /** Why there is nothing to review, as answered instead of a review: "first note on this case". */
  reviewDoesNotApply: string | null;
  options: NoteOption[];
  decision: string | null;
  /** A decision not to act (no further action, not to step up) is still a decision. */
  decisionNotToAct: boolean;
  rationale: string | null;
  disagreements: Disagreement[];
  /** "None" recorded explicitly, as opposed to not asked. */
  noDisagreement: boolean;
  actions: NoteActionPlan[];
  childViews: string | null;
  /** Why the child's views are not recorded, as answered instead of them: "not discussed: baby". */
  childViewsDoesNotApply: string | null;
  /**
   * A draft's fields the bot guessed from the prose of a message, that no person has confirmed
   * yet; emptied when the form is submitted (the person saw and kept them), so a recorded note
   * has none.
   */
  guessed: GuessableField[];
  /** A group supervision note's questions: the presenter's and those the group raised [000 group Standard Four]. */
  questions: string | null;
  /** A group supervision note's insights. (Its issues are `issue`; its next steps, `actions`.) */
  insights: string | null;
  /**
   * A group supervision note's children discussed, one per case, the presented case first;
   * each becomes a group outcome entry once the note is recorded. Absent (not empty) on notes
   * stored before children were listed and on every other kind, so their seals still verify.
   */
  children?: ChildDiscussed[];
  /** A group outcome's group note and session; absent on every other kind. */
  fromGroup?: GroupOrigin;
}

export type ActionStatus = "open" | "done";

export interface NoteAction extends NoteActionPlan {
  id: string;
  noteId: string;
  position: number;
  status: ActionStatus;
  outcome: string | null;
  doneAt: Date | null;
  doneById: string | null;
}

export interface OversightNote {
  id: string;
  sourceKey: string | null;
  status: NoteStatus;
  version: number;
  fields: NoteFields;
  actions: NoteAction[];
  createdAt: Date;
  createdById: string;
  recorderId: string | null;
  recordedAt: Date | null;
  recordedById: string | null;
  onCaseRecordAt: Date | null;
  onCaseRecordById: string | null;
  caseRecordRef: string | null;
  lateReason: string | null;
  /** Set when a draft was discarded (status "discarded"). */
  discardedAt: Date | null;
  discardedById: string | null;
  /**
   * Set when the bot's copy of the case content was removed under the retention rule (the
   * note had long been on the child's case record): fields other than case reference, kind,
   * discussion time and participants are blank, actions keep only owner, dates and status,
   * versions and comments are gone. `purgedById` is null for a scheduled or CLI run;
   * `purgedRule` says which rule, with its policy source.
   */
  purgedAt: Date | null;
  purgedById: string | null;
  purgedRule: string | null;
  updatedAt: Date;
}

/** One version of a note's fields as it stood from `at` (never changed once written). */
export interface NoteRevision {
  noteId: string;
  version: number;
  at: Date;
  byId: string;
  kind: "recorded" | "amended";
  reason: string | null;
  fields: NoteFields;
}

export type CommentKind = "comment" | "disagreement";

/** A participant's comment or disagreement, appended to the record [003 8.11]. */
export interface NoteComment {
  id: string;
  noteId: string;
  at: Date;
  byId: string;
  kind: CommentKind;
  text: string;
}

export type RequiredField = "caseRef" | "participants" | "issue" | "review" | "options" | "decision" | "rationale" | "disagreements" | "childViews" | "questions" | "insights";

/**
 * Required fields with no value, in the note's order. A group supervision note records
 * questions, issues and insights [000 group Standard Four]; an oversight note all six parts of
 * [000 Standard Four] (the review of previous decisions and actions and the disagreements
 * included) and the child's views [003 recommendation 1e], each of those three answered with
 * what was said or why it does not apply ("none", "first note on this case", "not
 * discussed: baby").
 */
export function missingFields(fields: NoteFields): RequiredField[] {
  const missing: RequiredField[] = [];
  if (!fields.caseRef?.trim()) missing.push("caseRef");
  if (fields.participantIds.length === 0) missing.push("participants");
  if (fields.kind === GROUP_OUTCOME) {
    if (!fields.decision?.trim()) missing.push("decision");
    return missing;
  }
  if (fields.kind === GROUP_SUPERVISION) {
    if (!fields.questions?.trim()) missing.push("questions");
    if (!fields.issue?.trim()) missing.push("issue");
    if (!fields.insights?.trim()) missing.push("insights");
    return missing;
  }
  if (!fields.issue?.trim()) missing.push("issue");
  if (!fields.review?.trim() && !fields.reviewDoesNotApply?.trim()) missing.push("review");
  if (fields.options.length === 0) missing.push("options");
  if (!fields.decision?.trim()) missing.push("decision");
  if (!fields.rationale?.trim()) missing.push("rationale");
  if (fields.disagreements.length === 0 && !fields.noDisagreement) missing.push("disagreements");
  if (!fields.childViews?.trim() && !fields.childViewsDoesNotApply?.trim()) missing.push("childViews");
  return missing;
}

export interface SmartProblem {
  position: number;
  problem: "no-what" | "no-owner" | "no-due" | "due-before-discussion";
}

/** An action needs something to do, one owner and a due date after the discussion; what is wrong is pointed out. */
export function smartProblems(actions: readonly NoteActionPlan[], discussedAt: Date): SmartProblem[] {
  const problems: SmartProblem[] = [];
  actions.forEach((action, position) => {
    if (!action.what.trim()) problems.push({ position, problem: "no-what" });
    if (!action.ownerId && !action.ownerText?.trim()) problems.push({ position, problem: "no-owner" });
    if (!action.dueAt) problems.push({ position, problem: "no-due" });
    else if (action.dueAt.getTime() < discussedAt.getTime()) problems.push({ position, problem: "due-before-discussion" });
  });
  return problems;
}

export const emptyFields = (discussedAt: Date): NoteFields => ({
  caseRef: null,
  kind: "ad-hoc",
  discussedAt,
  participantIds: [],
  issue: null,
  review: null,
  reviewDoesNotApply: null,
  options: [],
  decision: null,
  decisionNotToAct: false,
  rationale: null,
  disagreements: [],
  noDisagreement: false,
  actions: [],
  childViews: null,
  childViewsDoesNotApply: null,
  guessed: [],
  questions: null,
  insights: null,
});

/** The stored parts of the note behind each guessable field of the form. */
const PARTS_OF: Record<GuessableField, readonly (keyof NoteFields)[]> = {
  kind: ["kind"],
  participants: ["participantIds"],
  issue: ["issue"],
  review: ["review", "reviewDoesNotApply"],
  options: ["options"],
  decision: ["decision"],
  rationale: ["rationale"],
  disagreements: ["disagreements", "noDisagreement"],
  actions: ["actions"],
  childViews: ["childViews", "childViewsDoesNotApply"],
};

/**
 * The guesses still standing after a person edited a draft: a field they changed was
 * confirmed by them, one left as it was is still the bot's guess.
 */
export function guessesKept(before: NoteFields, after: NoteFields): GuessableField[] {
  return before.guessed.filter((field) => PARTS_OF[field].every((key) => JSON.stringify(before[key]) === JSON.stringify(after[key])));
}

/** The names of the fields that differ between two versions, in the note's order (a draft's guesses are not part of the record). */
export function changedFields(before: NoteFields, after: NoteFields): (keyof NoteFields)[] {
  const keys = Object.keys(after) as (keyof NoteFields)[];
  return keys.filter((key) => key !== "guessed" && JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}
