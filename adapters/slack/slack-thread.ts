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

/** Slack's cap on one conversations.replies page, and how many pages a thread is read to. */
const PAGE = 200;
const PAGES_MAX = 10;
/**
 * The most of a thread's text that pre-fills a form: its latest messages up to this many
 * characters (the decision is at the end). The thread itself stays in Slack; what does not
 * fit would make a form Slack will not open (it allows 100 blocks, 3,000 characters an input).
 */
export const THREAD_TEXT_MAX = 20_000;

/**
 * Reads the thread a message shortcut was used on (conversations.replies, page by page).
 * Where the bot may not read the channel, the message itself (which the shortcut's payload
 * carries) stands for the thread. Bots' messages are left out.
 */
export async function readThread(client: App["client"], channelId: string, message: SlackMessage, people: SlackPeople, log: Logger): Promise<SlackThread> {
  let messages: SlackMessage[] = [];
  let cursor: string | undefined;
  try {
    for (let page = 0; page < PAGES_MAX; page++) {
      const replies = await client.conversations.replies({ channel: channelId, ts: message.thread_ts ?? message.ts ?? "", limit: PAGE, ...(cursor ? { cursor } : {}) });
      messages.push(...((replies.messages ?? []) as SlackMessage[]));
      cursor = replies.response_metadata?.next_cursor || undefined;
      if (!replies.has_more || !cursor) break;
    }
  } catch (error) {
    log.info("slack.thread-unread", { code: (error as { data?: { error?: string } }).data?.error ?? "unknown" });
  }
  if (!messages.length) messages = [message];
  const human = messages.filter((m) => m.user && !m.bot_id && (m.subtype === undefined || m.subtype === "thread_broadcast"));
  const used = human.length ? human : [message];
  const latest = Math.max(...used.map((m) => Number(m.ts ?? 0)));
  const texts = used.map((m) => slackPlainText(m.text ?? "", people));
  let from = texts.length;
  for (let size = 0; from > 0 && size + texts[from - 1]!.length <= THREAD_TEXT_MAX; from--) size += texts[from - 1]!.length + 1;
  if (from === texts.length) from = texts.length - 1; // one message longer than the limit: its end
  if (from > 0) log.info("slack.thread-long", { messages: texts.length, used: texts.length - from });
  return {
    text: texts.slice(from).join("\n").slice(-THREAD_TEXT_MAX),
    authors: [...new Set(used.map((m) => m.user).filter((u): u is string => !!u))],
    lastMessageAt: slackTsToDate(String(latest)),
  };
}
