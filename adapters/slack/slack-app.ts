import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  App,
  BlockAction,
  MessageShortcut,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewClosedAction,
  ViewSubmitAction,
} from "@slack/bolt";
import type { InboundEvent, PlatformActor } from "../../src/bot/inbound.ts";
import type { BotPort } from "../../src/bot/bot-port.ts";
import type { Button, OutboundMessage } from "../../src/content/message.ts";
import type { Form } from "../../src/content/form.ts";
import type { BotReply } from "../../src/bot/reply.ts";
import type { Logger } from "../../src/logger.ts";
import type { Delivery } from "../../src/ports/delivery.ts";
import { clip, coreActionId, LINK_ACTION, slackMessage } from "./render-blocks.ts";
import { formView, MESSAGE_VIEW, messageView, modalErrors, modalMetadata, modalValues, type SlackElementState } from "./render-modal.ts";
import { SlackPeople } from "./slack-people.ts";
import { slackPlainText } from "./slack-text.ts";
import { isDirectMessage, mentionText, privateAnswer, type SlackMention } from "./slack-mention.ts";
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
 * The bot's handling of Slack, as one Bolt middleware that routes each payload to its
 * handler: the slash command, the message shortcut, buttons, modal submissions and
 * closings, the home tab, direct messages and @mentions. Each turns Slack's payload into an inbound
 * event for the core and renders the reply; none decides anything itself. The middleware
 * never calls `next()`: a listener registered on the app beside it would never run.
 */
