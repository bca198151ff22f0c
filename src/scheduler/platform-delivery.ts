import type { OutboundMessage } from "../content/message.ts";
import type { Person, Platform } from "../domain/people.ts";
import type { Delivery, DeliveryResult } from "../ports/delivery.ts";

/** Which platform's account a person is reached on first, when they have several. */
const PREFERENCE: readonly Platform[] = ["slack", "teams", "console"];

/**
 * One Delivery over the platforms this process serves: each message goes to the first
 * platform the person has an account on (Slack, then Teams, then the console). Someone
 * with none of them cannot be reached: a permanent failure, which escalates.
 */
export class PlatformDelivery implements Delivery {
  constructor(private readonly deliveries: Partial<Record<Platform, Delivery>>) {}

  async send(to: Person, message: OutboundMessage, key: string): Promise<DeliveryResult> {
    for (const platform of PREFERENCE) {
      const delivery = this.deliveries[platform];
      if (delivery && to.identities.some((i) => i.platform === platform)) return delivery.send(to, message, key);
    }
    return { status: "permanent", reason: "no-platform-account" };
  }

  /** Posts to a channel on the platform its address names ("slack:C0123ABC" → Slack). */
  async post(channel: string, message: OutboundMessage, key: string): Promise<DeliveryResult> {
    const platform = channel.slice(0, channel.indexOf(":")) as Platform;
    const delivery = this.deliveries[platform];
    if (!delivery?.post) return { status: "permanent", reason: "channel-platform-not-served" };
    return delivery.post(channel, message, key);
  }

  /** Whether any platform is served (without one, reminders wait in the database). */
  get serving(): boolean {
    return Object.values(this.deliveries).some(Boolean);
  }
}
