// Issue 15 item 3: several bot processes on one PostgreSQL. Real bot processes (as `npm start`
// runs them, on a clock standing still), a fake Slack on 127.0.0.1 counting what it is sent,
// a real SIGKILL. Nothing here waits a fixed time: every wait polls for what it waits for.
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { message } from "../../src/content/message.ts";
import type { NewReminder } from "../../src/domain/reminder.ts";
import { openStorage } from "../../src/storage/prisma/open-storage.ts";
import { FakeSlack, type SlackCall } from "../support/fake-slack.ts";
import { freshPostgresUrl, postgresTests } from "../support/postgres.ts";
import { BOT_TOKEN, SIGNING_SECRET, SLACK_IDS, slackTeam } from "../support/slack-bot.ts";
import { slackSignature } from "../support/fake-slack.ts";
import { ROOT, startBot, tempDir } from "../support/spawn.ts";

const ENTRY = path.join(ROOT, "tests/support/bot-at.ts");
const REMINDERS = 10_000;
// Tue 24 Nov 2026 11:00 GMT: London working hours, not a bank holiday.
const NOW = new Date("2026-11-24T11:00:00Z");
// After the default claim lease (10 minutes): a replica started then may send what a killed one had claimed.
const AFTER_LEASE = new Date(NOW.getTime() + 11 * 60_000);
const recipients = Object.keys(SLACK_IDS).map((handle) => `p-${handle}`);
const ids = Array.from({ length: REMINDERS }, (_, i) => `r${String(i).padStart(5, "0")}`);

/** 10,000 notices, due over the minute before NOW, spread over the team. */
function notices(): NewReminder[] {
  return ids.map((id, i) => {
    const dueAt = new Date(NOW.getTime() - 60_000 + (i % 60) * 1000);
    const to = recipients[i % recipients.length]!;
    return { id, key: `notice|replicas|${id}|${to}`, kind: "notice", deadlineId: null, aboutId: to, recipientId: to, dueAt, createdAt: dueAt, message: JSON.stringify(message(`Notice ${id}`)) };
  });
}

/** The reminder ids the fake Slack was sent, in order, one per chat.postMessage. */
const noticeIds = (calls: readonly SlackCall[]) => calls.map((c) => /Notice (r\d{5})/.exec(String(c.args.text))?.[1]).filter((id): id is string => id !== undefined);

async function query<Row>(url: string, sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Row[];
  } finally {
    await client.end();
  }
}

