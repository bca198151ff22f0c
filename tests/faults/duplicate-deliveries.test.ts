// Fault: the platform delivers the same request over and over. Slack retries events and the
// network duplicates requests; here each of a slash command, a modal submission and a direct
// message event is posted 1,000 times (100 at a time), every copy signed afresh, through the real
// endpoint, on a SQLite file, with a fake Slack Web API on 127.0.0.1. Asserted: every copy is
// acknowledged, and each request has one effect: one draft and one modal, one recorded note and
// one message to its author, one note from the message and one reply.
import { afterAll, beforeAll, expect, it } from "vitest";
import { COMPLETE_EXAMPLE } from "../support/fixtures.ts";
import { startSlackBot, type SlackResponse, type SlackViewArg } from "../support/slack-bot.ts";
import { sqlite } from "../support/stores.ts";

const COPIES = 1_000;
const AT_ONCE = 100;
const MESSAGE = COMPLETE_EXAMPLE.replace(/^\/oversight /, "");

let bot: Awaited<ReturnType<typeof startSlackBot>>;
beforeAll(async () => {
  bot = await startSlackBot({ store: sqlite });
  await bot.settled();
});
afterAll(() => bot.close_());

/** Posts `send` COPIES times, AT_ONCE in flight; the statuses, counted. */
async function copies(send: () => Promise<SlackResponse>): Promise<Record<number, number>> {
  const statuses: Record<number, number> = {};
  for (let sent = 0; sent < COPIES; sent += AT_ONCE) {
    for (const response of await Promise.all(Array.from({ length: AT_ONCE }, send))) statuses[response.status] = (statuses[response.status] ?? 0) + 1;
  }
  return statuses;
}

/** Waits for `what` to be seen, then for the bot's work after the acks to finish. */
async function settle(what: () => boolean): Promise<void> {
  const until = Date.now() + 120_000;
  while (!what()) {
    if (Date.now() > until) throw new Error("timed out waiting for the bot");
    await new Promise((r) => setTimeout(r, 50));
  }
  await bot.settled();
  await bot.fake.quiet(500);
}

it(`a slash command, a submission and a direct message, each delivered ${COPIES.toLocaleString("en-GB")} times: one draft and one modal, one note and one message, one note and one reply`, async () => {
  const started = performance.now();
  const command = bot.commandBody(MESSAGE.replace("4471-JB", "7301-DU"));
  expect(await copies(() => bot.postForm(command))).toEqual({ 200: COPIES });
  await settle(() => bot.fake.callsTo("views.open").length > 0);
  const modals = bot.fake.callsTo("views.open");
  const drafts = await bot.storage.notes.listByCase("7301-DU");

  bot.fake.reset();
  const submission = bot.submitBody(modals[0]!.args.view as SlackViewArg);
  expect(await copies(() => bot.postForm(submission))).toEqual({ 200: COPIES });
  await settle(() => bot.fake.callsTo("chat.postMessage").some((c) => c.args.channel === "U0MO"));
  const recorded = await bot.storage.notes.listByCase("7301-DU");
  const toAuthor = bot.fake.callsTo("chat.postMessage").filter((c) => c.args.channel === "U0MO");
  const recordAudits = (await bot.storage.audit.list()).filter((e) => e.action === "note.record");

  bot.fake.reset();
  const event = { type: "message", channel_type: "im", channel: "D0MO", user: "U0MO", text: "7302-DV discussed today 14:00. Issue: new referral.", ts: "1795443000.000300", event_ts: "1795443000.000300" };
  let retry = 0;
  expect(await copies(() => bot.event(event, "Ev0DUPLICATE", retry++ % 4))).toEqual({ 200: COPIES });
  await settle(() => bot.fake.callsTo("chat.postMessage").length > 0);
  const fromMessage = await bot.storage.notes.listByCase("7302-DV");
  const replies = bot.fake.callsTo("chat.postMessage");

  process.stdout.write(
    `[faults] ${COPIES.toLocaleString("en-GB")} duplicate deliveries each (${AT_ONCE} at a time, ${Math.round(performance.now() - started).toLocaleString("en-GB")} ms in all): ` +
      `command -> ${drafts.length} draft, ${modals.length} modal; submission -> ${recorded.length} note (${recorded.map((n) => n.status).join()}), ${toAuthor.length} message, ${recordAudits.length} audit entry; ` +
      `direct message -> ${fromMessage.length} note, ${replies.length} reply\n`,
  );
  expect(drafts).toHaveLength(1);
  expect(modals).toHaveLength(1);
  expect(recorded.map((n) => n.status)).toEqual(["recorded"]);
  expect(toAuthor).toHaveLength(1);
  expect(recordAudits).toHaveLength(1);
  expect(fromMessage).toHaveLength(1);
  expect(replies).toHaveLength(1);
});
