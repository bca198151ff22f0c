import type { OutboundMessage } from "../../src/content/message.ts";
import type { Person } from "../../src/domain/people.ts";
import type { Delivery, DeliveryResult } from "../../src/ports/delivery.ts";
import { channelHeading, renderMessage } from "./render.ts";

/**
 * Reminders in the console: everyone shares the one terminal, so a direct message is shown
 * there, headed with whom it is for. Until a terminal is attached, sends wait (retry).
 */
export class ConsoleDelivery implements Delivery {
  private write: ((text: string) => void) | null = null;

  /** Where messages go from now on (the console's output, which re-shows its prompt). */
  attach(write: (text: string) => void): void {
    this.write = write;
  }

  async send(to: Person, message: OutboundMessage): Promise<DeliveryResult> {
    if (!this.write) return { status: "retry", reason: "console-closed" };
    this.write(`\n[direct message for @${to.handle}]\n${renderMessage(message)}\n`);
    return { status: "delivered" };
  }

  /** A team channel post, shown headed with the channel's name. */
  async post(channel: string, message: OutboundMessage): Promise<DeliveryResult> {
    if (!this.write) return { status: "retry", reason: "console-closed" };
    this.write(`\n${channelHeading(channel)}\n${renderMessage(message)}\n`);
    return { status: "delivered" };
  }
}
