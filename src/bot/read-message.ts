import { findCaseIds } from "../capture/case-ref.ts";
import { editDistance } from "../domain/edit-distance.ts";
import { DECISION_CUES } from "../domain/vocabulary.ts";

/** The words every platform's command understands, first word first. */
export const COMMANDS = ["help", "list", "mine", "show", "export", "comment", "disagree", "on-record", "amend", "finish", "discard", "done", "snooze", "away", "compliance", "dashboard", "home", "group", "case", "supervision", "agreement"] as const;

/**
 * What a message typed to the bot is, decided here for every platform alike (a Slack or
 * Teams direct message, an @mention in a Teams channel, a line in the console):
 * - `command`: it starts "oversight" (or "/oversight", "note"), or with a command's name;
 * - `decision`: it names a case (a decision to record, e.g. "4471-JB: agreed to visit");
 * - `chatter`: anything else ("thanks", "ok"): answered with a hint, never made a draft.
 * `text` is what the command handler reads: the message without its "oversight"/"note".
 * Slack's `/oversight …` is addressed by its very form: it never needs reading.
 */
export type MessageKind = { kind: "command" | "decision"; text: string } | { kind: "chatter" };

const isCommand = (word: string) => (COMMANDS as readonly string[]).includes(word);

const ADDRESSED = /^\s*\/?(oversight|note)\b[\s:,-]*/i;

export function readMessage(text: string): MessageKind {
  const addressed = ADDRESSED.test(text);
  const rest = text.replace(ADDRESSED, "").trim();
  const first = rest.split(/\s+/)[0]?.toLowerCase() ?? "";
  if (addressed || isCommand(first)) return { kind: "command", text: rest };
  if (findCaseIds(rest).length > 0) return { kind: "decision", text: rest };
  return { kind: "chatter" };
}

/**
 * Whether words given as a decision look like one: they name a case, or say something was
 * decided or is to be done. "clear", "no", "delete x" do not: they get a hint, not a draft
 * with 48-hour deadlines.
 */
export function looksLikeADecision(text: string): boolean {
  return findCaseIds(text).length > 0 || DECISION_WORDS.test(text);
}

const DECISION_WORDS = new RegExp(String.raw`\b(?:${DECISION_CUES.map((cue) => cue.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+")).join("|")})\b`, "i");

/**
 * The command a mistyped first word was probably meant to be ("lsit" → "list", "complaince" →
 * "compliance"): one edit away (two for long words), a swap of neighbours counting as one;
 * only for a short line (a command and its argument), never for a sentence.
 */
export function nearMissCommand(text: string): string | null {
  const words = text.trim().split(/\s+/);
  const first = words[0]?.toLowerCase() ?? "";
  if (words.length > 3 || first.length < 3 || isCommand(first)) return null;
  const allowed = first.length > 6 ? 2 : 1;
  return COMMANDS.find((command) => editDistance(first, command, allowed) <= allowed) ?? null;
}
