// Fault: the bot process is killed (SIGKILL, kill -9) in the middle of a reminder sweep, with a
// message in flight: Slack has received it, the bot has not heard back. The real bot process
// (as `npm start` runs it, on a clock standing still) on a SQLite file, sending to a fake Slack
// Web API on 127.0.0.1. Asserted: after a restart every reminder has been delivered, the one in
// flight at most once more (Slack's chat.postMessage has no idempotency key), none was lost, the
// database is intact and every row settled.
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { message } from "../../src/content/message.ts";
import type { NewReminder } from "../../src/domain/reminder.ts";
import { openStorage } from "../../src/storage/prisma/open-storage.ts";
import { FakeSlack } from "../support/fake-slack.ts";
import { BOT_TOKEN, SIGNING_SECRET, slackTeam } from "../support/slack-bot.ts";
import { ROOT, startBot, tempDir } from "../support/spawn.ts";

const ENTRY = path.join(ROOT, "tests/support/bot-at.ts");
const COUNT = 300;
const KILL_AT = 100;
// Tue 24 Nov 2026 11:00 London: working hours.
const NOW = new Date("2026-11-24T11:00:00Z");
// After the claim lease (10 minutes): the restarted bot may send what the killed one had claimed.
const AFTER_LEASE = new Date(NOW.getTime() + 11 * 60_000);
const RECIPIENTS = ["p-lee", "p-mo", "p-sam", "p-priya"];
const ids = Array.from({ length: COUNT }, (_, i) => `k${String(i).padStart(3, "0")}`);

const running: ReturnType<typeof startBot>[] = [];
let releaseHeld = () => {};
let fake: FakeSlack | undefined;
afterAll(async () => {
  releaseHeld();
  for (const bot of running) bot.child.kill("SIGKILL");
  await Promise.all(running.map((bot) => bot.exited));
  await fake?.close();
});

function notices(): NewReminder[] {
  return ids.map((id, i) => {
    const dueAt = new Date(NOW.getTime() - 60_000);
    const to = RECIPIENTS[i % RECIPIENTS.length]!;
    return { id, key: `notice|kill|${id}`, kind: "notice", deadlineId: null, aboutId: to, recipientId: to, dueAt, createdAt: dueAt, message: JSON.stringify(message(`Notice ${id}`)) };
  });
}

// This test's own notices: the bot also queues its own (the day's audit checkpoint for the auditor).
function query<Row>(file: string, sql: string): Row[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all() as Row[];
  } finally {
    db.close();
  }
}

async function until(test: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it(`a bot killed with SIGKILL mid-sweep, a message in flight: after a restart all ${COUNT} reminders delivered, at most the one in flight twice, the database intact`, async () => {
  fake = await FakeSlack.start();
  const dir = tempDir("kill-sweep-");
  const file = path.join(dir, "oversight.db");
  const url = `file:${file}`;
  const storage = await openStorage(url);
  try {
    await storage.people.saveAll(slackTeam(), NOW);
    await storage.schedule.addReminders(notices());
  } finally {
    await storage.close();
  }
  // Slack takes the first KILL_AT - 1 messages, receives the next and never answers while the bot lives.
  const held = new Promise<void>((resolve) => (releaseHeld = resolve));
  fake.script("chat.postMessage", ...Array.from({ length: KILL_AT - 1 }, () => ({ body: { ok: true, channel: "D0DM", ts: "1" } })), { body: { ok: true, channel: "D0DM", ts: "1" }, hold: held });
  const env = { PORT: "0", DATA_DIR: dir, DATABASE_URL: url, CI: "true", SWEEP_SECONDS: "1", SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: fake.apiUrl };

  const first = startBot({ ...env, BOT_NOW: NOW.toISOString() }, { entry: ENTRY });
  running.push(first);
  await first.started;
  await until(() => fake!.callsTo("chat.postMessage").length >= KILL_AT, `${KILL_AT} messages sent`);
  first.child.kill("SIGKILL");
  expect(await first.exited).toBeNull();
  releaseHeld();
  const atKill = Object.fromEntries(query<{ status: string; n: number }>(file, "SELECT status, count(*) AS n FROM Reminder WHERE key LIKE 'notice|kill|%' GROUP BY status").map((r) => [r.status, r.n]));
  const claimedAtKill = query<{ n: number }>(file, "SELECT count(*) AS n FROM Reminder WHERE key LIKE 'notice|kill|%' AND status = 'pending' AND claimToken IS NOT NULL")[0]!.n;

  const second = startBot({ ...env, BOT_NOW: AFTER_LEASE.toISOString() }, { entry: ENTRY });
  running.push(second);
  await second.started;
  await until(() => query<{ n: number }>(file, "SELECT count(*) AS n FROM Reminder WHERE key LIKE 'notice|kill|%' AND status = 'sent'")[0]!.n === COUNT, "every reminder marked sent");
  await fake.quiet(500);
  second.child.kill("SIGTERM");
  expect(await second.exited).toBe(0);

  const sent = fake.callsTo("chat.postMessage").map((c) => /Notice (k\d{3})/.exec(String(c.args.text))?.[1]).filter((id): id is string => id !== undefined);
  const resent = sent.length - new Set(sent).size;
  const integrity = query<{ integrity_check: string }>(file, "PRAGMA integrity_check").map((r) => r.integrity_check);
  const unsettled = query<{ n: number }>(file, "SELECT count(*) AS n FROM Reminder WHERE key LIKE 'notice|kill|%' AND (status = 'pending' OR claimToken IS NOT NULL)")[0]!.n;
  process.stdout.write(
    `[faults] SIGKILL mid-sweep (message ${KILL_AT} in flight): at the kill ${atKill.sent ?? 0} marked sent, ${claimedAtKill} claimed and unsettled; ` +
      `after restart ${new Set(sent).size}/${COUNT} delivered, ${resent} resent, ${unsettled} unsettled, integrity_check ${integrity.join()}\n`,
  );
  expect(claimedAtKill).toBeGreaterThan(0);
  expect(new Set(sent)).toEqual(new Set(ids));
  expect(resent).toBeLessThanOrEqual(1);
  expect(unsettled).toBe(0);
  expect(integrity).toEqual(["ok"]);
}, 300_000);
