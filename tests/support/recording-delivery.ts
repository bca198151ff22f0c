import type { OutboundMessage } from "../../src/content/message.ts";
import type { Person } from "../../src/domain/people.ts";
import type { Delivery, DeliveryResult } from "../../src/ports/delivery.ts";

export interface Sent {
  to: string;
  text: string;
  key: string;
  buttons: string[];
}

/** A Delivery that records what it is asked to send and answers as scripted (delivered by default). */
export class RecordingDelivery implements Delivery {
  readonly sent: Sent[] = [];
  /** Answers for the next sends, in order; after they run out, every send is delivered. */
  readonly script: DeliveryResult[] = [];

  async send(to: Person, message: OutboundMessage, key: string): Promise<DeliveryResult> {
    const result = this.script.shift() ?? { status: "delivered" };
    if (result.status === "delivered") {
      const buttons = message.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons.map((x) => `${x.actionId} ${x.value}`) : []));
      this.sent.push({ to: to.handle, text: message.text, key, buttons });
    }
    return result;
  }

  /** A channel post, recorded with the channel in place of a handle ("#console:north-team"). */
  async post(channel: string, message: OutboundMessage, key: string): Promise<DeliveryResult> {
    const result = this.script.shift() ?? { status: "delivered" };
    if (result.status === "delivered") this.sent.push({ to: `#${channel}`, text: message.text, key, buttons: [] });
    return result;
  }

  /** What was sent since the last call, as "handle: text" lines. */
  take(): string[] {
    return this.sent.splice(0).map((s) => `${s.to}: ${s.text}`);
  }
}
