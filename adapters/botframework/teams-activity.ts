import type { Activity } from "botbuilder";
import type { OutboundMessage } from "../../src/content/message.ts";
import { attachment, isPlainText, messageCard } from "./render-card.ts";

/**
 * A message as a Teams activity: plain text as a chat message, anything with headings,
 * facts, lists or buttons as an Adaptive Card (its text kept as the notification summary).
 */
export function teamsActivity(message: OutboundMessage): Partial<Activity> {
  if (isPlainText(message)) return { type: "message", text: message.text, textFormat: "plain" };
  return { type: "message", summary: message.text.slice(0, 200), attachments: [attachment(messageCard(message))] };
}
