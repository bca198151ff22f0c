import { ActivityTypes, type Activity, type TurnContext } from "botbuilder";
import { handleInbound, type InboundEvent, type PlatformActor } from "../../src/bot/inbound.ts";
import type { Form, FormValues, OutboundMessage } from "../../src/bot/message.ts";
import type { BotReply } from "../../src/bot/reply.ts";
import { shortId } from "../../src/domain/ids.ts";
import type { Logger } from "../../src/logger.ts";
import type { Core } from "../../src/services/core.ts";
import { attachment, cardDataOf, cardValues, formCard, summaryCard, type CardData } from "./render-card.ts";
import { teamsActivity } from "./teams-activity.ts";
import { channelIdOf, teamsActor, type TeamsAddresses } from "./teams-addresses.ts";
import type { TeamsDelivery } from "./teams-delivery.ts";
import { teamsPlainText } from "./teams-text.ts";

/** The message action's command id, as in teams-app/manifest.template.json. */
export const MESSAGE_ACTION_ID = "record_oversight_note";

type SubmitData = Extract<CardData, { ovKind: "submit" }>;

/**
 * The bot's handling of Teams activities: messages to the bot (commands, or a decision to
 * record), cards submitted and buttons pressed, the message action's dialog, and installs.
 * Each turns the activity into an inbound event for the core and renders the reply; none
 * decides anything itself. Case content goes only to the person privately: asked in a
 * channel, the bot answers in its private chat with them.
 */
