import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { slackSignature } from "../support/fake-slack.ts";
import { buttonsOf, SIGNING_SECRET, startSlackBot, type Block } from "../support/slack-bot.ts";

// "@Oversight bot …" in a channel, through the real signed endpoint, works as in Teams: a
// command, or a decision that names a case, answered only to whoever mentioned the bot
// (ephemeral in that channel, else by direct message). Nothing about a case goes to the channel.

let bot: Awaited<ReturnType<typeof startSlackBot>>;
beforeAll(async () => {
  bot = await startSlackBot({ now: "2026-11-23T14:30:00Z" });
});
afterAll(() => bot.close_());
beforeEach(async () => {
  await bot.fake.quiet();
  bot.fake.reset();
});


const CHANNEL = "C0DUTY";
let stamps = 0;
/** An app_mention event as Slack documents it, in the duty team's channel, by mo. */
const mention = (text: string, more: Record<string, unknown> = {}) => {
  const ts = `1795443${String(++stamps).padStart(3, "0")}.000100`;
  return { type: "app_mention", user: "U0MO", text, ts, channel: CHANNEL, event_ts: ts, ...more };
};
/** Every call that reached the fake Web API, but for Bolt's own auth.test. */
const sent = () => bot.fake.calls.filter((c) => c.method !== "auth.test");
/** What everyone in a channel could see: chat.postMessage to a channel (not a user or a DM). */
const publicPosts = () => bot.fake.callsTo("chat.postMessage").filter((c) => !/^[UWD]/.test(String(c.args.channel)));

describe("an @mention of the bot in a channel", () => {
  it("with help: answered only to whoever mentioned it, in that channel; nothing posted to the channel", async () => {
    const res = await bot.event(mention("<@UBOT> help"), "EvMentionHelp");
    expect(res.status).toBe(200);
    const [ephemeral] = await bot.fake.waitFor("chat.postEphemeral");
    expect(ephemeral!.args).toMatchObject({ channel: CHANNEL, user: "U0MO" });
    expect(String(ephemeral!.args.text)).toMatch(/^Oversight bot turns a decision made in chat into a Management Oversight note/);
    await bot.fake.quiet();
    expect(bot.fake.callsTo("chat.postMessage")).toEqual([]);
    expect(bot.fake.callsTo("chat.postEphemeral")).toHaveLength(1);
  });

  it("with a command that reads the database (mine), after its mention and a colon: answered privately", async () => {
    await bot.event(mention("<@UBOT>: mine"), "EvMentionMine");
    const [ephemeral] = await bot.fake.waitFor("chat.postEphemeral");
    expect(ephemeral!.args).toMatchObject({ channel: CHANNEL, user: "U0MO" });
    // Mo's own page, not the hint for chatter.
    expect(String(ephemeral!.args.text)).not.toMatch(/^To record a decision/);
    await bot.fake.quiet();
    expect(publicPosts()).toEqual([]);
  });

  it("with a decision naming a case: a draft, offered privately with a button to open its form; no case content in any public post", async () => {
    const res = await bot.event(mention("<@UBOT> decided 5521-KT: <@U0SAM> to arrange strategy meeting by Monday"), "EvMentionDecision");
    expect(res.status).toBe(200);
    const [offer] = await bot.fake.waitFor("chat.postEphemeral");
    expect(offer!.args).toMatchObject({ channel: CHANNEL, user: "U0MO" });
    const drafts = await bot.storage.notes.listByCase("5521-KT");
    expect(drafts.map((n) => n.status)).toEqual(["draft"]);
    // The other person mentioned takes part; the bot itself does not.
    expect([...drafts[0]!.fields.participantIds].sort()).toEqual(["p-mo", "p-sam"]);
    expect(buttonsOf(offer!.args.blocks as Block[])).toEqual([expect.objectContaining({ action_id: "finish#0", value: drafts[0]!.id, text: expect.objectContaining({ text: "Open the form" }) })]);
    await bot.fake.quiet();
    expect(publicPosts()).toEqual([]);
    const seenByAll = sent().filter((c) => c.method !== "chat.postEphemeral" && !(c.method === "chat.postMessage" && /^[UWD]/.test(String(c.args.channel))));
    expect(JSON.stringify(seenByAll.map((c) => c.args))).not.toMatch(/5521-KT|strategy meeting/);
  });

  it("in a thread: answered privately in that thread", async () => {
    await bot.event(mention("<@UBOT> help", { thread_ts: "1795440000.000100" }), "EvMentionThread");
    const [ephemeral] = await bot.fake.waitFor("chat.postEphemeral");
    expect(ephemeral!.args).toMatchObject({ channel: CHANNEL, user: "U0MO", thread_ts: "1795440000.000100" });
  });

  it("where Slack refuses the private message (the bot not in the channel): answered by direct message instead", async () => {
    bot.fake.script("chat.postEphemeral", { body: { ok: false, error: "not_in_channel" } });
    await bot.event(mention("<@UBOT> decided 5522-KT: visit on Friday"), "EvMentionFallback");
    const [dm] = await bot.fake.waitFor("chat.postMessage");
    expect(dm!.args.channel).toBe("U0MO");
    const drafts = await bot.storage.notes.listByCase("5522-KT");
    expect(buttonsOf(dm!.args.blocks as Block[])[0]).toMatchObject({ action_id: "finish#0", value: drafts[0]!.id });
    await bot.fake.quiet();
    expect(bot.fake.callsTo("chat.postEphemeral")).toHaveLength(1);
    expect(publicPosts()).toEqual([]);
    expect(bot.log.some((line) => line.includes("slack.ephemeral-failed") && line.includes("not_in_channel"))).toBe(true);
  });

  it("retried by Slack (the same event id): one draft, one answer", async () => {
    const event = mention("<@UBOT> decided 5523-KT: no further action");
    const first = await bot.event(event, "EvMentionRetry");
    const retry = await bot.event(event, "EvMentionRetry", 1);
    expect([first.status, retry.status]).toEqual([200, 200]);
    await bot.fake.waitFor("chat.postEphemeral");
    await bot.fake.quiet(300);
    expect(bot.fake.callsTo("chat.postEphemeral")).toHaveLength(1);
    expect((await bot.storage.notes.listByCase("5523-KT")).length).toBe(1);
  });

  it("by the bot itself or another bot: ignored", async () => {
    await bot.event(mention("<@UBOT> help", { user: "UBOT" }), "EvMentionSelf");
    await bot.event(mention("<@UBOT> decided 5524-KT: close", { bot_id: "B0OTHER", user: "U0OTHERBOT" }), "EvMentionBot");
    await bot.fake.quiet(200);
    expect(sent()).toEqual([]);
    expect(await bot.storage.notes.listByCase("5524-KT")).toEqual([]);
  });
});

