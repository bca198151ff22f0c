import { findCaseIds } from "../capture/case-ref.ts";
import { DECISION_CUES } from "../domain/vocabulary.ts";

/** The words every platform's command understands, first word first. */
export const COMMANDS = ["help", "list", "mine", "show", "export", "comment", "disagree", "on-record", "amend", "finish", "discard", "done", "snooze", "away", "compliance", "group"] as const;

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

const ADDRESSED = /^\s*\/?(oversight|note)\b[\s:,-]*/i;

export function readMessage(text: string): MessageKind {
  const addressed = ADDRESSED.test(text);
  const rest = text.replace(ADDRESSED, "").trim();
  const first = rest.split(/\s+/)[0]?.toLowerCase() ?? "";
  if (addressed || (COMMANDS as readonly string[]).includes(first)) return { kind: "command", text: rest };
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
  if (words.length > 3 || first.length < 3 || (COMMANDS as readonly string[]).includes(first)) return null;
  const allowed = first.length > 6 ? 2 : 1;
  return COMMANDS.find((command) => editDistance(first, command) <= allowed) ?? null;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
