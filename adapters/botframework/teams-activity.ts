import type { Activity } from "botbuilder";
import type { OutboundMessage } from "../../src/content/message.ts";
import { attachment, isPlainText, messageCard } from "./render-card.ts";

/**
 * A message as a Teams activity: words on one line as a plain chat message, anything with
 * headings, facts, lists, buttons or more than one line as an Adaptive Card (its text kept as
 * the notification summary). A plain message's line breaks are not kept: its lines ran together.
 */
export function teamsActivity(message: OutboundMessage): Partial<Activity> {
  if (isPlainText(message) && !message.blocks.some((b) => b.type === "text" && /\n/.test(b.text.trim()))) return { type: "message", text: message.text, textFormat: "plain" };
  return { type: "message", summary: message.text.slice(0, 200), attachments: [attachment(messageCard(message))] };
}