async function until(test: () => boolean | Promise<boolean>, what: string, timeoutMs = 300_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A counter's value from a replica's /metrics (0 when the series is not there yet). */
async function counter(base: string, series: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return text
    .split("\n")
    .filter((line) => line.startsWith(series))
    .reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
}

postgresTests("replicas on one PostgreSQL", () => {
  let fake: FakeSlack;
  const running: ReturnType<typeof startBot>[] = [];
  beforeAll(async () => {
    fake = await FakeSlack.start();
  });
  afterAll(async () => {
    for (const bot of running) bot.child.kill("SIGKILL");
    await Promise.all(running.map((bot) => bot.exited));
    await fake.close();
  });

  function replica(url: string, env: Record<string, string> = {}) {
    const bot = startBot(
      { PORT: "0", DATA_DIR: tempDir("replica-"), DATABASE_URL: url, BOT_NOW: NOW.toISOString(), CI: "true", SWEEP_SECONDS: "1", SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: fake.apiUrl, ...env },
      { entry: ENTRY },
    );
    running.push(bot);
    return bot;
  }

  it("three replicas send each of 10,000 due reminders once, one SIGKILLed mid-sweep loses none, and a SCHEDULER=off replica only serves", async () => {
    const url = await freshPostgresUrl();
    const storage = await openStorage(url);
    try {
      await storage.people.saveAll(slackTeam(), NOW);
      await storage.schedule.addReminders(notices());
    } finally {
      await storage.close();
    }
    fake.reset();

    const [killed, ...survivors] = [replica(url), replica(url), replica(url)];
    const httpOnly = replica(url, { SCHEDULER: "off" });
    const [killedBase, ...survivorBases] = await Promise.all([killed!.started, ...survivors.map((s) => s.started)]);
    const httpOnlyBase = await httpOnly.started;

    await until(() => fake.callsTo("chat.postMessage").length >= 2_000, "2,000 reminders sent");
    // The replica killed has sent some itself, and holds claims it will never settle.
    expect(await counter(killedBase!, "oversight_reminders_sent_total")).toBeGreaterThan(0);
    killed!.child.kill("SIGKILL");
    expect(await killed!.exited).toBeNull();

    // The two left send everything not claimed by the dead one; its claims wait for their lease to end.
    await until(async () => {
      const [row] = await query<{ unclaimed: string }>(url, `SELECT count(*) AS unclaimed FROM "Reminder" WHERE status = 'pending' AND "claimToken" IS NULL`);
      return Number(row!.unclaimed) === 0;
    }, "the survivors to send all they could");
    const [{ held }] = (await query<{ held: string }>(url, `SELECT count(*) AS held FROM "Reminder" WHERE status = 'pending'`)) as [{ held: string }];
    // A replica started after the lease takes the dead one's claims.
    const late = replica(url, { BOT_NOW: AFTER_LEASE.toISOString() });
    await late.started;
    await until(async () => {
      const [row] = await query<{ sent: string }>(url, `SELECT count(*) AS sent FROM "Reminder" WHERE status = 'sent'`);
      return Number(row!.sent) === REMINDERS;
    }, "every reminder marked sent");
    await fake.quiet(500);

    const sent = noticeIds(fake.callsTo("chat.postMessage"));
    expect(new Set(sent)).toEqual(new Set(ids)); // none lost
    // Sent twice at most: the one the killed replica had delivered and not yet marked sent.
    expect(sent.length - REMINDERS).toBeLessThanOrEqual(1);
    for (const base of survivorBases) expect(await counter(base!, "oversight_reminders_sent_total")).toBeGreaterThan(0);
    expect(Number(held)).toBeGreaterThan(0); // the dead replica did hold claims: the late one sent them
    // The HTTP-only replica served, and never swept.
    expect(await (await fetch(`${httpOnlyBase}/readyz`)).json()).toMatchObject({ ready: true, scheduler: { state: "off" } });
    expect(await counter(httpOnlyBase, "oversight_reminders_sent_total")).toBe(0);
    expect(httpOnly.logLines().map((l) => l.event)).not.toContain("scheduler.started");
  }, 600_000);

  it("a Slack event retried onto other replicas, and delivered to two at once, makes one note and one reply", async () => {
    const url = await freshPostgresUrl();
    const storage = await openStorage(url);
    try {
      await storage.people.saveAll(slackTeam(), NOW);
    } finally {
      await storage.close();
    }
    fake.reset();
    const bases = await Promise.all([replica(url, { SCHEDULER: "off" }), replica(url, { SCHEDULER: "off" }), replica(url)].map((b) => b.started));
    const event = { type: "message", channel_type: "im", channel: "D0MO", user: "U0MO", text: "9300-DM discussed today 10:30. Issue: new referral.", ts: "1795443000.000100", event_ts: "1795443000.000100" };
    const body = JSON.stringify({ token: "x", team_id: "T0001", api_app_id: "A123456", event, type: "event_callback", event_id: "Ev0REPLICA1", event_time: Math.floor(Date.now() / 1000), authorizations: [{ team_id: "T0001", user_id: "UBOT", is_bot: true }] });
    const deliver = (base: string, retry?: number) =>
      fetch(`${base}/slack/events`, {
        method: "POST",
        headers: { "content-type": "application/json", ...slackSignature(SIGNING_SECRET, body), ...(retry && { "x-slack-retry-num": String(retry), "x-slack-retry-reason": "http_timeout" }) },
        body,
      }).then((r) => r.status);
    // The first delivery and its first retry land on two replicas at once; the second retry on the third.
    expect(await Promise.all([deliver(bases[0]!), deliver(bases[1]!, 1)])).toEqual([200, 200]);
    expect(await deliver(bases[2]!, 2)).toBe(200);

    await until(async () => (await query(url, `SELECT 1 FROM "Note" WHERE "caseRef" = '9300-DM'`)).length > 0, "the note");
    await until(() => fake.callsTo("chat.postMessage").length > 0, "the reply");
    await fake.quiet(1000);
    expect(await query(url, `SELECT id FROM "Note" WHERE "caseRef" = '9300-DM'`)).toHaveLength(1);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(1);
  }, 300_000);
});
