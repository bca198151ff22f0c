import type { DeliveryResult } from "./delivery.ts";

/**
 * A platform's "slow down" honoured across sends, not only by the one that was told: after a
 * 429 with Retry-After, every send through the same delivery waits out the window instead of
 * going at once (a sweep moves straight on to the next reminder, and would otherwise send
 * inside the window, which Slack and Teams answer with more 429s and, repeated, a longer ban).
 * `now` is the bot's clock (the system clock when running), the one the scheduler reckons a
 * reminder's next try in, so the two agree on when the window ends.
 * Example: const gate = new RetryAfterGate(() => Date.now()); gate.closeFor(1000); gate.closed() → a throttled result for 1 s.
 */
export class RetryAfterGate {
  private shutAt = Infinity;
  private openAt = -Infinity;

  constructor(private readonly now: () => number) {}

  /** Shuts the gate for `ms` from now (never shortening a longer window already set). */
  closeFor(ms: number): void {
    const now = this.now();
    this.shutAt = Math.min(this.shutAt, now);
    this.openAt = Math.max(this.openAt, now + ms);
  }

  /**
   * While the gate is shut, the result a send returns without asking the platform; null when
   * it may go. A clock set back behind the moment it shut (an NTP step) opens it: the window
   * can no longer be measured, and holding every message for the size of the step is worse.
   */
  closed(): DeliveryResult | null {
    const now = this.now();
    const left = Math.ceil(this.openAt - now);
    if (left > 0 && now >= this.shutAt) return { status: "retry", reason: "rate-limited", retryAfterMs: left, throttled: true };
    this.shutAt = Infinity;
    return null;
  }

  /** Passes `result` through, shutting the gate when the platform said to wait (a throttled retry with Retry-After). */
  observe(result: DeliveryResult): DeliveryResult {
    if (result.status === "retry" && result.throttled && result.retryAfterMs !== undefined) this.closeFor(result.retryAfterMs);
    return result;
  }

  /** Runs `send` unless the gate is shut, and learns from its result. */
  async send(send: () => Promise<DeliveryResult>): Promise<DeliveryResult> {
    return this.closed() ?? this.observe(await send());
  }
}
