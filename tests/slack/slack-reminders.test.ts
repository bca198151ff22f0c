import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sweepReminders } from "../../src/scheduler/send-reminders.ts";
import { plannedNote } from "../support/notes.ts";
import { buttonsOf, startSlackBot, typed, type Block, type SlackViewArg } from "../support/slack-bot.ts";

// Reminders from the scheduler arriving as Slack DMs with buttons, the buttons acting
// once, the home tab, and direct messages to the bot (with Slack's event retries).

let bot: Awaited<ReturnType<typeof startSlackBot>>;
beforeAll(async () => {
  bot = await startSlackBot({ now: "2026-11-23T14:30:00Z" });
});
afterAll(() => bot.close_());
beforeEach(async () => {
  await bot.fake.quiet();
  bot.fake.reset();
});


async function sweepAt(iso: string) {
  bot.clock.set(iso);
  return sweepReminders(bot.core, bot.delivery);
}

describe("reminders as direct messages", () => {
  it("arrive with the case reference, never a name, and buttons that settle them; each button acts once", async () => {
    bot.clock.set("2026-11-23T14:30:00Z");
    await plannedNote(bot.core, "r1", "recorded", "4471-JB");
    // 24 h before the on-case-record deadline (Wed 25 Nov 14:10): Tue 24 Nov 14:10, to Sam.
    const tally = await sweepAt("2026-11-24T14:15:00Z");
    expect(tally.sent).toBeGreaterThanOrEqual(1);
    const toSam = bot.fake.callsTo("chat.postMessage").filter((c) => c.args.channel === "U0SAM");
    const reminder = toSam.find((c) => String(c.args.text).includes("case record"))!;
    expect(reminder.args.text).toMatch(/4471-JB/);
    expect(String(reminder.args.text)).not.toMatch(/Sam Worker|bruising/);
    const buttons = buttonsOf(reminder.args.blocks as Block[]);
    expect(buttons.map((b) => b.action_id)).toEqual(["on-record#0", "snooze#1", "snooze#2", "snooze#3"]);
    expect(buttons[0]).toMatchObject({ value: "r1", style: "primary", text: { text: "Mark on case record" } });

    // Sam clicks "Mark on case record" twice.
    const first = await bot.button("on-record", "r1", "sam");
    const second = await bot.button("on-record", "r1", "sam");
    expect([first.status, second.status]).toEqual([200, 200]);
    await bot.fake.quiet();
    const replies = bot.fake.calls.filter((c) => c.method.startsWith("respond:")).map((c) => c.args);
    expect(replies.map((r) => r.text)).toEqual(["Note r1 is marked as on the child's case record.", "Note r1 was already marked as on the case record."]);
    expect(replies.every((r) => r.response_type === "ephemeral" && r.replace_original === false)).toBe(true);
    expect((await bot.storage.notes.findById("r1"))?.status).toBe("on-case-record");
    const marks = (await bot.storage.audit.list()).filter((e) => e.action === "note.on-case-record" && e.entityId === "r1");
    expect(marks).toHaveLength(1);
  });

  it("snooze acts once even when clicked twice", async () => {
    bot.clock.set("2026-11-23T14:30:00Z");
    await plannedNote(bot.core, "r2", "recorded", "5520-KT");
    await sweepAt("2026-11-24T14:15:00Z");
    const reminder = bot.fake.callsTo("chat.postMessage").find((c) => c.args.channel === "U0SAM" && String(c.args.text).includes("5520-KT"))!;
    const snooze = buttonsOf(reminder.args.blocks as Block[]).find((b) => b.action_id === "snooze#1")!;
    await bot.button("snooze", snooze.value, "sam", 1);
    await bot.button("snooze", snooze.value, "sam", 1);
    await bot.fake.quiet();
    const replies = bot.fake.calls.filter((c) => c.method.startsWith("respond:")).map((c) => String(c.args.text));
    expect(replies).toEqual(["I will remind you again at Tue 24 Nov 2026 15:15.", "Already snoozed: I will remind you at Tue 24 Nov 2026 15:15."]);
  });

  it("complete the note opens its form; mark done asks the outcome in a modal", async () => {
    bot.clock.set("2026-11-23T14:30:00Z");
    await plannedNote(bot.core, "r3", "draft", "6610-AB");
    await sweepAt("2026-11-24T14:15:00Z");
    const toMo = bot.fake.callsTo("chat.postMessage").find((c) => c.args.channel === "U0MO" && String(c.args.text).includes("6610-AB"))!;
    expect(buttonsOf(toMo.args.blocks as Block[])[0]).toMatchObject({ action_id: "finish#0", value: "r3" });
    await bot.button("finish", "r3", "mo");
    const [open] = await bot.fake.waitFor("views.open");
    const view = open!.args.view as SlackViewArg;
    expect(view.blocks.find((b) => b.block_id === "caseRef")!.element).toMatchObject({ initial_value: "6610-AB" });
    expect(JSON.parse((view as any).private_metadata).state.draftId).toBe("r3");

    // Recorded through that modal, its actions get due dates; "Mark done" asks what came of one.
    expect((await bot.submit(view, {}, "mo")).text).toBe("");
    const recorded = await bot.storage.notes.findById("r3");
    const actionId = recorded!.actions[0]!.id;
    await bot.fake.quiet();
    bot.fake.reset();
    await bot.button("done", actionId, "sam");
    const [asked] = await bot.fake.waitFor("views.open");
    const doneView = asked!.args.view as SlackViewArg;
    expect(doneView).toMatchObject({ callback_id: "action-done" });
    const outcomeBlock = String(doneView.blocks.find((b) => b.type === "input")!.block_id);
    const empty = await bot.submit(doneView, { [outcomeBlock]: typed("") }, "sam");
    expect(empty.json).toEqual({ response_action: "errors", errors: { [outcomeBlock]: expect.any(String) } });
    const done = await bot.submit(doneView, { [outcomeBlock]: typed("Visited, child seen alone") }, "sam");
    expect(done.text).toBe("");
    const [dm] = await bot.fake.waitFor("chat.postMessage");
    expect(dm!.args).toMatchObject({ channel: "U0SAM", text: 'Action "Visit" is done; its outcome will appear in the next note\'s review.' });
    expect((await bot.storage.notes.findById("r3"))!.actions[0]).toMatchObject({ status: "done", outcome: "Visited, child seen alone" });
  });
});