export function teamsBot(core: Core, log: Logger, addresses: TeamsAddresses, delivery: TeamsDelivery): (context: TurnContext) => Promise<void> {
  const say = core.prompts.say;
  const inbound = (event: InboundEvent) => handleInbound(core, log, event);
  const actorOf = (activity: Activity) => teamsActor(core.storage.people, activity.from);
  const words = { noChannel: say("teams.no-channel"), time: say("teams.time"), required: say("teams.required") };
  const renderForm = async (form: Form, submissionKey = shortId()) => formCard(form, submissionKey, { channels: await addresses.channels(), words });

  /** Sends a reply: a form as a card, a message as text or a card. */
  const sendReply = async (context: TurnContext, reply: BotReply, typed?: string) => {
    if (reply.message) {
      // A turn that failed keeps what was typed: it is shown back, to send again.
      const shown = reply.failed && typed ? withTyped(reply.message, typed) : reply.message;
      await context.sendActivity(teamsActivity(shown));
    }
    if (reply.form) await context.sendActivity({ type: "message", attachments: [attachment(await renderForm(reply.form))] });
  };

  const withTyped = (message: OutboundMessage, typed: string): OutboundMessage => ({
    text: `${message.text}\n${say("teams.your-text")}\n${typed}`,
    blocks: [...message.blocks, { type: "text", text: say("teams.your-text") }, { type: "text", text: typed }],
  });

  /** Posts group supervision's words to team channels; a refusal is explained to whoever asked. */
  const postToChannels = async (context: TurnContext, reply: BotReply) => {
    for (const post of reply.posts ?? []) {
      if (!post.channel.startsWith("teams:")) continue;
      const result = await delivery.post(post.channel, post.message);
      if (result.status === "delivered") continue;
      log.info("teams.post-failed", { reason: result.reason });
      await context.sendActivity({ type: "message", text: say(result.status === "permanent" ? "teams.post-failed" : "teams.post-failed-later") });
    }
  };

  /**
   * Answers privately: in the person's chat with the bot when this is it, else by opening
   * one (the channel is told where to look); help alone is answered where asked.
   */
  const inPrivate = async (context: TurnContext, answer: (chat: TurnContext) => Promise<void>) => {
    const type = context.activity.conversation?.conversationType;
    if (type !== "channel" && type !== "groupChat") return answer(context);
    try {
      await delivery.privately(context.activity.from, referenceOf(context.activity), answer);
      await context.sendActivity({ type: "message", text: say("teams.answered-privately") });
    } catch (error) {
      log.info("teams.private-chat-failed", { code: (error as { statusCode?: number }).statusCode ?? "unknown" });
      await context.sendActivity({ type: "message", text: say("teams.no-private-chat") });
    }
  };

  // A message to the bot: a command (help, list, export…) or a decision to record as a note.
  const onText = async (context: TurnContext, actor: PlatformActor) => {
    const activity = context.activity;
    const text = teamsPlainText(activity.text ?? "", [activity.recipient?.name ?? ""].filter(Boolean));
    const reply = await inbound({ kind: "command", eventId: eventIdOf(activity), retryKey: eventIdOf(activity), actor, text });
    if (reply.duplicate) return;
    const isHelp = reply.message && !reply.form && /^\s*(oversight\s+)?help\s*$/i.test(text);
    if (isHelp) await context.sendActivity(teamsActivity(reply.message!));
    else await inPrivate(context, (chat) => sendReply(chat, reply, text));
    await postToChannels(context, reply);
  };

  // A card's button or submit, from the chat (the card's values arrive as the message's value).
  const onCardData = async (context: TurnContext, actor: PlatformActor, data: CardData) => {
    const activity = context.activity;
    if (data.ovKind === "action") {
      const reply = await inbound({ kind: "action", eventId: eventIdOf(activity), retryKey: eventIdOf(activity), actor, actionId: data.actionId, value: data.value });
      if (reply.duplicate) return;
      await sendReply(context, reply);
      return postToChannels(context, reply);
    }
    const values = cardValues(activity.value as Record<string, unknown>, data);
    const reply = await inbound({ kind: "submit", eventId: eventIdOf(activity), retryKey: eventIdOf(activity), actor, formId: data.ovForm, values, state: data.ovState });
    if (reply.duplicate) return;
    await answerSubmission(context, reply, values, data);
    await postToChannels(context, reply);
  };

  /**
   * The card a submission came from becomes: the form again with its problems (everything
   * typed kept), or a read-only summary once the core accepted it. A refusal or failure
   * leaves the card as it is (still filled in) and says why.
   */
  const answerSubmission = async (context: TurnContext, reply: BotReply, values: FormValues, data: SubmitData) => {
    const cardId = context.activity.replyToId;
    const replace = async (card: Record<string, unknown>) => {
      if (cardId) {
        try {
          await context.updateActivity({ type: "message", id: cardId, attachments: [attachment(card)] });
          return;
        } catch (error) {
          log.info("teams.card-not-updated", { code: (error as { statusCode?: number }).statusCode ?? "unknown" });
        }
      }
      await context.sendActivity({ type: "message", attachments: [attachment(card)] });
    };
    if (reply.refused || reply.failed) return sendReply(context, reply);
    if (reply.form) {
      // The same card again keeps its submission key: a second click is the same submission.
      const sameForm = reply.form.formId === data.ovForm;
      await replace(await renderForm(reply.form, sameForm ? (data.ovState.submissionKey ?? shortId()) : shortId()));
      return;
    }
    // Accepted: the core says what became of it (a card it did not know is left as it is).
    if (reply.message) await replace(summaryCard(reply.message.text, values, data.ovLabels));
  };

  // The message action "Record oversight note": the dialog opens with the message read.
  const onFetchTask = async (context: TurnContext, actor: PlatformActor) => {
    const activity = context.activity;
    const payload = (activity.value as { messagePayload?: MessagePayload } | undefined)?.messagePayload;
    const author = payload?.from?.user;
    const authors: PlatformActor[] = [author?.aadObjectId, author?.id].filter((id): id is string => !!id).map((externalId) => ({ platform: "teams", externalId }));
    const at = payload?.createdDateTime ? new Date(payload.createdDateTime) : new Date(NaN);
    const reply = await inbound({
      kind: "capture",
      eventId: eventIdOf(activity),
      actor,
      text: teamsPlainText(payload?.body?.content ?? ""),
      thread: { authors, lastMessageAt: Number.isNaN(at.getTime()) ? core.clock.now() : at },
    });
    return invokeResponse(context, reply.form ? dialog(await renderForm(reply.form), reply.form.title) : dialogMessage(reply.message?.text ?? say("error.unexpected")));
  };

  // The dialog's card submitted: problems keep it open; success closes it with a line.
  const onSubmitAction = async (context: TurnContext, actor: PlatformActor) => {
    const activity = context.activity;
    const submitted = ((activity.value as { data?: unknown } | undefined)?.data ?? {}) as Record<string, unknown>;
    const data = cardDataOf(submitted);
    if (!data || data.ovKind !== "submit") return invokeResponse(context, {});
    const reply = await inbound({ kind: "submit", eventId: eventIdOf(activity), actor, formId: data.ovForm, values: cardValues(submitted, data), state: data.ovState });
    await postToChannels(context, reply);
    if (reply.form && !reply.refused && !reply.failed) {
      const sameForm = reply.form.formId === data.ovForm;
      return invokeResponse(context, dialog(await renderForm(reply.form, sameForm ? (data.ovState.submissionKey ?? shortId()) : shortId()), reply.form.title));
    }
    return invokeResponse(context, dialogMessage(reply.message?.text ?? say("error.unexpected")));
  };

  return async (context: TurnContext) => {
    const activity = context.activity;
    if (activity.from?.id && activity.from.id !== activity.recipient?.id) await addresses.remember(activity);
    switch (activity.type) {
      case ActivityTypes.Message: {
        const actor = await actorOf(activity);
        const data = cardDataOf(activity.value);
        if (data) return onCardData(context, actor, data);
        if (activity.text) return onText(context, actor);
        return;
      }
      case ActivityTypes.Invoke: {
        const actor = await actorOf(activity);
        if (activity.name === "composeExtension/fetchTask") return onFetchTask(context, actor);
        if (activity.name === "composeExtension/submitAction") return onSubmitAction(context, actor);
        log.info("teams.invoke-unsupported", { name: activity.name ?? "none" });
        return invokeResponse(context, {}, 200);
      }
      case ActivityTypes.ConversationUpdate:
      case ActivityTypes.InstallationUpdate: {
        // Installed for one person: say hello (the address is already kept, above).
        const added = activity.membersAdded?.some((m) => m.id === activity.recipient?.id) || activity.action === "add";
        if (added && activity.conversation?.conversationType === "personal" && (await firstHello(core, activity))) {
          await context.sendActivity({ type: "message", text: say("teams.welcome") });
        }
        return;
      }
      default:
        return;
    }
  };
}

/** The part of a Teams message a message action receives. */
interface MessagePayload {
  createdDateTime?: string;
  body?: { content?: string };
  from?: { user?: { id?: string; aadObjectId?: string; displayName?: string } };
}

/** One activity's id for the core: Teams resends an activity with the same id. */
function eventIdOf(activity: Activity): string {
  return `teams:${channelIdOf(activity)}:${activity.id ?? shortId()}`;
}

function referenceOf(activity: Activity) {
  return { channelId: activity.channelId, serviceUrl: activity.serviceUrl, bot: activity.recipient, conversation: activity.conversation };
}

/** Teams sends an install twice (conversationUpdate and installationUpdate): hello once. */
async function firstHello(core: Core, activity: Activity): Promise<boolean> {
  return core.storage.inbound.firstSeen(`teams:hello:${channelIdOf(activity)}`, core.clock.now());
}

const dialog = (card: Record<string, unknown>, title: string) => ({ task: { type: "continue", value: { title, width: "large", height: "large", card: attachment(card) } } });
const dialogMessage = (text: string) => ({ task: { type: "message", value: text } });

async function invokeResponse(context: TurnContext, body: unknown, status = 200): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, body } });
}
