import { AppError } from "../domain/errors.ts";
import type { Person, Platform } from "../domain/people.ts";
import type { Logger } from "../logger.ts";
import type { Core } from "../services/core.ts";
import { handleCommand } from "./commands.ts";
import { message } from "../content/message.ts";
import type { FormValues } from "../content/form.ts";
import { noteForm } from "./note-form.ts";
import type { BotReply } from "./reply.ts";
import { startNoteFromMessage } from "../services/start-note.ts";
import { dismissForm, submitForm } from "./submit-form.ts";
import { queueTurnNotices } from "./queue-notices.ts";
import { readMessage } from "./read-message.ts";
import { runTurn } from "./turn.ts";

/** Who sent an event, as the platform names them. */
export interface PlatformActor {
  platform: Platform;
  externalId: string;
}

interface EventBase {
  /** The platform's id for the delivery: a retry carries the same one. */
  eventId: string;
  actor: PlatformActor;
  /**
   * Set when the platform may deliver this very event again (a Slack Events API retry, a
   * Teams activity resent): the core acts on the first delivery only.
   */
  retryKey?: string;
}

/** A thread a note is captured from: its authors and when its last message was posted. */
export interface PlatformThread {
  authors: PlatformActor[];
  lastMessageAt: Date;
}

/**
 * Every inbound event, whatever the platform, as adapters hand it to the core. Parsing at
 * the edge never throws: what an adapter does not understand is `unsupported`.
 */
export type InboundEvent =
  /** `/oversight …`: addressed to the bot by its form (a Slack slash command). */
  | (EventBase & { kind: "command"; text: string })
  /**
   * Words typed to the bot: a direct message, an @mention in a channel, what was typed in the
   * console. The core reads what it is (`readMessage`): a command, a decision, or chatter.
   */
  | (EventBase & { kind: "message"; text: string })
  /** "Record oversight note" on a message or thread (Slack message shortcut, Teams message action). */
  | (EventBase & { kind: "capture"; text: string; thread: PlatformThread })
  /**
   * A form submitted (Slack view submission, Adaptive Card Action.Submit, console confirmation).
   * `replyAsNotice`: the platform cannot show the reply now (a Teams dialog closing), so it is
   * queued for the person in the turn's outbox, like any notice.
   */
  | (EventBase & { kind: "submit"; formId: string; values: FormValues; state: Record<string, string>; replyAsNotice?: boolean })
  /** A form closed without submitting (Slack modal closed): a note form's contents are kept as a draft. */
  | (EventBase & { kind: "dismiss"; formId: string; values: FormValues; state: Record<string, string>; replyAsNotice?: boolean })
  /** A button pressed on a message the bot sent. */
  | (EventBase & { kind: "action"; actionId: string; value: string })
  | { kind: "unsupported"; eventId: string; platform: Platform; reason: string };

/**
 * The core's one entry point for adapters: finds who the actor is on the roster, runs
 * the event in a turn (expected refusals as messages, anything else logged by code and
 * event id), and returns what to show.
 *
 * A turn is one transaction (docs/architecture.md#one-turn-one-transaction): the delivery's retry key, the note or revision,
 * deadlines, reminders, audit entries and the notices for other people (the outbox) are
 * stored together when the turn ends, or not at all. A turn that fails stores nothing, not
 * even its retry key, so the platform's redelivery is acted on. The scheduler is woken to
 * send the notices only once they are stored.
 */