describe("the Slack delivery", () => {
  const sam = async () => (await bot.storage.people.findByHandle("sam"))!;
  const message = { text: "Reminder", blocks: [{ type: "text" as const, text: "Reminder" }] };

  it.each([
    ["429 with Retry-After", { status: 429, headers: { "retry-after": "7" }, body: { ok: false, error: "ratelimited" } }, { status: "retry", reason: "rate-limited", retryAfterMs: 7000, throttled: true }],
    ["an unknown user", { body: { ok: false, error: "user_not_found" } }, { status: "permanent", reason: "user_not_found" }],
    ["a deactivated account", { body: { ok: false, error: "account_inactive" } }, { status: "permanent", reason: "account_inactive" }],
    ["a server error", { status: 503, body: { ok: false } }, { status: "retry", reason: "http-503" }],
    ["an internal error", { body: { ok: false, error: "internal_error" } }, { status: "retry", reason: "internal_error" }],
  ])("%s: %j", async (_, answer, result) => {
    bot.fake.script("chat.postMessage", answer as never);
    expect(await bot.delivery.send(await sam(), message, "k1")).toEqual(result);
    // One attempt: the scheduler, not the client, decides when to try again.
    expect(bot.fake.callsTo("chat.postMessage")).toHaveLength(1);
    if (result.status === "retry" && "throttled" in result) {
      // Slack said to wait: nothing more is sent through the delivery until then, to anyone.
      bot.clock.set(new Date(bot.clock.now().getTime() + 6_999).toISOString());
      expect(await bot.delivery.send(await sam(), message, "k1")).toMatchObject({ status: "retry", retryAfterMs: 1, throttled: true });
      expect(bot.fake.callsTo("chat.postMessage")).toHaveLength(1);
      bot.clock.set(new Date(bot.clock.now().getTime() + 1).toISOString());
    }
  });

  it("sends to the person's Slack id, and refuses someone with no Slack account", async () => {
    expect(await bot.delivery.send(await sam(), message, "k2")).toEqual({ status: "delivered" });
    expect(bot.fake.callsTo("chat.postMessage")[0]!.args).toMatchObject({ channel: "U0SAM", text: "Reminder" });
    const noSlack = { ...(await sam()), identities: [{ platform: "console" as const, externalId: "sam" }] };
    expect(await bot.delivery.send(noSlack, message, "k3")).toEqual({ status: "permanent", reason: "no-slack-account" });
  });

  it("interactive calls wait for Retry-After on a 429, then go through", async () => {
    bot.fake.script("chat.postMessage", { status: 429, headers: { "retry-after": "1" }, body: { ok: false, error: "ratelimited" } });
    const res = await bot.event({ type: "message", channel_type: "im", channel: "D0MO", user: "U0MO", text: "help", ts: "1795443000.000100", event_ts: "1795443000.000100" }, "Ev429");
    expect(res.status).toBe(200);
    const calls = await bot.fake.waitFor("chat.postMessage", 2, 5000);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(calls[1]!.args).toMatchObject({ channel: "D0MO" });
  });
});

