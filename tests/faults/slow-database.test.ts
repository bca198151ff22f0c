// Fault: the database is slow. Every transaction the bot opens on its SQLite file takes 5 s
// longer (it holds the write lock while it waits, as a stalled disk would). Slack gives up on a
// request after 3 s and retries events. Through the real signed endpoint, to a fake Slack Web
// API on 127.0.0.1. Asserted: every request is acknowledged before any of the slowed database
// work it started has finished (an ordering, not a time), a retried event and a submission
// delivered twice each still make one note, and each person is answered once.
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Storage } from "../../src/ports/storage.ts";
import { COMPLETE_EXAMPLE } from "../support/fixtures.ts";
import { startSlackBot, type SlackResponse, type SlackViewArg } from "../support/slack-bot.ts";
import { sqlite } from "../support/stores.ts";

const DELAY_MS = 5_000;

/** The slowed transactions: how many are running, and when each finished (Date.now()). */
const db = { running: 0, finished: [] as number[] };

/** The storage with every transaction 5 s slower, holding its lock meanwhile. */
function slowed(storage: Storage): Storage {
  return {
    ...storage,
    transaction: async (work) => {
      db.running++;
      try {
        return await storage.transaction(async (tx) => {
          await sleep(DELAY_MS);
          return work(tx);
        });
      } finally {
        db.running--;
        db.finished.push(Date.now());
      }
    },
  };
}

let bot: Awaited<ReturnType<typeof startSlackBot>>;
beforeAll(async () => {
  bot = await startSlackBot({ store: sqlite, wrap: slowed });
  await settled();
  db.finished.length = 0;
});
afterAll(() => bot.close_());

/**
 * Waits for `effect` (what the test expects to see), then until no slowed transaction has
 * run for a second and Slack has heard nothing meanwhile: so a second effect would be seen.
 */
async function settled(effect: () => boolean | Promise<boolean> = () => true): Promise<void> {
  const until = Date.now() + 120_000;
  while (!(await effect())) {
    if (Date.now() > until) throw new Error("timed out waiting for the bot's work");
    await sleep(100);
  }
  for (;;) {
    await bot.fake.quiet(1_000);
    if (db.running === 0 && Date.now() - (db.finished.at(-1) ?? 0) >= 1_000) return;
    await sleep(100);
  }
}

const acks: { what: string; ms: number; finishedMeanwhile: number }[] = [];

/** Sends one request and notes how long its acknowledgement took, and whether any slowed work finished first. */
async function acked(what: string, send: () => Promise<SlackResponse>): Promise<SlackResponse> {
  const finishedBefore = db.finished.length;
  const started = performance.now();
  const response = await send();
  acks.push({ what, ms: Math.round(performance.now() - started), finishedMeanwhile: db.finished.length - finishedBefore });
  return response;
}

const MESSAGE = COMPLETE_EXAMPLE.replace(/^\/oversight /, "");

it("every Slack request is acknowledged before the slowed database work it started finishes; retries make one note, one modal, one reply", async () => {
  // A slash command: acknowledged; the modal opens once the slowed turn is done.
  const command = await acked("slash command", () => bot.command(MESSAGE.replace("4471-JB", "7201-SD")));
  expect(command.status).toBe(200);
  await settled(() => bot.fake.callsTo("views.open").length > 0);
  const opened = bot.fake.callsTo("views.open");
  expect(opened).toHaveLength(1);

  // The modal submitted, and the same submission delivered again while the first is still in the database.
  bot.fake.reset();
  const body = bot.submitBody(opened[0]!.args.view as SlackViewArg);
  const submits = await Promise.all([acked("view submission", () => bot.postForm(body)), acked("view submission, copy", () => bot.postForm(body))]);
  expect(submits.map((r) => r.status)).toEqual([200, 200]);
  await settled(() => bot.fake.callsTo("chat.postMessage").some((c) => c.args.channel === "U0MO"));
  expect((await bot.storage.notes.listByCase("7201-SD")).map((n) => n.status)).toEqual(["recorded"]);
  const toMo = bot.fake.callsTo("chat.postMessage").filter((c) => c.args.channel === "U0MO");
  expect(toMo).toHaveLength(1);

  // A direct message, and Slack's retries of it (it gave up waiting at 3 s).
  bot.fake.reset();
  const event = { type: "message", channel_type: "im", channel: "D0MO", user: "U0MO", text: "7202-SE discussed today 14:00. Issue: new referral.", ts: "1795443000.000200", event_ts: "1795443000.000200" };
  const first = await acked("direct message event", () => bot.event(event, "Ev0SLOWDB1"));
  const retries = [await acked("event retry 1", () => bot.event(event, "Ev0SLOWDB1", 1)), await acked("event retry 2", () => bot.event(event, "Ev0SLOWDB1", 2))];
  expect([first, ...retries].map((r) => r.status)).toEqual([200, 200, 200]);
  await settled(() => bot.fake.callsTo("chat.postMessage").some((c) => c.args.channel === "D0MO"));
  expect(await bot.storage.notes.listByCase("7202-SE")).toHaveLength(1);
  expect(bot.fake.callsTo("chat.postMessage").filter((c) => c.args.channel === "D0MO")).toHaveLength(1);

  const slowest = acks.reduce((a, b) => (b.ms > a.ms ? b : a));
  process.stdout.write(
    `[faults] database slowed by ${DELAY_MS} ms: ${acks.length} requests, slowest ack ${slowest.ms.toLocaleString("en-GB")} ms (${slowest.what}), ` +
      `${acks.filter((a) => a.finishedMeanwhile > 0).length} acks after slowed work finished, 1 note per event/submission, 1 modal, 1 reply each\n`,
  );
  // The ordering: no acknowledgement waited for the slowed database.
  expect(acks.filter((a) => a.finishedMeanwhile > 0)).toEqual([]);
});
