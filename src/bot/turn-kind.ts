import type { InboundEvent } from "./inbound.ts";
import { COMMANDS, readMessage } from "./read-message.ts";

/**
 * What kind of turn an event is, for counting (the `kind` label of oversight_turns_total): a
 * command word, a decision to record, chatter, a thread captured, a form submitted or closed, a
 * button, or what the adapter could not read. A fixed set, so nothing typed becomes a label.
 */
export const TURN_KINDS = [...COMMANDS, "decision", "chatter", "capture", "form", "dismiss", "action", "unsupported"] as const;

export type TurnKind = (typeof TURN_KINDS)[number];

const ADDRESSED = /^\s*\/?oversight\b/i;

export function turnKind(event: InboundEvent): TurnKind {
  switch (event.kind) {
    case "command":
      return commandKind(event.text);
    case "message": {
      const read = readMessage(event.text);
      return read.kind === "chatter" ? "chatter" : commandKind(read.text);
    }
    case "capture":
      return "capture";
    case "submit":
      return "form";
    case "dismiss":
      return "dismiss";
    case "action":
      return "action";
    case "unsupported":
      return "unsupported";
  }
}

/** A command's word when it is one; anything else is read as a decision to record (as `handleCommand` does). */
function commandKind(text: string): TurnKind {
  const word = text.replace(ADDRESSED, "").trim().split(/\s+/)[0]?.toLowerCase() ?? "";
  return (COMMANDS as readonly string[]).includes(word) ? (word as TurnKind) : "decision";
}
