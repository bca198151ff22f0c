// What a person answers in a form, typed by the kind of input it came from. A picker gives a
// typed value (a person's id, an instant, a choice, an action row); where the platform has
// no picker, the answer is the text typed, which the core reads once, on submit. Nothing is
// ever flattened to text and read again: an action row keeps its words, owner and due date
// apart, so an empty date stays empty.

/** Someone a form names: a roster person, or words typed for the core to resolve on submit ("sam", "@priya"). */
export type PersonRef = { id: string; handle: string } | { typed: string };

/**
 * One SMART action as a row: what, who (null: nobody yet) and when: an ISO instant, or an
 * ISO day ("2026-11-24") when only a date was picked (the core puts it at the end of
 * working hours); null when not given.
 */
export interface ActionRow {
  what: string;
  owner: PersonRef | null;
  due: string | null;
}

/**
 * One child discussed in a group supervision session, as a row: the case reference (never a
 * name) and what was decided for that child. Either may be empty while being typed.
 */
export interface ChildRow {
  caseRef: string;
  decision: string;
}

/** "2026-11-24": a due date picked without a time. */
export const isDayOnly = (due: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(due);

export type Answer =
  /** Typed text: a text input's value, or a free-text answer where the platform has no picker. */
  | { type: "text"; text: string }
  /** A date-time picker's instant (ISO 8601, UTC); null when left empty. */
  | { type: "instant"; at: string | null }
  /** A people picker's choice, in order. */
  | { type: "people"; people: PersonRef[] }
  /** A select's (or channel picker's) value; "" for none. */
  | { type: "choice"; value: string }
  /** Action rows, as the form's row inputs give them. */
  | { type: "actions"; rows: ActionRow[] }
  /** The children a group session discussed, as the form's row inputs give them. */
  | { type: "children"; rows: ChildRow[] };

/** A form's answers by input id. */
export type Answers = Readonly<Record<string, Answer>>;

export const textAnswer = (text: string): Answer => ({ type: "text", text });
export const choiceAnswer = (value: string): Answer => ({ type: "choice", value });
export const instantAnswer = (at: Date | null): Answer => ({ type: "instant", at: at ? at.toISOString() : null });

/** Whether an answer says anything (an empty text, no people, no rows, no instant: nothing). */
export function isAnswered(answer: Answer | undefined): boolean {
  if (!answer) return false;
  switch (answer.type) {
    case "text":
      return answer.text.trim() !== "";
    case "instant":
      return answer.at !== null;
    case "people":
      return answer.people.length > 0;
    case "choice":
      return answer.value !== "";
    case "actions":
      return answer.rows.some((row) => row.what.trim() !== "" || row.owner !== null || row.due !== null);
    case "children":
      return answer.rows.some((row) => row.caseRef.trim() !== "" || row.decision.trim() !== "");
  }
}

/** The text of a text or choice answer ("" for any other kind, or none). */
export function plainText(answer: Answer | undefined): string {
  if (answer?.type === "text") return answer.text;
  if (answer?.type === "choice") return answer.value;
  return "";
}

/** A person as a form shows them: "@sam", or what was typed. */
export const personLabel = (ref: PersonRef): string => ("id" in ref ? `@${ref.handle}` : ref.typed);
