import { describe, expect, it } from "vitest";
import { RetryAfterGate } from "../../src/ports/retry-after-gate.ts";

// A 429's Retry-After holds back every send through the delivery, not only the one refused:
// found by tests/faults/rate-limit-storms.test.ts (a sweep sent the next reminder at once).

describe("the Retry-After gate", () => {
  it("after a throttled result, answers throttled without sending until the window has passed", async () => {
    let now = 1_000;
    const gate = new RetryAfterGate(() => now);
    let sends = 0;
    const send = (result: Parameters<RetryAfterGate["observe"]>[0]) => gate.send(async () => (sends++, result));
    expect(await send({ status: "retry", reason: "rate-limited", retryAfterMs: 2_000, throttled: true })).toMatchObject({ status: "retry" });
    now += 1_500;
    expect(await send({ status: "delivered" })).toEqual({ status: "retry", reason: "rate-limited", retryAfterMs: 500, throttled: true });
    expect(sends).toBe(1);
    now += 500;
    expect(await send({ status: "delivered" })).toEqual({ status: "delivered" });
    expect(sends).toBe(2);
  });

  it("is not shut by an outage or a refusal, nor shortened by a shorter window", async () => {
    let now = 0;
    const gate = new RetryAfterGate(() => now);
    gate.observe({ status: "retry", reason: "http-503", retryAfterMs: 5_000 });
    gate.observe({ status: "permanent", reason: "user_not_found" });
    expect(gate.closed()).toBeNull();
    gate.closeFor(3_000);
    gate.closeFor(1_000);
    now = 2_000;
    expect(gate.closed()).toMatchObject({ retryAfterMs: 1_000 });
  });

  it("opens when the clock is set back behind the moment it shut", () => {
    let now = 10_000;
    const gate = new RetryAfterGate(() => now);
    gate.closeFor(30_000);
    now = 9_000;
    expect(gate.closed()).toBeNull();
  });
});
