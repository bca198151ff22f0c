// Issue 15 item 5: graceful shutdown on SIGTERM. A real bot process (SQLite and PostgreSQL)
// sending reminders through a fake Slack that holds its answer for as long as the test says:
// the send in flight finishes, the rest of the batch is released for another replica, /readyz
// turns 503, and the process exits 0; when SHUTDOWN_SECONDS runs out first, it exits 1 with
// the claims released all the same.
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { message } from "../../src/content/message.ts";
import type { NewReminder } from "../../src/domain/reminder.ts";
import { openStorage } from "../../src/storage/prisma/open-storage.ts";
import { FakeSlack } from "../support/fake-slack.ts";
import { BOT_TOKEN, SIGNING_SECRET, slackTeam } from "../support/slack-bot.ts";
import { ROOT, startBot, tempDir } from "../support/spawn.ts";
import { describeEachStore } from "../support/stores.ts";

const ENTRY = path.join(ROOT, "tests/support/bot-at.ts");
// Tue 24 Nov 2026 11:00 GMT: London working hours, not a bank holiday.
const NOW = new Date("2026-11-24T11:00:00Z");
const DUE = new Date(NOW.getTime() - 60_000);

const notice = (id: string): NewReminder => ({ id, key: `notice|e|${id}|p-sam`, kind: "notice", deadlineId: null, aboutId: "p-sam", recipientId: "p-sam", dueAt: DUE, createdAt: DUE, message: JSON.stringify(message("Recorded.")) });

/** A database with the team (on Slack) and three notices for sam, due a minute ago. */
async function seeded(url: string): Promise<void> {
  const storage = await openStorage(url);
  try {
    await storage.people.saveAll(slackTeam(), DUE);
    await storage.schedule.schedule(["r1", "r2", "r3"].map(notice));
  } finally {
    await storage.close();
  }
}

async function reminders(url: string) {
  const storage = await openStorage(url);
  try {
    return (await storage.schedule.reminders({})).map((r) => ({ id: r.id, status: r.status, claimed: r.claimToken !== null }));
  } finally {
    await storage.close();
  }
}

/** Polls until `test` holds: nothing here waits a fixed time. */
async function until(test: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describeEachStore("graceful shutdown", (store) => {
  let fake: FakeSlack;
  let releaseSlack!: () => void;
  const running: ReturnType<typeof startBot>[] = [];
  beforeAll(async () => {
    fake = await FakeSlack.start();
  });
  afterAll(async () => {
    releaseSlack?.();
    for (const bot of running) bot.child.kill("SIGKILL");
    await fake.close();
  });

  /** The bot on a seeded database, its first chat.postMessage held until `releaseSlack()`. */
  async function start(env: Record<string, string> = {}) {
    const url = await store.fresh();
    await seeded(url);
    fake.reset();
    fake.script("chat.postMessage", { body: { ok: true, channel: "D0DM", ts: "1.0" }, hold: new Promise<void>((resolve) => (releaseSlack = resolve)) });
    const bot = startBot({ PORT: "0", DATA_DIR: tempDir("bot-shutdown-"), DATABASE_URL: url, BOT_NOW: NOW.toISOString(), CI: "true", SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: fake.apiUrl, ...env }, { entry: ENTRY });
    running.push(bot);
    const base = await bot.started;
    const events = () => bot.logLines().map((l) => l.event);
    return { url, bot, base, events };
  }

  it("finishes the send in flight, releases the rest, answers /readyz 503 meanwhile, and exits 0", async () => {
    const { url, bot, base, events } = await start({ SHUTDOWN_SECONDS: "120" });
    // The first sweep has claimed all three and is sending r1, which Slack holds.
    await fake.waitFor("chat.postMessage", 1, 60_000);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, database: "reachable", migrations: { current: true }, scheduler: { state: "alive" } });
    expect(await reminders(url)).toEqual([
      { id: "r1", status: "pending", claimed: true },
      { id: "r2", status: "pending", claimed: true },
      { id: "r3", status: "pending", claimed: true },
    ]);

    bot.child.kill("SIGTERM");
    await until(() => events().includes("shutdown.started"), "shutdown.started");
    // Not taking requests any more: a new connection is refused (or answered 503), never served.
    const during = await fetch(`${base}/readyz`).then((r) => r.status, () => "refused");
    expect([503, "refused"]).toContain(during);

    releaseSlack();
    expect(await bot.exited).toBe(0);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(1);
    expect(await reminders(url)).toEqual([
      { id: "r1", status: "sent", claimed: false },
      { id: "r2", status: "pending", claimed: false },
      { id: "r3", status: "pending", claimed: false },
    ]);
    const log = bot.logLines();
    expect(log.find((l) => l.event === "scheduler.stopped")).toMatchObject({ released: 2 });
    expect(log.find((l) => l.event === "shutdown.finished")).toMatchObject({ clean: true });
    // One JSON object per line on stdout; nothing on stderr.
    expect(bot.stdout().trim().split("\n").every((line) => line.startsWith("{") && line.endsWith("}"))).toBe(true);
    expect(bot.stderr()).toBe("");
  }, 120_000);

  it("exits 1 when SHUTDOWN_SECONDS runs out first, with every claim released", async () => {
    const { url, bot, events } = await start({ SHUTDOWN_SECONDS: "1" });
    await fake.waitFor("chat.postMessage", 1, 60_000);
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(1);
    expect(events()).toContain("shutdown.time-up");
    releaseSlack();
    expect(await reminders(url)).toEqual([
      { id: "r1", status: "pending", claimed: false },
      { id: "r2", status: "pending", claimed: false },
      { id: "r3", status: "pending", claimed: false },
    ]);
  }, 120_000);
});
