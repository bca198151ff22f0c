import type { OutboundMessage } from "../../src/content/message.ts";
import type { Person } from "../../src/domain/people.ts";
import type { Delivery, DeliveryResult } from "../../src/ports/delivery.ts";
import { RetryAfterGate } from "../../src/ports/retry-after-gate.ts";
import { slackMessage } from "./render-blocks.ts";

/** The one Web API method deliveries use, so tests and the composition can pass Bolt's client. */
export interface PostMessage {
  chat: { postMessage(args: { channel: string; text: string; blocks: unknown[] }): Promise<unknown> };
}

/** Refusals no retry will change: the person, their account or the DM is gone or closed. */
const PERMANENT = new Set([
  "channel_not_found",
  "user_not_found",
  "users_not_found",
  "account_inactive",
  "user_disabled",
  "is_archived",
  "cannot_dm_bot",
  "messages_tab_disabled",
  "not_in_channel",
  "restricted_action",
]);

/**
 * Reminders, notices and escalations as Slack direct messages (chat.postMessage to the
 * user's id opens the app's DM). The client must be made with `rejectRateLimitedCalls`,
 * no retries of its own and a short timeout: a 429 comes back here as a retry with
 * Slack's Retry-After, and the durable scheduler decides when to try again, well inside
 * its lease. Once Slack has said to wait, nothing is sent through this delivery until the
 * window has passed (`RetryAfterGate`): the rest of a sweep is throttled without asking.
 */
export class SlackDelivery implements Delivery {
  private readonly gate: RetryAfterGate;

  /** `now`: the bot's clock, in milliseconds (Retry-After windows are reckoned on it). */
  constructor(
    private readonly client: PostMessage,
    now: () => number = () => Date.now(),
  ) {
    this.gate = new RetryAfterGate(now);
  }

  async send(to: Person, message: OutboundMessage): Promise<DeliveryResult> {
    const slackId = to.identities.find((i) => i.platform === "slack")?.externalId;
    if (!slackId) return { status: "permanent", reason: "no-slack-account" };
    return this.gate.send(() => this.postMessage(slackId, message));
  }

  /** A team channel post ("slack:C0123ABC"): group supervision's announcements, never case content. */
  async post(channel: string, message: OutboundMessage): Promise<DeliveryResult> {
    return this.gate.send(() => this.postMessage(channel.replace(/^slack:/, ""), message));
  }

  private async postMessage(channel: string, message: OutboundMessage): Promise<DeliveryResult> {
    try {
      await this.client.chat.postMessage({ channel, ...slackMessage(message) });
      return { status: "delivered" };
    } catch (error) {
      return deliveryFailure(error);
    }
  }
}

/** A Web API failure as the scheduler needs it: retry (when, if Slack said) or give up. */
export function deliveryFailure(error: unknown): DeliveryResult {
  const e = error as { code?: string; retryAfter?: number; data?: { error?: string }; statusCode?: number };
  if (e?.code === "slack_webapi_rate_limited_error") return { status: "retry", reason: "rate-limited", retryAfterMs: (e.retryAfter ?? 30) * 1000, throttled: true };
  if (e?.code === "slack_webapi_platform_error") {
    const code = e.data?.error ?? "unknown";
    return PERMANENT.has(code) ? { status: "permanent", reason: code } : { status: "retry", reason: code };
  }
  if (e?.code === "slack_webapi_http_error") return { status: "retry", reason: `http-${e.statusCode ?? "error"}` };
  return { status: "retry", reason: e?.code ?? "request-failed" };
}
