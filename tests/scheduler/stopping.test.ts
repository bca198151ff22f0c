import { describe, expect, it } from "vitest";
import { message } from "../../src/content/message.ts";
import type { NewReminder } from "../../src/domain/reminder.ts";
import type { Metrics } from "../../src/ports/metrics.ts";
import type { Delivery } from "../../src/ports/delivery.ts";
import { silentLogger } from "../../src/logger.ts";
import { startScheduler } from "../../src/scheduler/scheduler.ts";
import { testCore } from "../support/core.ts";

// Issue 15 item 5: on SIGTERM the scheduler finishes the send in flight and releases the rest
// of what it claimed, so another replica sends them at once, not when their leases end.

const notice = (id: string, dueAt: Date): NewReminder => ({ id, key: `notice|e|${id}|p-sam`, kind: "notice", deadlineId: null, aboutId: "p-sam", recipientId: "p-sam", dueAt, createdAt: dueAt, message: JSON.stringify(message("Recorded.")) });

describe("stopping the scheduler", () => {
  it("finishes the send in flight, leaves the rest of the batch unsent and releases their claims", async () => {
    // Mon 23 Nov 2026 15:00 London: working hours.
    const { core, clock, storage } = await testCore();
    const due = new Date(clock.now().getTime() - 60_000);
    await storage.schedule.schedule(["r1", "r2", "r3"].map((id) => notice(id, due)));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let sending!: () => void;
    const inFlight = new Promise<void>((resolve) => (sending = resolve));
    const sent: string[] = [];
    const delivery: Delivery = {
      async send(_to, _message, key) {
        sending();
        await held;
        sent.push(key);
        return { status: "delivered" };
      },
    };
    const counted: string[] = [];
    const metrics: Metrics = { turn: () => {}, reminder: (kind, result) => void counted.push(`${kind}:${result}`) };
    const scheduler = await startScheduler(core, delivery, silentLogger, { intervalMs: 3600_000, metrics });
    await inFlight;
    // Claimed, all three, for this process.
    const claimed = await storage.schedule.reminders({ status: "pending" });
    expect(claimed.map((r) => r.claimToken !== null)).toEqual([true, true, true]);

    clock.advance(5_000);
    const stopping = scheduler.stop();
    release();
    await stopping;
    expect(sent).toEqual(["r1"]);
    expect(counted).toEqual(["notice:sent"]);
    expect(await storage.schedule.findReminder("r1")).toMatchObject({ status: "sent" });
    for (const id of ["r2", "r3"]) expect(await storage.schedule.findReminder(id)).toMatchObject({ status: "pending", claimToken: null, availableAt: clock.now() });
    // Another process's sweep can take them now.
    expect((await storage.schedule.claimDue(clock.now(), 10, 60_000, "other")).map((r) => r.id).sort()).toEqual(["r2", "r3"]);
  });

  it("with a deadline for the send in flight, releases the claims when it passes without waiting further", async () => {
    const { core, clock, storage } = await testCore();
    await storage.schedule.schedule([notice("r1", clock.now()), notice("r2", clock.now())]);
    let sending!: () => void;
    const inFlight = new Promise<void>((resolve) => (sending = resolve));
    const delivery: Delivery = { send: () => (sending(), new Promise(() => {})) };
    const scheduler = await startScheduler(core, delivery, silentLogger, { intervalMs: 3600_000 });
    await inFlight;
    await scheduler.stop(Promise.resolve("time-up"));
    const rows = await storage.schedule.reminders({});
    expect(rows.map((r) => [r.id, r.status, r.claimToken])).toEqual([
      ["r1", "pending", null],
      ["r2", "pending", null],
    ]);
  });
});