describe("a direct message that mentions the bot", () => {
  it("is answered once, in the DM, though Slack also sends it as a mention", async () => {
    const ts = "1795443900.000100";
    const dm = { type: "message", channel_type: "im", channel: "D0MO", user: "U0MO", text: "<@UBOT> decided 5525-KT: visit tomorrow", ts, event_ts: ts };
    await bot.event(dm, "EvDmWithMention");
    await bot.event({ type: "app_mention", user: "U0MO", text: dm.text, ts, channel: "D0MO", event_ts: ts }, "EvDmMention");
    await bot.fake.waitFor("chat.postMessage");
    await bot.fake.quiet(300);
    const replies = bot.fake.callsTo("chat.postMessage");
    expect(replies.map((c) => c.args.channel)).toEqual(["D0MO"]);
    expect(bot.fake.callsTo("chat.postEphemeral")).toEqual([]);
    const drafts = await bot.storage.notes.listByCase("5525-KT");
    expect(drafts).toHaveLength(1);
    expect(buttonsOf(replies[0]!.args.blocks as Block[])[0]).toMatchObject({ action_id: "finish#0", value: drafts[0]!.id });
  });

  it("reads the words after the mention: help is help, not the hint for chatter", async () => {
    await bot.event({ type: "message", channel_type: "im", channel: "D0MO", user: "U0MO", text: "<@UBOT> help", ts: "1795443901.000100" }, "EvDmHelp");
    const [reply] = await bot.fake.waitFor("chat.postMessage");
    expect(String(reply!.args.text)).toMatch(/^Oversight bot turns a decision made in chat into a Management Oversight note/);
  });
});

describe("a mention Slack did not sign", () => {
  it.each([
    ["a wrong signature", () => ({ "x-slack-signature": "v0=" + "0".repeat(64) })],
    ["a timestamp six minutes old", (body: string) => slackSignature(SIGNING_SECRET, body, Math.floor(Date.now() / 1000) - 360)],
    ["no signature at all", () => ({ "x-slack-signature": "", "x-slack-request-timestamp": "" })],
  ])("%s: 401, and nothing happens", async (_, headers) => {
    const event = mention("<@UBOT> decided 5526-KT: visit tomorrow");
    const body = JSON.stringify({ token: "x", team_id: "T0001", api_app_id: "A123456", event, type: "event_callback", event_id: `EvUnsigned${stamps}`, event_time: Math.floor(Date.now() / 1000), authorizations: [{ team_id: "T0001", user_id: "UBOT", is_bot: true }] });
    const res = await bot.post(body, "application/json", headers(body));
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(sent()).toEqual([]);
    expect(await bot.storage.notes.listByCase("5526-KT")).toEqual([]);
  });
});
