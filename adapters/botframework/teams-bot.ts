import { ActivityTypes, TeamsInfo, TurnContext, type Activity } from "botbuilder";
import type { InboundEvent, PlatformActor } from "../../src/bot/inbound.ts";
import type { BotPort } from "../../src/bot/bot-port.ts";
import type { OutboundMessage } from "../../src/content/message.ts";
import type { Form, FormValues } from "../../src/content/form.ts";
import { plainText } from "../../src/domain/answers.ts";
import type { BotReply } from "../../src/bot/reply.ts";
import { mayChooseChannel } from "../../src/domain/access.ts";
import { shortId } from "../../src/domain/ids.ts";
import type { Logger } from "../../src/logger.ts";
import { attachment, cardDataOf, cardValues, formAgain, formCard, isPlainText, messageCard, summaryCard, type CardData, type CardJson } from "./render-card.ts";
import { teamsActivity } from "./teams-activity.ts";
import { cardActionResponse, HOME_REFRESH_VERB, homeActivity, homeCard, verbOf } from "./home-card.ts";
import { channelIdOf, type TeamsAddresses } from "./teams-addresses.ts";
import type { TeamsDelivery } from "./teams-delivery.ts";
import { TeamsPeople, type Mention } from "./teams-people.ts";
import { teamsPlainText } from "./teams-text.ts";

/** The message action's command id, as in teams-app/manifest.template.json. */
export const MESSAGE_ACTION_ID = "record_oversight_note";

/** The activities that say where someone or a channel can be reached: those the bot acts on, but for invokes. */
const REMEMBERED = new Set<string>([ActivityTypes.Message, ActivityTypes.ConversationUpdate, ActivityTypes.InstallationUpdate]);

type SubmitData = Extract<CardData, { ovKind: "submit" }>;
/** Where a form's card is shown: a message in a chat, or the message action's dialog. */
type CardPlace = "chat" | "dialog";

/**
 * The bot's handling of Teams activities: messages to the bot (commands, or a decision to
 * record), cards submitted and buttons pressed, the message action's dialog, and installs.
 * Each turns the activity into an inbound event for the core and renders the reply; none
 * decides anything itself. Case content goes only to the person privately: asked in a
 * channel, the bot answers in its private chat with them.
 */