export function registerSlackListeners(app: App, bot: BotPort, log: Logger, delivery: Delivery): void {
  const say = bot.prompts.say;
  const actor = (userId: string): PlatformActor => ({ platform: "slack", externalId: userId });
  const inbound = (event: InboundEvent) => bot.handle(event);
  const people = async () => SlackPeople.of(await bot.people());

  /** A direct message to a Slack user (the app's Messages tab): never a channel. */
  const dm = async (client: Client, userId: string, message: OutboundMessage) => {
    await client.chat.postMessage({ channel: userId, ...slackMessage(message) });
  };

  /**
   * Posts to team channels (group supervision's stages); a channel that refuses the post is
   * explained to whoever asked for it (`tell`), so they can add the bot there. (Messages for
   * other people are already queued by the core: the scheduler sends them.)
   */
  const postToChannels = async (reply: BotReply, tell: (message: OutboundMessage) => Promise<unknown>) => {
    for (const post of reply.posts ?? []) {
      if (!post.channel.startsWith("slack:")) continue;
      const result = await delivery.post!(post.channel, post.message, `post:${post.channel}`);
      if (result.status === "delivered") continue;
      log.info("slack.post-failed", { reason: result.reason });
      // Refused for good (not a member, archived), or only for now (a rate limit, an outage).
      const text = say(result.status === "permanent" ? "slack.post-failed" : "slack.post-failed-later");
      await tell({ text, blocks: [{ type: "text", text }] });
    }
  };

  /**
   * A message with one button that opens a form, for when Slack gives no trigger to open it
   * now: a draft's own form, or the button or command that asked for it, pressed again.
   */
  const formOffer = (form: Form, replay: Button | null): OutboundMessage => {
    const button = form.state.draftId ? { actionId: "finish", label: say("slack.open-form"), value: form.state.draftId, style: "primary" as const } : replay && { ...replay, label: say("slack.open-form"), style: "primary" as const };
    const text = button ? say("slack.form-offer", { title: form.title }) : say("slack.form-again", { title: form.title });
    return { text, blocks: [{ type: "text", text }, ...(button ? [{ type: "buttons" as const, buttons: [button] }] : [])] };
  };

  /** Opens a form as a modal; if the trigger has expired, offers a button that opens it. */
  const openForm = async (client: Client, triggerId: string, form: Form, replay: Button | null, fallback: (message: OutboundMessage) => Promise<unknown>) => {
    try {
      await client.views.open({ trigger_id: triggerId, view: formView(form, await people(), bot.prompts) as never });
    } catch (error) {
      log.info("slack.form-not-opened", { code: slackErrorCode(error) });
      await fallback(formOffer(form, replay));
    }
  };

  // `/oversight …`: help, list, export and the other commands answer privately; a decision
  // (or nothing) opens the note form, pre-filled from the message.
  const onCommand = async ({ command, ack, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    // The command is escaped (manifest.yaml): mentions arrive as user ids, read back as roster handles.
    // The roster is read only when there are mentions to turn into handles.
    const reading = /<@[UW]/.test(command.text) ? people().then((directory) => slackPlainText(command.text, directory)) : Promise.resolve(slackPlainText(command.text));
    // The trigger id is this invocation's own: a copy of the request carries the same one.
    const key = `slack:command:${command.trigger_id}`;
    const work = reading.then((text) => inbound({ kind: "command", eventId: key, retryKey: key, actor: actor(command.user_id), text }));
    const received = performance.now();
    const early = await within(ACK_BUDGET_MS, work);
    if (!early) await ack();
    const reply = early ?? (await work);
    // A copy of a command already acted on: acknowledged, nothing shown, no second modal.
    if (reply.duplicate) return early ? ack() : undefined;
    const text = await reading;
    const privately = (message: OutboundMessage) => respond({ response_type: "ephemeral", ...slackMessage(message) });
    // A turn that failed keeps what was typed: it is shown back, privately, to send again.
    if (reply.failed && reply.message && text) reply.message = { ...reply.message, blocks: [...reply.message.blocks, { type: "text", text: say("slack.your-text") }, { type: "text", text }] };
    if (reply.form) {
      // Acknowledged once the modal is open (within the budget): a busy bot then takes no new
      // command ahead of the forms it owes, whose triggers last only 3 s.
      const opening = openForm(client, command.trigger_id, reply.form, { actionId: OPEN_FORM, label: "", value: text.slice(0, 2000) }, privately);
      if (early) {
        await within(ACK_BUDGET_MS - (performance.now() - received), opening);
        await ack();
      }
      await opening;
      if (reply.message) await privately(reply.message);
    } else if (reply.message) {
      if (early) await ack({ response_type: "ephemeral", ...slackMessage(reply.message) });
      else await privately(reply.message);
    } else if (early) await ack();
    await postToChannels(reply, privately);
  };

  // "Record oversight note" on a message: the modal opens at once (trigger ids last 3 s),
  // then the thread is read and the pre-filled form replaces the waiting view.
  const onShortcut = async ({ shortcut, ack, client }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs) => {
    await ack();
    // A copy of a shortcut already used opens no second modal: its trigger id is claimed
    // before the waiting view opens (Slack does not send a shortcut again, so a capture that
    // then fails is told in that view, not redone).
    const key = `slack:shortcut:${shortcut.trigger_id}`;
    if (!(await bot.once(key))) {
      log.info("inbound.duplicate", { eventId: key });
      return;
    }
    const userId = shortcut.user.id;
    const viewId = await client.views
      .open({ trigger_id: shortcut.trigger_id, view: messageView(say("form.title"), say("slack.reading-thread"), bot.prompts) as never })
      .then((opened) => opened.view?.id ?? null)
      .catch((error: unknown) => (log.info("slack.form-not-opened", { code: slackErrorCode(error) }), null));
    const directory = await people();
    const thread = await readThread(client, shortcut.channel.id, shortcut.message, directory, log);
    const reply = await inbound({
      kind: "capture",
      eventId: `slack:shortcut:${shortcut.trigger_id}`,
      actor: actor(userId),
      text: thread.text,
      thread: { authors: thread.authors.map(actor), lastMessageAt: thread.lastMessageAt },
    });
    const view = reply.form ? formView(reply.form, directory, bot.prompts) : messageView(say("form.title"), reply.message?.text ?? say("error.unexpected"), bot.prompts);
    const updated = viewId
      ? await client.views.update({ view_id: viewId, view: view as never }).then(
          () => true,
          (error: unknown) => (log.info("slack.form-not-opened", { code: slackErrorCode(error) }), false),
        )
      : false;
    // The waiting modal was closed or never opened: the draft is offered by direct message.
    if (!updated) await dm(client, userId, reply.form ? formOffer(reply.form, null) : (reply.message ?? { text: say("error.unexpected"), blocks: [] }));
  };

  // Buttons: on reminders (complete, on case record, done, snooze), the home tab and replies.
  const onAction = async ({ body, action, ack, client, respond }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    await ack();
    if (action.type !== "button" || action.action_id === LINK_ACTION) return;
    const userId = body.user.id;
    const actionId = coreActionId(action.action_id);
    const value = action.value ?? "";
    // Each press has its own trigger id: a copy of the request carries the same one.
    const key = `slack:action:${body.trigger_id}`;
    const event: InboundEvent =
      actionId === OPEN_FORM
        ? { kind: "command", eventId: key, retryKey: key, actor: actor(userId), text: value }
        : { kind: "action", eventId: key, retryKey: key, actor: actor(userId), actionId, value };
    const reply = await inbound(event);
    if (reply.duplicate) return;
    const answer = (message: OutboundMessage) =>
      body.response_url ? respond({ response_type: "ephemeral", replace_original: false, ...slackMessage(message) }) : dm(client, userId, message);
    if (reply.form) await openForm(client, body.trigger_id, reply.form, { actionId, label: "", value }, answer);
    if (reply.message) await answer(reply.message);
    await postToChannels(reply, answer);
    if (body.view?.type === "home") await publishHome(client, userId);
  };

  // A modal submitted: problems go back next to their fields, keeping everything typed.
  const onSubmission = async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const userId = body.user.id;
    const { state: openState, cuts } = modalMetadata(view.private_metadata);
    const retryKey = submissionKey(body, view);
    const work = people().then((directory) =>
      inbound({ kind: "submit", eventId: `slack:view:${view.id}`, retryKey, actor: actor(userId), formId: view.callback_id, values: modalValues(view.state.values as StateValues, directory, cuts), state: openState }),
    );
    const reply = await within(ACK_BUDGET_MS, work);
    // A copy of a submission already acted on: acknowledged with an empty body (the modal
    // closes, as the first did when it was accepted), no message.
    if (reply?.duplicate) return ack();
    if (!reply) {
      // Too slow for Slack's 3 s: close the modal and say what became of it by message.
      await ack();
      const late = await work;
      if (late.duplicate) return;
      if (late.message) await dm(client, userId, late.message);
      if (late.form) await dm(client, userId, formOffer(late.form, null));
      return postToChannels(late, (message) => dm(client, userId, message));
    }
    const openBlocks = new Set(view.blocks.map((b) => b.block_id).filter((id): id is string => typeof id === "string"));
    // Slack shows errors only on input blocks: a refusal or a failure goes on the first one.
    const firstInput = view.blocks.find((b) => b.type === "input")?.block_id;
    if ((reply.failed || reply.refused) && firstInput) {
      return ack({ response_action: "errors", errors: { [firstInput]: clip(reply.message?.text ?? say("error.unexpected"), 2000) } });
    }
    if (reply.form) {
      const errors = modalErrors(reply.form, openBlocks, openState);
      if (errors) return ack({ response_action: "errors", errors });
      return ack({ response_action: "update", view: formView(reply.form, await people(), bot.prompts) as never });
    }
    await ack();
    if (reply.message) await dm(client, userId, reply.message);
    await postToChannels(reply, (message) => dm(client, userId, message));
  };

  // A modal closed without submitting: a note's contents are kept as its draft.
  const onClosed = async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewClosedAction> & AllMiddlewareArgs) => {
    await ack();
    const { state, cuts } = modalMetadata(view.private_metadata);
    const values = modalValues(view.state.values as StateValues, await people(), cuts);
    const reply = await inbound({ kind: "dismiss", eventId: `slack:closed:${view.id}`, actor: actor(body.user.id), formId: view.callback_id, values, state });
    if (reply.message) await dm(client, body.user.id, reply.message);
  };

  const publishHome = async (client: Client, userId: string) => {
    const home = await bot.home(actor(userId));
    await client.views.publish({ user_id: userId, view: { type: "home", blocks: slackMessage(home, 100).blocks } as never });
  };

  const onHomeOpened = async ({ event, client }: SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs) => {
    if (event.tab === "home") await publishHome(client, event.user);
  };

  /**
   * Words typed to the bot, in a direct message or after an @mention in a channel, read by the
   * core as in Teams and the console (a command, a decision that names a case, or chatter).
   * `typed` comes without the bot's own mention ("@Oversight bot help" is "help", in a DM too).
   * `answer` is where the person sees the reply: their DM, or privately in the channel. Slack
   * retries an event it thinks was missed: the event id makes the retry a no-op.
   */
  const onWords = async (userId: string, typed: string, eventId: string, answer: (message: OutboundMessage) => Promise<unknown>) => {
    const text = slackPlainText(typed, await people());
    const key = `slack:event:${eventId}`;
    const reply = await inbound({ kind: "message", eventId: key, retryKey: key, actor: actor(userId), text });
    if (reply.duplicate) return;
    // A turn that failed keeps what was typed: it is shown back, privately, to send again.
    if (reply.failed && reply.message && text) reply.message = { ...reply.message, blocks: [...reply.message.blocks, { type: "text", text: say("slack.your-text") }, { type: "text", text }] };
    if (reply.message) await answer(reply.message);
    if (reply.form) await answer(formOffer(reply.form, { actionId: OPEN_FORM, label: "", value: text.slice(0, 2000) }));
    await postToChannels(reply, answer);
  };

  // A direct message to the bot works like the slash command, answered in the DM.
  const onMessage = async ({ event, body, client, context }: SlackEventMiddlewareArgs<"message"> & AllMiddlewareArgs) => {
    if (event.channel_type !== "im" || event.subtype !== undefined || "bot_id" in event) return;
    if (!("user" in event) || !event.user || !("text" in event)) return;
    const own = botUserIdOf(context, body);
    await onWords(event.user, own ? mentionText(event.text ?? "", own) : (event.text ?? ""), body.event_id, (message) => client.chat.postMessage({ channel: event.channel, ...slackMessage(message) }));
  };

  // "@Oversight bot …" in a channel works as in Teams: the same words as a direct message,
  // answered only to whoever mentioned the bot (case content never goes to the channel). In a
  // DM the message itself is the turn (message.im): one answer, not two.
  const onMention = async ({ event, body, client, context }: SlackEventMiddlewareArgs<"app_mention"> & AllMiddlewareArgs) => {
    const mention = event as SlackMention;
    const botUserId = botUserIdOf(context, body);
    if (!mention.user || !mention.channel || mention.bot_id || mention.user === botUserId || isDirectMessage(mention)) return;
    const where = { ...mention, user: mention.user, channel: mention.channel };
    await onWords(mention.user, mentionText(mention.text ?? "", botUserId), body.event_id, privateAnswer(client, where, log));
  };

  // One listener routes every payload to its handler: Bolt runs each registered listener's
  // matchers on every request, and at full load seven listeners cost a fifth of the throughput
  // (tests/bench/README.md). Anything else is acknowledged and left alone.
  app.use(async (args) => {
    const all = args as AnyMiddlewareArgs & AllMiddlewareArgs;
    const body = all.body as SlackBody;
    // Each check below is the one Bolt's own matcher makes; TypeScript cannot follow the body's
    // type into the arguments, hence the casts.
    if (body.command === SLASH_COMMAND) return onCommand(all as never);
    if (body.type === "message_action" && body.callback_id === SHORTCUT_ID) return onShortcut(all as never);
    if (body.type === "block_actions") return onAction(all as never);
    if (body.type === "view_submission" && body.view?.callback_id !== MESSAGE_VIEW) return onSubmission(all as never);
    if (body.type === "view_closed" && body.view?.callback_id !== MESSAGE_VIEW) return onClosed(all as never);
    if (body.type === "event_callback" && body.event?.type === "app_home_opened") return onHomeOpened(all as never);
    if (body.type === "event_callback" && body.event?.type === "message") return onMessage(all as never);
    if (body.type === "event_callback" && body.event?.type === "app_mention") return onMention(all as never);
    if ("ack" in all && typeof all.ack === "function") await (all.ack as () => Promise<void>)();
  });
}

/**
 * What identifies one submission of a modal: the trigger id Slack gives each submission (a
 * copy of the request carries the same one; the person fixing a field and submitting again
 * makes a new one). Without one, the view's id and hash with what was entered: a resubmission
 * after an error differs in its values, one after the view was updated in its hash.
 */
function submissionKey(body: { trigger_id?: string }, view: ViewSubmitAction["view"]): string {
  if (body.trigger_id) return `slack:submission:${body.trigger_id}`;
  const values = createHash("sha256").update(JSON.stringify(view.state.values)).digest("hex").slice(0, 32);
  return `slack:submission:${view.id}:${view.hash}:${values}`;
}

/** The bot's own Slack user id: learnt by Bolt (auth.test), else the one the event was delivered to. */
function botUserIdOf(context: { botUserId?: string }, body: unknown): string | undefined {
  return context.botUserId ?? (body as { authorizations?: { user_id?: string }[] }).authorizations?.[0]?.user_id;
}

/** The fields of a Slack request body that say which handler it is for. */
interface SlackBody {
  type?: string;
  command?: string;
  callback_id?: string;
  view?: { callback_id?: string };
  event?: { type?: string };
}

type StateValues = Record<string, Record<string, SlackElementState>>;

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
