import { findCaseIds } from "../capture/case-ref.ts";
import { COMMANDS } from "./commands.ts";

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