export function teamsBot(bot: BotPort, log: Logger, addresses: TeamsAddresses, delivery: TeamsDelivery): (context: TurnContext) => Promise<void> {
  const say = bot.prompts.say;
  const inbound = (event: InboundEvent) => bot.handle(event);
  const people = new TeamsPeople(bot.people, addresses);
  const words = {
    noChannel: say("teams.no-channel"),
    time: say("teams.time"),
    optional: say("teams.optional"),
    keepDraft: say("teams.keep-draft"),
    actionRow: (n: number) => ({ what: say("form.action-what", { n }), owner: say("form.action-owner", { n }), due: say("form.action-due", { n }) }),
    childRow: (n: number) => ({ caseRef: say("form.child-ref", { n }), decision: say("form.child-decision", { n }) }),
    guessedIntro: (guessed: number) => say("form.guessed-intro", { guessed }),
  };
  const renderForm = async (context: TurnContext, form: Form, submissionKey = shortId()) => {
    const channel = form.inputs.find((i) => i.type === "channel");
    const channels = channel ? await channelsFor(context, plainText(channel.value)) : [];
    return formCard(form, submissionKey, { channels, words });
  };

  /**
   * The channels a person may choose (domain/access.ts decides, from whether Teams says they
   * are a member of each channel's team or group chat). Group supervision's roles are posted there.
   */
  const channelsFor = async (context: TurnContext, chosen: string) => {
    const all = await addresses.channels();
    const client = context.turnState.get(context.adapter.ConnectorClientKey) as MemberLookup | undefined;
    const userId = context.activity.from?.id;
    const member = new Map<string, Promise<boolean>>();
    const isMember = (conversationId: string) => {
      if (!member.has(conversationId)) {
        const asked = client && userId ? client.conversations.getConversationMember(conversationId, userId).then(() => true, () => false) : Promise.resolve(false);
        member.set(conversationId, asked);
      }
      return member.get(conversationId)!;
    };
    const members = await Promise.all(all.map((c) => isMember(c.membersOf)));
    return all.filter((c, i) => mayChooseChannel({ value: c.value, member: members[i]! }, chosen));
  };

  /**
   * Sends a reply: a message as text or a card, a form as a card. The person's home is a card
   * that refreshes itself whenever `viewer` (who asked, by Teams user id) opens it.
   */
  const sendReply = async (context: TurnContext, reply: BotReply, viewer: string | undefined, typed?: string) => {
    if (reply.message && reply.home) await context.sendActivity(homeActivity(reply.message, viewer));
    else if (reply.message) {
      // A turn that failed keeps what was typed: it is shown back, to send again.
      const shown = reply.failed && typed ? withTyped(reply.message, typed) : reply.message;
      await context.sendActivity(teamsActivity(shown));
    }
    if (reply.form) await context.sendActivity({ type: "message", attachments: [attachment(await renderForm(context, reply.form))] });
  };

  const withTyped = (message: OutboundMessage, typed: string): OutboundMessage => ({
    text: `${message.text}\n${say("teams.your-text")}\n${typed}`,
    blocks: [...message.blocks, { type: "text", text: say("teams.your-text") }, { type: "text", text: typed }],
  });

  /**
   * Runs `answer` in the person's private chat with the bot: this conversation when it is
   * that chat, else theirs (opened if need be), and the channel hears only where to look.
   * A message action may come from any chat, the bot's or not: it is always answered in theirs.
   */
  const inPrivate = async (context: TurnContext, answer: (chat: TurnContext) => Promise<void>, pointer = true) => {
    const { type, conversation } = context.activity;
    if (conversation?.conversationType === "personal" && type !== ActivityTypes.Invoke) return answer(context);
    try {
      await delivery.privately(context.activity.from, TurnContext.getConversationReference(context.activity), answer);
      if (pointer && type !== ActivityTypes.Invoke) await context.sendActivity({ type: "message", text: say("teams.answered-privately") });
    } catch (error) {
      log.info("teams.private-chat-failed", { code: (error as { statusCode?: number }).statusCode ?? "unknown" });
      if (type !== ActivityTypes.Invoke) await context.sendActivity({ type: "message", text: say("teams.no-private-chat") });
    }
  };

  /** Posts group supervision's words to team channels; a refusal is explained to whoever asked, privately. */
  const postToChannels = async (context: TurnContext, reply: BotReply) => {
    for (const post of reply.posts ?? []) {
      if (!post.channel.startsWith("teams:")) continue;
      const result = await delivery.post(post.channel, post.message);
      if (result.status === "delivered") continue;
      log.info("teams.post-failed", { reason: result.reason });
      const text = say(result.status === "permanent" ? "teams.post-failed" : "teams.post-failed-later");
      await inPrivate(context, (chat) => chat.sendActivity({ type: "message", text }).then(() => undefined), false);
    }
  };

  // A message to the bot: a command (help, list, export…) or a decision to record as a note.
  // In the bot's own chat a decision starts "oversight" (people say "thanks" to bots too); an
  // @mention in a channel is one too when it names a case.
  const onText = async (context: TurnContext, actor: PlatformActor) => {
    const activity = context.activity;
    const text = teamsPlainText(await people.withHandles(activity.text ?? "", mentionsIn(activity)));
    const reply = await inbound({ kind: "message", eventId: eventIdOf(activity), retryKey: eventIdOf(activity), actor, text });
    if (reply.duplicate) return;
    if (reply.shareable && reply.message && !reply.form) await context.sendActivity(teamsActivity(reply.message));
    else await inPrivate(context, (chat) => sendReply(chat, reply, activity.from?.id, text));
    await postToChannels(context, reply);
  };

  // A card's button or submit, from the chat (the card's values arrive as the message's value).
  const onCardData = async (context: TurnContext, actor: PlatformActor, data: CardData) => {
    const activity = context.activity;
    if (data.ovKind === "action") {
      const reply = await inbound({ kind: "action", eventId: eventIdOf(activity), retryKey: eventIdOf(activity), actor, actionId: data.actionId, value: data.value });
      if (reply.duplicate) return;
      await sendReply(context, reply, activity.from?.id);
      return postToChannels(context, reply);
    }
    const values = cardValues(activity.value as Record<string, unknown>, data.ovForm);
    const reply = await inbound({ kind: data.ovKeep ? "dismiss" : "submit", eventId: eventIdOf(activity), retryKey: eventIdOf(activity), actor, formId: data.ovForm.formId, values, state: data.ovState });
    if (reply.duplicate) return;
    const card = await cardAfterSubmit(context, reply, values, data, "chat");
    if (card) await replaceCard(context, card);
    await postToChannels(context, reply);
  };

  /**
   * What the submitted card becomes: the form again with its problems (or, refused or failed,
   * with the reason on top), everything typed kept; or, accepted, a read-only summary: the
   * core's message when it is more than words, else its words over what was submitted. Null:
   * leave it as it is.
   */
  const cardAfterSubmit = async (context: TurnContext, reply: BotReply, values: FormValues, data: SubmitData, place: CardPlace): Promise<CardJson | null> => {
    const key = data.ovState.submissionKey ?? shortId();
    if (reply.refused || reply.failed) return renderForm(context, formAgain(data.ovForm, values, { form: reply.message?.text ?? say("error.unexpected") }, data.ovState), key);
    // The same form again keeps its submission key: a second click is the same submission.
    if (reply.form) return renderForm(context, reply.form, reply.form.formId === data.ovForm.formId ? key : shortId());
    if (place === "dialog" || !reply.message) return null;
    // The core's own account of what it stored (a recorded note, field by field) when it gives
    // one; else its answer over what was submitted.
    if (!isPlainText(reply.message)) return messageCard(reply.message);
    const channels = data.ovForm.inputs.some((i) => i.type === "channel") ? await addresses.channels() : [];
    return summaryCard(reply.message.text, values, data.ovForm, channels);
  };

  /** Replaces the card a submission came from (the message it replied to); else sends it anew. */
  const replaceCard = async (context: TurnContext, card: CardJson) => {
    const cardId = context.activity.replyToId;
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

  // The message action "Record oversight note": the dialog opens with the message read.
  const onFetchTask = async (context: TurnContext, actor: PlatformActor) => {
    const activity = context.activity;
    const payload = (activity.value as { messagePayload?: MessagePayload } | undefined)?.messagePayload;
    const author = payload?.from?.user;
    const authors: PlatformActor[] = (author ? await people.allIdsOf({ aadObjectId: author.aadObjectId ?? author.id }) : []).map((externalId) => ({ platform: "teams", externalId }));
    const at = payload?.createdDateTime ? new Date(payload.createdDateTime) : new Date(NaN);
    const html = await people.withHandles(payload?.body?.content ?? "", payloadMentions(payload));
    const reply = await inbound({
      kind: "capture",
      eventId: eventIdOf(activity),
      actor,
      text: teamsPlainText(html),
      thread: { authors, lastMessageAt: Number.isNaN(at.getTime()) ? bot.now() : at },
    });
    return invokeResponse(context, reply.form ? dialog(await renderForm(context, reply.form), reply.form.title) : dialogMessage(reply.message?.text ?? say("error.unexpected")));
  };

  // The dialog's card submitted (or kept as a draft): problems keep it open; otherwise it
  // closes at once (Teams waits 5 s for the answer) and what the core said follows in the
  // person's chat with the bot.
  const onSubmitAction = async (context: TurnContext, actor: PlatformActor) => {
    const activity = context.activity;
    const submitted = ((activity.value as { data?: unknown } | undefined)?.data ?? {}) as Record<string, unknown>;
    const data = cardDataOf(submitted);
    if (!data || data.ovKind !== "submit") return invokeResponse(context, {});
    const values = cardValues(submitted, data.ovForm);
    // The dialog closes with nothing to show: the reply goes to the person's chat as a notice,
    // queued in the turn itself (sent at once by the scheduler, retried, never lost).
    const reply = await inbound({ kind: data.ovKeep ? "dismiss" : "submit", eventId: eventIdOf(activity), actor, formId: data.ovForm.formId, values, state: data.ovState, replyAsNotice: true });
    const card = await cardAfterSubmit(context, reply, values, data, "dialog");
    if (card) return invokeResponse(context, dialog(card, reply.form?.title ?? data.ovForm.title));
    await invokeResponse(context, {});
  };

  // The home card opened (Universal Actions' refresh): the home of whoever opened it, as it is
  // now, shown in place of the card. Someone not on the roster gets how to get on it.
  const onHomeRefresh = async (context: TurnContext, actor: PlatformActor) => {
    const viewer = context.activity.from?.id;
    await invokeResponse(context, cardActionResponse(homeCard(await bot.home(actor), viewer)));
  };

  /** The bot added to a team, or its channels changed: every channel is kept, by name. */
  const learnChannels = async (context: TurnContext) => {
    const teamId = (context.activity.channelData as { team?: { id?: string } } | undefined)?.team?.id;
    if (!teamId) return;
    try {
      const [team, channels] = await Promise.all([TeamsInfo.getTeamDetails(context, teamId), TeamsInfo.getTeamChannels(context, teamId)]);
      await addresses.rememberChannels(context.activity, { id: teamId, name: team.name ?? "Team" }, channels);
    } catch (error) {
      log.info("teams.channels-not-read", { code: (error as { statusCode?: number }).statusCode ?? "unknown" });
    }
  };

  return async (context: TurnContext) => {
    const activity = context.activity;
    // A message action can come from any chat, the bot's or not: only the bot's own
    // conversations say where people and channels can be reached. An activity of a kind the
    // bot does not handle (typing, reactions, anything else) is ignored and nothing is kept.
    if (REMEMBERED.has(activity.type) && activity.from?.id && activity.from.id !== activity.recipient?.id) await addresses.remember(activity);
    switch (activity.type) {
      case ActivityTypes.Message: {
        const actor = await people.actor(activity.from);
        const data = cardDataOf(activity.value);
        if (data) return onCardData(context, actor, data);
        if (activity.text) return onText(context, actor);
        return;
      }
      case ActivityTypes.Invoke: {
        const actor = await people.actor(activity.from);
        const commandId = (activity.value as { commandId?: string } | undefined)?.commandId;
        if (activity.name === "composeExtension/fetchTask" && commandId === MESSAGE_ACTION_ID) return onFetchTask(context, actor);
        if (activity.name === "composeExtension/submitAction" && commandId === MESSAGE_ACTION_ID) return onSubmitAction(context, actor);
        if (activity.name === "adaptiveCard/action" && verbOf(activity.value) === HOME_REFRESH_VERB) return onHomeRefresh(context, actor);
        log.info("teams.invoke-unsupported", { name: activity.name ?? "none" });
        return invokeResponse(context, {}, 200);
      }
      case ActivityTypes.ConversationUpdate:
      case ActivityTypes.InstallationUpdate:
        return onInstall(context);
      default:
        return;
    }
  };

  /** Installed for one person: hello and their home, once (Teams announces it twice). In a team: its channels. */
  async function onInstall(context: TurnContext) {
    const activity = context.activity;
    const added = activity.membersAdded?.some((m) => m.id === activity.recipient?.id) || activity.action === "add";
    const event = (activity.channelData as { eventType?: string } | undefined)?.eventType;
    if (activity.conversation?.conversationType === "channel" && (added || event === "channelCreated" || event === "channelRenamed" || event === "teamRenamed")) return learnChannels(context);
    if (added && activity.conversation?.conversationType === "personal" && (await bot.once(`teams:hello:${channelIdOf(activity)}`))) {
      await context.sendActivity({ type: "message", text: say("teams.welcome") });
      await context.sendActivity(homeActivity(await bot.home(await people.actor(activity.from)), activity.from?.id));
    }
  }
}

/** The one Connector API call used to ask whether someone is in a team or chat (GET …/members/{id}). */
interface MemberLookup {
  conversations: { getConversationMember(conversationId: string, memberId: string): Promise<unknown> };
}

/** The part of a Teams message a message action receives. */
interface MessagePayload {
  createdDateTime?: string;
  body?: { content?: string };
  from?: { user?: { id?: string; aadObjectId?: string; displayName?: string } };
  mentions?: { id?: number; mentionText?: string; mentioned?: { user?: { id?: string; displayName?: string } } }[];
}

/**
 * A message's @mentions, each with the `<at>` tag it has in the text: the bot's own to drop
 * (null), people's to turn into handles.
 */
function mentionsIn(activity: Activity): Mention[] {
  return (activity.entities ?? [])
    .filter((e) => e.type === "mention" && typeof e.text === "string")
    .map((e) => {
      const mentioned = e.mentioned as { id?: string; aadObjectId?: string } | undefined;
      return { tag: e.text as string, user: mentioned?.id === activity.recipient?.id ? null : (mentioned ?? null) };
    });
}

/** A message action's mentions: `<at id="0">…</at>` in the HTML, matched by id (names may be encoded); the Entra id in `mentions`. */
function payloadMentions(payload: MessagePayload | undefined): Mention[] {
  return (payload?.mentions ?? [])
    .filter((m) => m.mentioned?.user?.id && Number.isInteger(m.id))
    .map((m) => ({ tag: new RegExp(`<at id="${m.id}">[\\s\\S]*?</at>`, "g"), user: { aadObjectId: m.mentioned!.user!.id } }));
}

/** One activity's id for the core: Teams resends an activity with the same id. */
function eventIdOf(activity: Activity): string {
  return `teams:${channelIdOf(activity)}:${activity.id ?? shortId()}`;
}

const dialog = (card: CardJson, title: string) => ({ task: { type: "continue", value: { title, width: "large", height: "large", card: attachment(card) } } });
const dialogMessage = (text: string) => ({ task: { type: "message", value: text } });

async function invokeResponse(context: TurnContext, body: unknown, status = 200): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, body } });
}

