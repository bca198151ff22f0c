import type { OutboundMessage } from "../content/message.ts";
import type { Person } from "../domain/people.ts";

/**
 * What became of one attempt to send. `retry` is for throttling and outages (honour
 * `retryAfterMs`, e.g. Slack's Retry-After); `throttled` marks a retry the platform asked for
 * by rate limiting (a 429), which says nothing about the message or the person, so it does not
 * use up the message's attempts. `permanent` is for refusals that will never succeed (unknown
 * user, the bot removed from the conversation): no retry, escalate instead.
 * `reason` is a short code for the record, never message content.
 */
export type DeliveryResult =
  | { status: "delivered" }
  | { status: "retry"; reason: string; retryAfterMs?: number; throttled?: boolean }
  | { status: "permanent"; reason: string };

/**
 * Proactive messages: every reminder, notice and escalation leaves the core through here.
 * Each adapter implements it for its platform (the console prints; Slack and Teams send a DM).
 * Example: await delivery.send(sam, reminderMessage) → { status: "delivered" }.
 */
export interface Delivery {
  /**
   * Sends a direct message to one person. Never to a channel: reminders carry case references.
   * `key` is the same for every attempt at one message (the reminder's id): a platform that
   * can send idempotently uses it, and a resend after a crash carries the same key.
   */
  send(to: Person, message: OutboundMessage, key: string): Promise<DeliveryResult>;
  /**
   * Posts to a team channel ("slack:C0123ABC", "console:north-team"). Only for words with no
   * case content: group supervision roles and stage prompts. A platform without channels
   * leaves it out.
   */
  post?(channel: string, message: OutboundMessage, key: string): Promise<DeliveryResult>;
}
