import type { App } from "@slack/bolt";
import { homeFor } from "../../src/bot/home-view.ts";
import { handleInbound, type InboundEvent, type PlatformActor } from "../../src/bot/inbound.ts";
import type { Form, OutboundMessage } from "../../src/bot/message.ts";
import type { BotReply } from "../../src/bot/reply.ts";
import type { Logger } from "../../src/logger.ts";
import type { Core } from "../../src/services/core.ts";
import { coreActionId, slackMessage } from "./render-blocks.ts";
import { firstBlockId, formView, messageView, modalErrors, modalMetadata, modalValues, type SlackElementState } from "./render-modal.ts";
import { SlackPeople } from "./slack-people.ts";
import { slackPlainText } from "./slack-text.ts";
import { readThread } from "./slack-thread.ts";

/** The slash command and the message shortcut's callback id, as in manifest.yaml. */
export const SLASH_COMMAND = "/oversight";
export const SHORTCUT_ID = "record_oversight_note";
/** The button on a direct-message reply that opens the form the message asked for. */
const OPEN_FORM = "slack-open-form";

/**
 * How long a request may wait for the core before Slack is answered anyway: Slack gives
 * up at 3 s. A reply that misses it goes by response_url or direct message instead.
 */
const ACK_BUDGET_MS = 2000;

type Client = App["client"];

/**
 * Every Slack listener: the slash command, the message shortcut, buttons, modal
 * submissions and closings, the home tab and direct messages. Each turns Slack's payload
 * into an inbound event for the core and renders the reply; none decides anything itself.
 */
