import type { ChannelAccount, CloudAdapter, ConversationParameters, ConversationReference, TurnContext } from "botbuilder";
import type { OutboundMessage } from "../../src/content/message.ts";
import type { Person } from "../../src/domain/people.ts";
import type { Delivery, DeliveryResult } from "../../src/ports/delivery.ts";
import { RetryAfterGate } from "../../src/ports/retry-after-gate.ts";
import { teamsActivity } from "./teams-activity.ts";
import type { TeamsAddress, TeamsAddresses } from "./teams-addresses.ts";
import { teamsIdsOf } from "./teams-people.ts";

/** The audience of the Bot Framework's connector tokens. */
const CONNECTOR_SCOPE = "https://api.botframework.com";

/**
 * Reminders, notices and escalations as Teams messages (proactive messages): to a person's
 * private chat with the bot, opened first when they have only been seen in a channel; and
 * group supervision's posts to a team channel. Throttling and outages (429, 412, 5xx, no
 * connection) are retried by the scheduler, after Retry-After when Teams gives one; a
 * refusal (the bot removed, the user gone) is permanent and escalates. A 429 that the
 * connector client's own retries could not get past shuts this delivery for its Retry-After
 * (`RetryAfterGate`): the sends after it wait too, instead of adding to the throttling.
 */
export class TeamsDelivery implements Delivery {
  private readonly gate: RetryAfterGate;

  /** `now`: the bot's clock, in milliseconds (Retry-After windows are reckoned on it). */
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly addresses: TeamsAddresses,
    now: () => number = () => Date.now(),
  ) {
    this.gate = new RetryAfterGate(now);
  }

  async send(to: Person, message: OutboundMessage): Promise<DeliveryResult> {
    const ids = to.identities.filter((i) => i.platform === "teams").map((i) => i.externalId);
    const address = await this.addresses.person(ids);
    if (!address) return { status: "permanent", reason: "teams-no-conversation" };
    return this.gate.send(() => attempt(() => this.inConversation(address, (context) => sendTo(context, message))));
  }

  /**
   * Runs `logic` in a person's private chat with the bot: the one known, else one opened
   * from `seenIn` (where they were just seen, in a channel).
   */
  async privately(user: ChannelAccount, seenIn: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const known = await this.addresses.person(teamsIdsOf(user));
    await this.inConversation(known?.kind === "chat" ? known : { kind: "member", reference: { ...seenIn, user } }, logic);
  }

  /** Runs `logic` in a chat or channel the bot is in, or in a chat it opens with a member. */
  private async inConversation(address: TeamsAddress, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    if (address.kind === "member") return this.openChat(address.reference, logic);
    await surfacing((caught) => this.adapter.continueConversationAsync(this.appId, address.reference, caught(logic)));
  }

  async post(channel: string, message: OutboundMessage): Promise<DeliveryResult> {
    const address = await this.addresses.channel(channel.slice("teams:".length));
    if (!address) return { status: "permanent", reason: "teams-channel-unknown" };
    return this.gate.send(() => attempt(() => this.inConversation(address, (context) => sendTo(context, message))));
  }

  /**
   * Opens a private chat with someone the bot knows from a channel (a reference whose user
   * is them), remembers it for next time, and runs `logic` in it.
   */
  private async openChat(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const { user, bot, serviceUrl, channelId = "msteams" } = reference;
    if (!user || !serviceUrl) throw Object.assign(new Error("No user or service URL to open a chat with"), { statusCode: 404 });
    const tenantId = reference.conversation?.tenantId;
    const parameters = {
      isGroup: false,
      bot,
      members: [{ id: user.id }],
      ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : {}),
    } as ConversationParameters;
    await surfacing((caught) =>
      this.adapter.createConversationAsync(
        this.appId,
        channelId,
        serviceUrl,
        CONNECTOR_SCOPE,
        parameters,
        caught(async (context) => {
          const opened = context.activity;
          // botbuilder's new conversation has no sender: it is the person the chat is with.
          opened.from = user;
          await this.addresses.rememberChat({ channelId, serviceUrl, bot, user, conversation: { ...opened.conversation, conversationType: "personal" } }, user);
          await logic(context);
        }),
      ),
    );
  }
}

/**
 * Sends a message as a new one in the conversation (a channel's new thread). Continuing a
 * conversation gives the turn a made-up activity id that botbuilder would reply to.
 */
async function sendTo(context: TurnContext, message: OutboundMessage): Promise<void> {
  context.onSendActivities(async (_, activities, next) => {
    for (const activity of activities) delete activity.replyToId;
    return next();
  });
  await context.sendActivity(teamsActivity(message));
}

/**
 * Runs a proactive turn so that an error inside it reaches the caller: botbuilder hands
 * errors thrown in a turn to the adapter's onTurnError and carries on as if sent.
 */
async function surfacing(run: (caught: (logic: (context: TurnContext) => Promise<void>) => (context: TurnContext) => Promise<void>) => Promise<void>): Promise<void> {
  let failure: { error: unknown } | null = null;
  await run((logic) => async (context) => {
    try {
      await logic(context);
    } catch (error) {
      failure = { error };
    }
  });
  if (failure) throw (failure as { error: unknown }).error;
}

/** Runs one send and words what became of it for the scheduler. */
async function attempt(send: () => Promise<unknown>): Promise<DeliveryResult> {
  try {
    await send();
    return { status: "delivered" };
  } catch (error) {
    return deliveryFailure(error);
  }
}

/**
 * A connector error as the scheduler needs it: throttled or unavailable (retry, after
 * Retry-After if given) or refused for good. Only the status code is kept, never content.
 */
export function deliveryFailure(error: unknown): DeliveryResult {
  const e = error as { statusCode?: number; response?: { headers?: { get?: (name: string) => string | undefined } | Record<string, string> } };
  const status = e?.statusCode;
  if (status === undefined) return { status: "retry", reason: "teams-unreachable" };
  // 401: the bot's own credentials were refused (a secret expired): nothing about the person,
  // so the message waits for the credentials to be fixed rather than escalating.
  if (status === 429 || status === 412 || status === 408 || status === 401 || status >= 500) {
    const retryAfterMs = retryAfter(e.response?.headers);
    return { status: "retry", reason: `teams-${status}`, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), ...(status === 429 ? { throttled: true } : {}) };
  }
  return { status: "permanent", reason: `teams-${status}` };
}

function retryAfter(headers: { get?: (name: string) => string | undefined } | Record<string, string> | undefined): number | undefined {
  if (!headers) return undefined;
  const raw = typeof headers.get === "function" ? headers.get("retry-after") : (headers as Record<string, string>)["retry-after"];
  const seconds = Number(raw);
  return raw !== undefined && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
