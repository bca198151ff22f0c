// One reminder sweep in its own process, for the durability tests (tests/scheduler/durability.test.ts).
// Run: DATABASE_URL=file:/abs/bot.db SWEEP_NOW=2026-11-24T11:00:00Z SENT_FILE=/abs/sent.txt npx tsx tests/support/sweep-child.ts
//
// Environment:
//   DATABASE_URL   the database, SQLite or PostgreSQL (already seeded)
//   SWEEP_NOW      the fixed instant the sweep runs at (ISO)
//   SENT_FILE      every delivered reminder's id is appended to it as one line, synchronously,
//                  so a line once written survives the process being killed
//   SEND_DELAY_MS  how long each send takes before it is written (default 0)
//   SWEEP_BATCH    reminders claimed per round trip (default 50)
//   LEASE_MS       how long a claim lasts (default 600000)
//   START_FILE     optional: wait until this file exists before sweeping, so that several
//                  children can be started together; "ready" goes to stderr once storage is open
// Prints the sweep's tally as JSON on stdout and exits 0.
import { appendFileSync, existsSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { FixedClock } from "../../src/domain/clock.ts";
import type { Delivery } from "../../src/ports/delivery.ts";
import { loadPrompts } from "../../src/prompts/prompts.ts";
import { sweepReminders } from "../../src/scheduler/send-reminders.ts";
import { DEFAULT_SETTINGS, type Core } from "../../src/services/core.ts";
import { openStorage } from "../../src/storage/prisma/open-storage.ts";

function env(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === "") throw new Error(`sweep-child: ${name} is not set`);
  return value;
}

function count(name: string, fallback: number): number {
  const value = Number(env(name, String(fallback)));
  if (!Number.isInteger(value) || value < 0) throw new Error(`sweep-child: ${name} must be a whole number`);
  return value;
}

const sentFile = env("SENT_FILE");
const delayMs = count("SEND_DELAY_MS", 0);
const startFile = process.env.START_FILE;

const storage = await openStorage(env("DATABASE_URL"));
const core: Core = { storage, clock: new FixedClock(env("SWEEP_NOW")), newId: randomUUID, settings: DEFAULT_SETTINGS, prompts: loadPrompts() };

const delivery: Delivery = {
  async send(_to, _message, key) {
    if (delayMs > 0) await sleep(delayMs);
    appendFileSync(sentFile, `${key}\n`);
    return { status: "delivered" };
  },
};

process.stderr.write("ready\n");
if (startFile) while (!existsSync(startFile)) await sleep(5);

const tally = await sweepReminders(core, delivery, { batch: count("SWEEP_BATCH", 50), leaseMs: count("LEASE_MS", 600_000) });
await storage.close();
process.stdout.write(JSON.stringify(tally) + "\n");
process.exitCode = 0;