describe("the home tab", () => {
  let bot: Awaited<ReturnType<typeof startSlackBot>>;
  beforeAll(async () => {
    bot = await startSlackBot({ now: "2026-11-23T14:30:00Z" });
  });
  afterAll(() => bot.close_());

  it("lists my notes to finish, notes to put on the case record and my actions, with their deadlines and buttons", async () => {
    await plannedNote(bot.core, "h1", "draft", "7001-ZZ");
    await plannedNote(bot.core, "h2", "recorded", "7002-ZZ");
    const res = await bot.event({ type: "app_home_opened", user: "U0SAM", channel: "D0SAM", tab: "home", event_ts: "1795443000.000100" }, "EvHome1");
    expect(res.status).toBe(200);
    const [publish] = await bot.fake.waitFor("views.publish");
    expect(publish!.args.user_id).toBe("U0SAM");
    const view = publish!.args.view as { type: string; blocks: Block[] };
    expect(view.type).toBe("home");
    const texts = view.blocks.map((b) => b.text?.text).filter(Boolean);
    expect(texts).toContain("Notes to put on the case record (1)");
    expect(texts).toContain("7002-ZZ · note h2 · due Wed 25 Nov 2026 14:10");
    expect(texts).toContain("Visit · 7002-ZZ · action " + (await bot.storage.notes.findById("h2"))!.actions[0]!.id + " · due Tue 24 Nov 2026 17:00");
    // Sam records nothing: the draft waits on Mo.
    expect(texts).toContain("Notes to finish (0)");
    expect(buttonsOf(view.blocks).map((b) => `${b.action_id} ${b.value}`)).toEqual(["on-record#0 h2", `done#0 ${(await bot.storage.notes.findById("h2"))!.actions[0]!.id}`]);

    // Mo's home: the draft to finish, with its button.
    await bot.event({ type: "app_home_opened", user: "U0MO", channel: "D0MO", tab: "home", event_ts: "1795443000.000200" }, "EvHome2");
    const [, moHome] = await bot.fake.waitFor("views.publish", 2);
    const moBlocks = (moHome!.args.view as { blocks: Block[] }).blocks;
    expect(moBlocks.map((b) => b.text?.text)).toContain("7001-ZZ · note h1 · due Wed 25 Nov 2026 14:10");
    expect(buttonsOf(moBlocks)[0]).toMatchObject({ action_id: "finish#0", value: "h1" });
  });

  it("a button on the home tab answers by direct message and refreshes the tab", async () => {
    await bot.fake.quiet();
    bot.fake.reset();
    const res = await bot.interaction({
      type: "block_actions",
      user: bot.user("sam"),
      api_app_id: "A123456",
      token: "x",
      container: { type: "view", view_id: "VHOME" },
      trigger_id: bot.trigger(),
      team: { id: "T0001", domain: "example" },
      view: { id: "VHOME", type: "home", blocks: [], state: { values: {} }, hash: "h" },
      actions: [{ action_id: "on-record#0", block_id: "b1", text: { type: "plain_text", text: "Mark on case record" }, value: "h2", type: "button", action_ts: "1795443000.1" }],
    });
    expect(res.status).toBe(200);
    const [dm] = await bot.fake.waitFor("chat.postMessage");
    expect(dm!.args).toMatchObject({ channel: "U0SAM", text: "Note h2 is marked as on the child's case record." });
    const [publish] = await bot.fake.waitFor("views.publish");
    const texts = ((publish!.args.view as { blocks: Block[] }).blocks).map((b) => b.text?.text);
    expect(texts).toContain("Notes to put on the case record (0)");
  });
});

describe("direct messages to the bot", () => {
  it("answer commands in the DM, and a retried event (same event id) does nothing more", async () => {
    const event = { type: "message", channel_type: "im", channel: "D0MO", user: "U0MO", text: "9300-DM discussed today 14:00. Issue: new referral.", ts: "1795443000.000100", event_ts: "1795443000.000100" };
    const first = await bot.event(event, "Ev0PV52K25");
    const retry = await bot.event(event, "Ev0PV52K25", 1);
    expect([first.status, retry.status]).toEqual([200, 200]);
    await bot.fake.quiet(300);
    const replies = bot.fake.callsTo("chat.postMessage");
    expect(replies).toHaveLength(1);
    expect(replies[0]!.args.channel).toBe("D0MO");
    const drafts = await bot.storage.notes.listByCase("9300-DM");
    expect(drafts).toHaveLength(1);
    // A form cannot open from a message: a button opens the draft's form.
    expect(buttonsOf(replies[0]!.args.blocks as Block[])[0]).toMatchObject({ action_id: "finish#0", value: drafts[0]!.id, text: { text: "Open the form" } });
  });

  it("ignore the bot's own messages and other channels", async () => {
    await bot.event({ type: "message", channel_type: "im", channel: "D0MO", bot_id: "BBOT", user: "UBOT", text: "I am the bot", ts: "1795443000.000300" }, "EvBot1");
    await bot.event({ type: "message", channel_type: "channel", channel: "C0DUTY", user: "U0MO", text: "4471-JB decided nothing", ts: "1795443000.000400" }, "EvChan1");
    await bot.fake.quiet(200);
    expect(bot.fake.callsTo("chat.postMessage")).toEqual([]);
  });
});
