import type { App } from "@slack/bolt";
import type { OutboundMessage } from "../../src/content/message.ts";
import type { Logger } from "../../src/logger.ts";
import { slackMessage } from "./render-blocks.ts";

/** An `app_mention` event as the adapter reads it (Slack's documented fields). */
export interface SlackMention {
  user?: string;
  text?: string;
  channel?: string;
  channel_type?: string;
  ts?: string;
  thread_ts?: string;
  bot_id?: string;
}

/**
 * The words addressed to the bot in "@Oversight bot help" (or "@Oversight bot: help"): its own
 * mention dropped wherever it is, line breaks kept. Without the bot's id (Bolt did not learn
 * it), a mention leading the text is taken as the bot's.
 */
export function mentionText(text: string, botUserId: string | undefined): string {
  const own = botUserId ? new RegExp(`<@${botUserId}(?:\\|[^>]*)?>[:,]?`, "g") : /^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>[:,]?/;
  return text.replace(own, "").trim();
}

/**
 * Whether a mention is in a direct message with the bot (a `D…` channel): that message also
 * arrives as `message.im` and is answered there, once.
 */
export function isDirectMessage(mention: SlackMention): boolean {
  return mention.channel_type === "im" || (mention.channel ?? "").startsWith("D");
}

/**
 * Answers one person privately where they mentioned the bot: a message only they see in that
 * channel (and thread), or, where Slack refuses it (the bot not in the channel), a direct
 * message. Never a post everyone in the channel sees.
 */
export function privateAnswer(client: App["client"], mention: Required<Pick<SlackMention, "user" | "channel">> & SlackMention, log: Logger): (message: OutboundMessage) => Promise<unknown> {
  return async (message) => {
    try {
      return await client.chat.postEphemeral({ channel: mention.channel, user: mention.user, ...(mention.thread_ts ? { thread_ts: mention.thread_ts } : {}), ...slackMessage(message) });
    } catch (error) {
      log.info("slack.ephemeral-failed", { code: (error as { data?: { error?: string }; code?: string }).data?.error ?? (error as { code?: string }).code ?? "unknown" });
      return client.chat.postMessage({ channel: mention.user, ...slackMessage(message) });
    }
  };
}
