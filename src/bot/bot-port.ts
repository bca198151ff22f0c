import type { OutboundMessage } from "../content/message.ts";
import type { Person } from "../domain/people.ts";
import type { Logger } from "../logger.ts";
import type { ConversationBook } from "../ports/conversation-book.ts";
import { noMetrics, type Metrics, type TurnOutcome } from "../ports/metrics.ts";
import type { Prompts } from "../prompts/prompts.ts";
import type { Core } from "../services/core.ts";
import { importRoster, type RosterImport } from "../services/import-roster.ts";
import { homeFor } from "./home-view.ts";
import { handleInbound, type InboundEvent, type PlatformActor } from "./inbound.ts";
import { readMessage, type MessageKind } from "./read-message.ts";
import type { BotReply } from "./reply.ts";
import { turnKind } from "./turn-kind.ts";
import { TurnsInFlight } from "./turns-in-flight.ts";

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

/**
 * The bot port on a core. `metrics` counts each turn by kind and outcome; `turns` tracks the
 * turns (and other writes) in flight, for a graceful shutdown to wait for.
 */
export function botPort(core: Core, log: Logger, opts: { metrics?: Metrics; turns?: TurnsInFlight } = {}): BotPort {
  const metrics = opts.metrics ?? noMetrics;
  const turns = opts.turns ?? new TurnsInFlight();
  return {
    handle: (event) =>
      turns.track(async () => {
        const kind = turnKind(event);
        try {
          const reply = await handleInbound(core, log, event);
          metrics.turn(kind, outcomeOf(reply));
          return reply;
        } catch (error) {
          metrics.turn(kind, "failed");
          throw error;
        }
      }),
    readMessage,
    people: async (opts) => (!opts?.fresh && core.storage.people.lastKnown()) || core.storage.people.list(),
    home: (actor) => homeFor(core, actor),
    importFirstRoster: (csv) =>
      turns.track(async () => {
        try {
          return await core.storage.transaction(async (storage) => ((await storage.people.list()).length > 0 ? null : importRoster({ ...core, storage }, null, csv)));
        } catch (error) {
          log.error("turn.failed", { eventId: "first-roster", code: "UNEXPECTED", type: (error as Error)?.name ?? "unknown" });
          throw error;
        }
      }),
    once: (key) => turns.track(() => core.storage.transaction((storage) => storage.inbound.firstSeen(key, core.clock.now()))),
    conversations: core.storage.conversations,
    prompts: core.prompts,
    now: () => core.clock.now(),
  };
}

function outcomeOf(reply: BotReply): TurnOutcome {
  if (reply.failed) return "failed";
  if (reply.refused) return "refused";
  if (reply.duplicate) return "duplicate";
  return "ok";
}
