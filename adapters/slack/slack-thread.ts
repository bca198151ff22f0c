import type { App } from "@slack/bolt";
import type { Logger } from "../../src/logger.ts";
import type { SlackPeople } from "./slack-people.ts";
import { slackPlainText, slackTsToDate } from "./slack-text.ts";

/** A thread as the note sees it: its text, its human authors, when its last message was posted. */
export interface SlackThread {
  text: string;
  authors: string[];
  lastMessageAt: Date;
}

interface SlackMessage {
  user?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  bot_id?: string;
  subtype?: string;
}

/** Slack's cap on one conversations.replies page; a longer thread is read from its start. */
const THREAD_LIMIT = 200;

/**
 * Reads the thread a message shortcut was used on (conversations.replies). Where the bot
 * may not read the channel, the message itself (which the shortcut's payload carries)
 * stands for the thread. Bots' messages are left out.
 */
export async function readThread(client: App["client"], channelId: string, message: SlackMessage, people: SlackPeople, log: Logger): Promise<SlackThread> {
  let messages: SlackMessage[] = [message];
  try {
    const replies = await client.conversations.replies({ channel: channelId, ts: message.thread_ts ?? message.ts ?? "", limit: THREAD_LIMIT });
    if (replies.messages?.length) messages = replies.messages as SlackMessage[];
  } catch (error) {
    log.info("slack.thread-unread", { code: (error as { data?: { error?: string } }).data?.error ?? "unknown" });
  }
  const human = messages.filter((m) => m.user && !m.bot_id && (m.subtype === undefined || m.subtype === "thread_broadcast"));
  const used = human.length ? human : [message];
  const latest = Math.max(...used.map((m) => Number(m.ts ?? 0)));
  return {
    text: used.map((m) => slackPlainText(m.text ?? "", people)).join("\n"),
    authors: [...new Set(used.map((m) => m.user).filter((u): u is string => !!u))],
    lastMessageAt: slackTsToDate(String(latest)),
  };
}
