import type { OutboundMessage } from "../content/message.ts";
import type { Person } from "../domain/people.ts";
import type { Logger } from "../logger.ts";
import type { ConversationBook } from "../ports/conversation-book.ts";
import type { Prompts } from "../prompts/prompts.ts";
import type { Core } from "../services/core.ts";
import { importRoster, type RosterImport } from "../services/import-roster.ts";
import { homeFor } from "./home-view.ts";
import { handleInbound, type InboundEvent, type PlatformActor } from "./inbound.ts";
import { readMessage, type MessageKind } from "./read-message.ts";
import type { BotReply } from "./reply.ts";

/**
 * What an adapter (Slack, Teams, the console) gets of the bot: one entry point for what
 * people do, and what it needs to draw the answers (people, addresses, the bot's words, the
 * time). Adapters parse payloads into inbound events and render replies; every decision about
 * what an event means, and every write, is the core's, made in a turn.
 */
export interface BotPort {
  /** The one entry point: an event in, the reply to show out (docs/architecture.md#the-bot-port). */
  handle(event: InboundEvent): Promise<BotReply>;
  /** What typed words are (a command, a decision, chatter), read the same way for every platform: for an adapter that must choose how to collect them (the console's multi-line messages). */
  readMessage(text: string): MessageKind;
  /**
   * The roster as the bot last read it (reading it first if it never has): people pickers,
   * mentions. `fresh`: read it now, for someone the last read did not know.
   */
  people(opts?: { fresh: true }): Promise<readonly Person[]>;
  /** A person's own overview (Slack's home tab): their notes, actions and deadlines. */
  home(actor: PlatformActor): Promise<OutboundMessage>;
  /**
   * A first roster for trying the bot (the console's sample), imported in a turn like any
   * other change (its errors handled, logged by code); only while the roster is empty.
   */
  importFirstRoster(csv: string): Promise<RosterImport | null>;
  /** True the first time a key is seen (a greeting sent once per chat, a Slack shortcut's trigger). */
  once(key: string): Promise<boolean>;
  /** Where the bot can reach people and channels (Teams' conversation references). */
  readonly conversations: ConversationBook;
  readonly prompts: Prompts;
  /** Now, by the injected clock. */
  now(): Date;
}

export function botPort(core: Core, log: Logger): BotPort {
  return {
    handle: (event) => handleInbound(core, log, event),
    readMessage,
    people: async (opts) => (!opts?.fresh && core.storage.people.lastKnown()) || core.storage.people.list(),
    home: (actor) => homeFor(core, actor),
    importFirstRoster: async (csv) => {
      try {
        return await core.storage.transaction(async (storage) => ((await storage.people.list()).length > 0 ? null : importRoster({ ...core, storage }, null, csv)));
      } catch (error) {
        log.error("turn.failed", { eventId: "first-roster", code: "UNEXPECTED", type: (error as Error)?.name ?? "unknown" });
        throw error;
      }
    },
    once: (key) => core.storage.transaction((storage) => storage.inbound.firstSeen(key, core.clock.now())),
    conversations: core.storage.conversations,
    prompts: core.prompts,
    now: () => core.clock.now(),
  };
}