export async function handleInbound(core: Core, log: Logger, event: InboundEvent): Promise<BotReply> {
  if (event.kind === "unsupported") {
    log.info("inbound.unsupported", { eventId: event.eventId, platform: event.platform, reason: event.reason });
    return {};
  }
  // Help is the same for everyone, and tells someone not yet on the roster what the bot is:
  // answered without the database. It changes nothing and goes back as the reply to its own
  // delivery, so a copy delivered again is simply answered again.
  if ((event.kind === "command" || event.kind === "message") && HELP.test(event.text)) return { message: message(core.prompts.say("help.text")), shareable: true };
  let queued = 0;
  const reply = await runTurn(core, log, event.eventId, async () => {
    try {
      return await core.storage.transaction(async (storage) => {
        const turn: Core = { ...core, storage };
        if (event.retryKey && !(await storage.inbound.firstSeen(event.retryKey, core.clock.now()))) {
          log.info("inbound.duplicate", { eventId: event.eventId });
          return { duplicate: true };
        }
        const actor = await storage.people.findByPlatformId(event.actor.platform, event.actor.externalId);
        if (!actor) {
          log.info("inbound.unknown-person", { eventId: event.eventId, platform: event.actor.platform });
          return { message: message(core.prompts.say("error.not-on-roster")) };
        }
        const done = await act(turn, actor, event);
        const later = "replyAsNotice" in event && event.replyAsNotice && done.message && !done.form ? [{ personId: actor.id, message: done.message }] : [];
        const notices = [...(done.notify ?? []), ...later];
        await queueTurnNotices(turn, event.eventId, notices);
        queued = notices.length;
        return done;
      });
    } catch (error) {
      if (error instanceof AppError && !(await keepRefusal(core, event.retryKey, error))) {
        log.info("inbound.duplicate", { eventId: event.eventId });
        return { duplicate: true };
      }
      throw error;
    }
  });
  // Woken only for notices the turn stored (a failed or refused turn stored none).
  if (queued && !reply.failed && !reply.refused && !reply.duplicate) core.wake?.();
  return reply;
}

const HELP = /^\s*(\/?oversight\s+)?help\s*$/i;

/** What the event asks of the core, run inside the turn's transaction. */
function act(core: Core, actor: Person, event: Exclude<InboundEvent, { kind: "unsupported" }>): Promise<BotReply> {
  switch (event.kind) {
    case "command":
      return handleCommand(core, { actor, text: event.text, eventId: event.eventId });
    case "message": {
      const read = readMessage(event.text);
      if (read.kind === "chatter") return Promise.resolve({ message: message(core.prompts.say("message.how-to-record")), shareable: true });
      return handleCommand(core, { actor, text: read.text, eventId: event.eventId });
    }
    case "capture":
      return captureThread(core, actor, event);
    case "submit":
      return submitForm(core, { actor, formId: event.formId, values: event.values, state: event.state, submissionKey: event.state.submissionKey ?? event.eventId });
    case "dismiss":
      return dismissForm(core, { actor, formId: event.formId, values: event.values, state: event.state, submissionKey: event.state.submissionKey ?? event.eventId });
    case "action":
      return handleCommand(core, { actor, text: buttonCommand(event.actionId, event.value), eventId: event.eventId });
  }
}

/**
 * A refused turn stored nothing; what the refusal itself records is stored now: its audit
 * entries (an access denied) and the delivery's retry key, so a redelivery is not refused a
 * second time. False when another delivery of the event was acted on meanwhile: the answer
 * is that one's, and nothing is stored.
 */
async function keepRefusal(core: Core, retryKey: string | undefined, refusal: AppError): Promise<boolean> {
  if (!retryKey && refusal.audit.length === 0) return true;
  return core.storage.transaction(async (storage) => {
    if (retryKey && !(await storage.inbound.firstSeen(retryKey, core.clock.now()))) return false;
    for (const record of refusal.audit) await storage.audit.append(record);
    return true;
  });
}

/** The pre-filled form for a thread: its authors (those on the roster) take part, its last message dates it. */
async function captureThread(core: Core, actor: Person, event: Extract<InboundEvent, { kind: "capture" }>): Promise<BotReply> {
  const authors: Person[] = [];
  for (const author of event.thread.authors) {
    const person = await core.storage.people.findByPlatformId(author.platform, author.externalId);
    if (person && !authors.some((p) => p.id === person.id)) authors.push(person);
  }
  const started = await startNoteFromMessage(core, { actor, text: event.text, eventId: event.eventId, thread: { authors, lastMessageAt: event.thread.lastMessageAt } });
  return { form: noteForm(started.content, core.prompts) };
}

/** Buttons are commands with their argument in the value: `on-record` + note id → "on-record <id>". */
function buttonCommand(actionId: string, value: string): string {
  return `${actionId} ${value}`;
}
