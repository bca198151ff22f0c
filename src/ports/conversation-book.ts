import type { Platform } from "../domain/people.ts";

/**
 * Where the bot can reach someone or something on a platform that only lets a bot speak
 * where it has been spoken to (Teams): a person's private chat with the bot, a person
 * seen in a channel (reachable by opening a private chat), or a team channel.
 */
export interface ConversationAddress {
  platform: Platform;
  /** "person:<platform user id>" or "channel:<conversation id>". */
  key: string;
  kind: "chat" | "member" | "channel";
  /** A channel's name as people know it ("North team › General"); null for people. */
  label: string | null;
  /** The platform's own reference, opaque to the core (JSON). */
  reference: string;
  updatedAt: Date;
}

/**
 * The addresses the bot has learnt, kept so reminders can be sent later (proactive
 * messages). Written on every turn; the latest write wins. Example:
 * await book.save({ platform: "teams", key: "person:29:1abc", kind: "chat", … }).
 */
export interface ConversationBook {
  save(address: ConversationAddress): Promise<void>;
  get(platform: Platform, key: string): Promise<ConversationAddress | null>;
  /** Every address of one kind on a platform, most recently seen first. */
  list(platform: Platform, kind: ConversationAddress["kind"]): Promise<ConversationAddress[]>;
}