export function registerSlackListeners(app: App, core: Core, log: Logger): void {
  const say = core.prompts.say;
  const actor = (userId: string): PlatformActor => ({ platform: "slack", externalId: userId });
  const inbound = (event: InboundEvent) => handleInbound(core, log, event);
  const people = () => SlackPeople.load(core.storage.people);

  /** A direct message to a Slack user (the app's Messages tab): never a channel. */
  const dm = async (client: Client, userId: string, message: OutboundMessage) => {
    await client.chat.postMessage({ channel: userId, ...slackMessage(message) });
  };

  /** Tells other people (participants of a recorded note) by direct message. */
  const notify = async (client: Client, reply: BotReply) => {
    for (const note of reply.notify ?? []) {
      const person = await core.storage.people.findById(note.personId);
      const slackId = person?.identities.find((i) => i.platform === "slack")?.externalId;
      if (!slackId) {
        log.info("slack.notify-skipped", { reason: "no-slack-account" });
        continue;
      }
      await dm(client, slackId, note.message).catch((error: unknown) => log.error("slack.notify-failed", { code: slackErrorCode(error) }));
    }
  };

  /** Opens a form as a modal; if the trigger has expired, offers a button that opens it. */
  const openForm = async (client: Client, triggerId: string, form: Form, typed: string, fallback: (message: OutboundMessage) => Promise<unknown>) => {
    const view = formView(form, await people(), core.prompts);
    try {
      await client.views.open({ trigger_id: triggerId, view: view as never });
    } catch (error) {
      log.info("slack.form-not-opened", { code: slackErrorCode(error) });
      await fallback(formOffer(form, typed));
    }
  };

  /**
   * A message with one button that opens a form, when Slack gives no trigger to open it now:
   * a draft's own form, or the command typed (`typed`) asked again.
   */
  const formOffer = (form: Form, typed: string): OutboundMessage => {
    const text = say("slack.form-offer", { title: form.title });
    const button = form.state.draftId
      ? { actionId: "finish", label: say("slack.open-form"), value: form.state.draftId, style: "primary" as const }
      : { actionId: OPEN_FORM, label: say("slack.open-form"), value: typed.slice(0, 2000), style: "primary" as const };
    return { text, blocks: [{ type: "text", text }, { type: "buttons", buttons: [button] }] };
  };

  // `/oversight …`: help, list, export and the other commands answer privately; a decision
  // (or nothing) opens the note form, pre-filled from the message.
  app.command(SLASH_COMMAND, async ({ command, ack, respond, client }) => {
    // The command is escaped (manifest.yaml): mentions arrive as user ids, read back as roster handles.
    const text = slackPlainText(command.text, await people());
    const work = inbound({ kind: "command", eventId: `slack:command:${command.trigger_id}`, actor: actor(command.user_id), text });
    const early = await within(ACK_BUDGET_MS, work);
    const reply = early ?? (await ack(), await work);
    const privately = (message: OutboundMessage) => respond({ response_type: "ephemeral", ...slackMessage(message) });
    // A turn that failed keeps what was typed: it is shown back, privately, to send again.
    if (reply.failed && reply.message && text) reply.message = { ...reply.message, blocks: [...reply.message.blocks, { type: "text", text: say("slack.your-text") }, { type: "text", text }] };
    if (reply.form) {
      if (early) await ack();
      await openForm(client, command.trigger_id, reply.form, text, privately);
      if (reply.message) await privately(reply.message);
    } else if (reply.message) {
      if (early) await ack({ response_type: "ephemeral", ...slackMessage(reply.message) });
      else await privately(reply.message);
    } else if (early) await ack();
    await notify(client, reply);
  });

  // "Record oversight note" on a message: the modal opens at once (trigger ids last 3 s),
  // then the thread is read and the pre-filled form replaces the waiting view.
  app.shortcut({ type: "message_action", callback_id: SHORTCUT_ID }, async ({ shortcut, ack, client }) => {
    await ack();
    const opened = await client.views.open({ trigger_id: shortcut.trigger_id, view: messageView(say("form.title"), say("slack.reading-thread"), core.prompts) as never });
    const viewId = opened.view?.id;
    const directory = await people();
    const thread = await readThread(client, shortcut.channel.id, shortcut.message, directory, log);
    const reply = await inbound({
      kind: "capture",
      eventId: `slack:shortcut:${shortcut.trigger_id}`,
      actor: actor(shortcut.user.id),
      text: thread.text,
      thread: { authors: thread.authors.map(actor), lastMessageAt: thread.lastMessageAt },
    });
    const view = reply.form ? formView(reply.form, directory, core.prompts) : messageView(say("form.title"), reply.message?.text ?? say("error.unexpected"), core.prompts);
    if (viewId) await client.views.update({ view_id: viewId, view: view as never });
  });

  // Buttons: on reminders (complete, on case record, done, snooze), the home tab and replies.
  app.action(/.*/, async ({ body, action, ack, client, respond }) => {
    await ack();
    if (action.type !== "button" || body.type !== "block_actions" || !("action_id" in action)) return;
    const userId = body.user.id;
    const actionId = coreActionId(action.action_id);
    const event: InboundEvent =
      actionId === OPEN_FORM
        ? { kind: "command", eventId: `slack:action:${body.trigger_id}`, actor: actor(userId), text: action.value ?? "" }
        : { kind: "action", eventId: `slack:action:${body.trigger_id}`, actor: actor(userId), actionId, value: action.value ?? "" };
    const reply = await inbound(event);
    const answer = (message: OutboundMessage) =>
      body.response_url ? respond({ response_type: "ephemeral", replace_original: false, ...slackMessage(message) }) : dm(client, userId, message);
    if (reply.form) await openForm(client, body.trigger_id, reply.form, actionId === OPEN_FORM ? (action.value ?? "") : "", answer);
    if (reply.message) await answer(reply.message);
    await notify(client, reply);
    if (body.view?.type === "home") await publishHome(client, userId);
  });

  // A modal submitted: problems go back next to their fields, keeping everything typed.
  app.view({ type: "view_submission", callback_id: /^(?!message$).+/ }, async ({ ack, body, view, client }) => {
    const userId = body.user.id;
    const values = modalValues(view.state.values as Record<string, Record<string, SlackElementState>>, await people());
    const work = inbound({ kind: "submit", eventId: `slack:view:${view.id}`, actor: actor(userId), formId: view.callback_id, values, state: modalMetadata(view.private_metadata).state });
    const reply = await within(ACK_BUDGET_MS, work);
    if (!reply) {
      // Too slow for Slack's 3 s: close the modal and say what became of it by message.
      await ack();
      const late = await work;
      if (late.message) await dm(client, userId, late.message);
      return notify(client, late);
    }
    const openBlocks = new Set(view.blocks.map((b) => b.block_id).filter((id): id is string => typeof id === "string"));
    if (reply.failed) {
      const blockId = [...openBlocks][0] ?? firstBlockId(reply.form ?? { inputs: [] }) ?? "";
      return ack({ response_action: "errors", errors: { [blockId]: reply.message?.text ?? say("error.unexpected") } });
    }
    if (reply.form) {
      const errors = modalErrors(reply.form, openBlocks);
      if (errors) return ack({ response_action: "errors", errors });
      return ack({ response_action: "update", view: formView(reply.form, await people(), core.prompts) as never });
    }
    await ack();
    if (reply.message) await dm(client, userId, reply.message);
    await notify(client, reply);
  });

  // A modal closed without submitting: a note's contents are kept as its draft.
  app.view({ type: "view_closed", callback_id: /^(?!message$).+/ }, async ({ ack, body, view, client }) => {
    await ack();
    const values = modalValues(view.state.values as Record<string, Record<string, SlackElementState>>, await people());
    const reply = await inbound({ kind: "dismiss", eventId: `slack:closed:${view.id}`, actor: actor(body.user.id), formId: view.callback_id, values, state: modalMetadata(view.private_metadata).state });
    if (reply.message) await dm(client, body.user.id, reply.message);
  });

  const publishHome = async (client: Client, userId: string) => {
    const home = await homeFor(core, actor(userId));
    await client.views.publish({ user_id: userId, view: { type: "home", blocks: slackMessage(home, 100).blocks } as never });
  };

  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab === "home") await publishHome(client, event.user);
  });

  // A direct message to the bot works like the slash command. Slack retries an event it
  // thinks was missed: the event id makes the retry a no-op.
  app.event("message", async ({ event, body, client }) => {
    if (event.channel_type !== "im" || event.subtype !== undefined || "bot_id" in event) return;
    if (!("user" in event) || !event.user || !("text" in event)) return;
    const people_ = await people();
    const reply = await inbound({
      kind: "command",
      eventId: `slack:event:${body.event_id}`,
      retryKey: `slack:event:${body.event_id}`,
      actor: actor(event.user),
      text: slackPlainText(event.text ?? "", people_),
    });
    if (reply.duplicate) return;
    const post = (message: OutboundMessage) => client.chat.postMessage({ channel: event.channel, ...slackMessage(message) });
    if (reply.message) await post(reply.message);
    if (reply.form) await post(formOffer(reply.form, slackPlainText(event.text ?? "", people_)));
    await notify(client, reply);
  });
}

/** The work's result if it is ready within `ms`, else null (the work carries on). */
async function within<T>(ms: number, work: Promise<T>): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The Web API's error code ("channel_not_found", "ratelimited"), never message content. */
export function slackErrorCode(error: unknown): string {
  const e = error as { code?: string; data?: { error?: string } };
  return e?.data?.error ?? e?.code ?? (error as Error)?.name ?? "unknown";
}
