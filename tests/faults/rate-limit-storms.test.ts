// Fault: the platforms rate limit hard. Slack's Web API answers chat.postMessage with 429s and
// Retry-After; Teams' connector does the same to the bot's proactive sends. Through the real
// adapters (Bolt's Web API client, botbuilder's connector client) to fake platforms on
// 127.0.0.1, on a SQLite file, swept as the scheduler sweeps. Asserted: every reminder is
// delivered exactly once (nothing lost, nothing doubled), none is given up on, and no request
// reaches the platform inside a Retry-After window it was given.
import { afterAll, describe, expect, it } from "vitest";
import { sweepReminders } from "../../src/scheduler/send-reminders.ts";
import { startSlackBot } from "../support/slack-bot.ts";
import { sqlite } from "../support/stores.ts";
import { startTeamsBot } from "../support/teams-bot.ts";
import { insideWindows, noticeId, notices, RunningClock, sweepUntilSent } from "./support/storm.ts";

// Tue 24 Nov 2026 11:00 London: working hours, so nothing waits for the morning.
const START = "2026-11-24T11:00:00Z";
const RECIPIENTS = ["p-lee", "p-mo", "p-sam", "p-priya"];
const RATE_LIMITED = { ok: false, error: "ratelimited" };
const OK = { ok: true, channel: "D0DM", ts: "1795443000.000100" };

const closing: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const close of closing) await close();
});

describe("a 429 storm", () => {
  it("from Slack's Web API: 150 reminders each delivered once, none given up, none sent inside Retry-After", async () => {
    const bot = await startSlackBot({ store: sqlite, now: START });
    closing.push(bot.close_);
    // The bot's own scheduler has made its first sweep: from here on only this test sweeps.
    await bot.settled();
    bot.core.clock = new RunningClock(START);
    const COUNT = 150;
    await bot.storage.schedule.addReminders(notices("s", COUNT, RECIPIENTS, new Date(START)));
    await bot.fake.quiet();
    bot.fake.reset();
    // The storm: 12 refusals in a row (more than the 10 attempts a failing reminder gets), then one in every 8.
    const storm = [...Array(12).fill("429"), ...Array.from({ length: 200 }, (_, i) => (i % 8 === 7 ? "429" : "ok"))];
    bot.fake.script("chat.postMessage", ...storm.map((kind) => (kind === "429" ? { status: 429, headers: { "retry-after": "1" }, body: RATE_LIMITED } : { body: OK })));

    const { tally, sweeps } = await sweepUntilSent(bot.core, () => sweepReminders(bot.core, bot.delivery));
    await bot.fake.quiet();

    const calls = bot.fake.callsTo("chat.postMessage").map((c) => ({ at: c.at, ok: c.answer?.ok === true, status: c.answer?.ok === true ? 200 : 429, retryAfterMs: 1000, id: noticeId(String(c.args.text)) }));
    const delivered = calls.filter((c) => c.ok).map((c) => c.id);
    const refused = calls.filter((c) => !c.ok).length;
    const inside = insideWindows(calls);
    const failed = await bot.storage.schedule.reminders({ status: "failed" });
    process.stdout.write(
      `[faults] Slack 429 storm: ${new Set(delivered).size}/${COUNT} reminders delivered, ${delivered.length - new Set(delivered).size} twice, ${refused} answered 429, ` +
        `${tally.throttled} held back without a request, ${inside} requests inside Retry-After, ${failed.length} given up, ${sweeps} sweeps\n`,
    );
    expect(refused).toBeGreaterThanOrEqual(12);
    expect(new Set(delivered).size).toBe(COUNT);
    expect(delivered).toHaveLength(COUNT);
    expect(inside).toBe(0);
    expect(failed).toEqual([]);
    // The sweep met the closed window and held reminders back rather than asking Slack.
    expect(tally.throttled).toBeGreaterThan(refused);
  });

  it("from the Teams connector: 100 reminders each delivered once, none given up, none sent inside Retry-After", async () => {
    const bot = await startTeamsBot({ store: sqlite, now: START });
    closing.push(bot.close);
    for (const handle of ["lee", "mo", "sam", "priya"]) await bot.install(handle);
    await bot.settled();
    bot.core.clock = new RunningClock(START);
    const COUNT = 100;
    await bot.storage.schedule.addReminders(notices("t", COUNT, RECIPIENTS, new Date(START)));
    bot.connector.calls.length = 0;
    // 12 429s in a row (the connector client itself tries a send 4 times, each after Retry-After), then one in every 8 sends.
    bot.connector.script("send", { status: 429, headers: { "retry-after": "1" }, body: { error: { code: "Throttled", message: "slow down" } } }, { times: 12 });
    let sends = 0;
    bot.connector.script("send", { status: 429, headers: { "retry-after": "1" }, body: { error: { code: "Throttled", message: "slow down" } } }, { times: 30, when: () => ++sends % 8 === 0 });

    const { tally, sweeps } = await sweepUntilSent(bot.core, () => sweepReminders(bot.core, bot.delivery));
    bot.connector.unscript();

    const calls = bot.connector.calls.filter((c) => c.kind === "send").map((c) => ({ at: c.at, status: c.status, retryAfterMs: 1000, id: noticeId(JSON.stringify(c.body)) }));
    const delivered = calls.filter((c) => c.status < 300).map((c) => c.id);
    const refused = calls.filter((c) => c.status === 429).length;
    const inside = insideWindows(calls);
    const failed = await bot.storage.schedule.reminders({ status: "failed" });
    process.stdout.write(
      `[faults] Teams 429 storm: ${new Set(delivered).size}/${COUNT} reminders delivered, ${delivered.length - new Set(delivered).size} twice, ${refused} answered 429, ` +
        `${tally.throttled} held back without a request, ${inside} requests inside Retry-After, ${failed.length} given up, ${sweeps} sweeps\n`,
    );
    expect(refused).toBeGreaterThanOrEqual(12);
    expect(new Set(delivered).size).toBe(COUNT);
    expect(delivered).toHaveLength(COUNT);
    expect(inside).toBe(0);
    expect(failed).toEqual([]);
  });
});
