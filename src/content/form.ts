// The neutral form model the core speaks. Each adapter renders it with its own widgets and
// hands back what was submitted as typed answers (src/domain/answers.ts): a picker's value as
// it is, a free-text answer as text for the core to read once.
import type { Answer, Answers } from "../domain/answers.ts";
import { isDayOnly, personLabel } from "../domain/answers.ts";
import { typedLondon } from "../domain/london-time.ts";
import type { FieldValue } from "./message.ts";

export type { ActionRow, Answer, Answers, ChildRow, PersonRef } from "../domain/answers.ts";

export interface SelectOption {
  value: string;
  label: string;
}

interface InputBase {
  id: string;
  label: string;
  required: boolean;
  /**
   * The current answer: what the core filled in, or what the person gave. Usually of the
   * input's own kind; text when the person typed something the core could not read, so it
   * is shown again as typed.
   */
  value: Answer;
  hint?: string;
  /**
   * Set when the value is the bot's reading of a message's prose, not given under a label
   * nor checked by a person: the words that mark it ("Read from your message: check.").
   */
  guess?: string;
}

export type FormInput =
  | (InputBase & { type: "text" })
  | (InputBase & { type: "multiline" })
  /** SMART actions as rows of what, owner and due date (`{ type: "actions" }` answers). */
  | (InputBase & { type: "actions" })
  /** The children a group session discussed as rows of case reference and decision (`{ type: "children" }` answers). */
  | (InputBase & { type: "children" })
  /** A date and time (`{ type: "instant" }` answers). */
  | (InputBase & { type: "datetime" })
  /** People (`{ type: "people" }` answers); one when not `multiple`. */
  | (InputBase & { type: "person"; multiple: boolean })
  | (InputBase & { type: "select"; options: SelectOption[] })
  /** A team channel as "platform:id" ("slack:C0123ABC", "console:north-team"); "" for none. */
  | (InputBase & { type: "channel" });

/** A form: inputs with values, per-field errors, and what to send back on submit. */
export interface Form {
  /** Which form this is, e.g. "oversight-note". */
  formId: string;
  title: string;
  submitLabel: string;
  inputs: FormInput[];
  /** Input id → what is wrong with it, in words for the person. */
  errors: Record<string, string>;
  /** Opaque state the adapter must hand back with the submission (e.g. the draft id). */
  state: Record<string, string>;
}

/** What a submitted form carries: each input's answer, by input id. */
export type FormValues = Answers;

/**
 * An answer as a person reads (and may type back) it, for a platform without the matching
 * picker: "@sam, @priya"; "24/11/2026 14:00" in London time; actions one per line as
 * "@sam: visit the family by 24/11/2026 17:00".
 */
export function answerText(answer: Answer | undefined): string {
  if (!answer) return "";
  switch (answer.type) {
    case "text":
      return answer.text;
    case "choice":
      return answer.value;
    case "instant":
      return answer.at ? typedLondon(new Date(answer.at)) : "";
    case "people":
      return answer.people.map(personLabel).join(", ");
    case "actions":
      return answer.rows
        .filter((row) => row.what.trim() || row.owner || row.due)
        .map((row) => `${row.owner ? `${personLabel(row.owner)}: ` : ""}${row.what.trim()}${row.due ? ` by ${dueText(row.due)}` : ""}`)
        .join("\n");
    case "children":
      return answer.rows
        .filter((row) => row.caseRef.trim() || row.decision.trim())
        .map((row) => `${row.caseRef.trim()}: ${row.decision.trim()}`)
        .join("\n");
  }
}

/**
 * An answer as a read-only field shows it: action rows as a list, one action per item;
 * anything else as its text (a typed text keeps its line breaks).
 */
export function answerValue(answer: Answer | undefined): FieldValue {
  if (answer?.type !== "actions" && answer?.type !== "children") return answerText(answer);
  return answerText(answer).split("\n").filter(Boolean);
}

/** A due date as typed back: "24/11/2026 17:00", or "24/11/2026" for a day without a time. */
function dueText(due: string): string {
  return isDayOnly(due) ? due.split("-").reverse().join("/") : typedLondon(new Date(due));
}
