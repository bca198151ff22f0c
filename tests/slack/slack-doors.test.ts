import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { slackSignature } from "../support/fake-slack.ts";
import { rawRequest } from "../support/raw-http.ts";
import { SIGNING_SECRET, startSlackBot } from "../support/slack-bot.ts";
import { writeCounts } from "../support/storage-writes.ts";

// Before Bolt: a request signed within five minutes either way (Bolt refuses only stale
// ones), a body no larger than Slack sends, and a payload the bot can read. Each refusal is
// one log line naming a reason, never what was sent.

let bot: Awaited<ReturnType<typeof startSlackBot>>;
beforeAll(async () => {
  bot = await startSlackBot();
});
afterAll(async () => {
  await bot.close_();
});
beforeEach(() => bot.fake.reset());

const FORM = "application/x-www-form-urlencoded";
const now = () => Math.floor(Date.now() / 1000);
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const payload = (value: unknown) => form({ payload: JSON.stringify(value) });

/** Posts a body that must be refused: its status and its one log line; nothing written, nothing sent to Slack. */
async function refused(body: string, contentType: string, secret: string, headers: Record<string, string> = {}) {
  const before = await writeCounts(bot.storage);
  const lines = bot.log.length;
  const res = await bot.post(body, contentType, headers);
  await bot.fake.quiet(100);
  expect(await writeCounts(bot.storage)).toEqual(before);
  expect(bot.fake.calls.filter((c) => c.method !== "auth.test")).toEqual([]);
  const logged = bot.log.slice(lines);
  expect(logged).toHaveLength(1);
  expect(logged[0]).not.toContain(secret);
  return { status: res.status, line: JSON.parse(logged[0]!) as Record<string, unknown> };
}

describe("the request's timestamp", () => {
  it.each([
    ["301 s in the future", 301],
    ["a year in the future", 365 * 86400],
    ["six minutes old", -360],
  ])("%s, signed: 401, and nothing done", async (_, skew) => {
    const body = bot.commandBody("list");
    const { status, line } = await refused(body, FORM, "list", slackSignature(SIGNING_SECRET, body, now() + skew));
    expect(status).toBe(401);
    expect(line).toMatchObject({ event: "slack.refused", reason: skew > 0 ? "timestamp-future" : "timestamp-stale", status: 401 });
  });

  it("a clock a little ahead (200 s) is Slack's too: acted on", async () => {
    const body = bot.commandBody("help");
    const res = await bot.post(body, FORM, slackSignature(SIGNING_SECRET, body, now() + 200));
    expect(res.status).toBe(200);
  });

  it("a wrong signature, or none: 401", async () => {
    const body = bot.commandBody("list");
    expect((await refused(body, FORM, "list", { "x-slack-signature": "v0=" + "0".repeat(64) })).line).toMatchObject({ reason: "signature" });
    const unsigned = await rawRequest(bot.url, { path: "/slack/events", headers: { "content-type": FORM }, chunks: [body] });
    expect(unsigned.status).toBe(401);
  });
});

describe("a payload's shape", () => {
  const user = { id: "U0MO", team_id: "T0001" };
  it.each([
    ["an event that is a string", JSON.stringify({ type: "event_callback", event_id: "Ev1", team_id: "T0001", event: "x" }), "application/json"],
    ["an event without its id", JSON.stringify({ type: "event_callback", team_id: "T0001", event: { type: "message", channel_type: "im", user: "U0MO", text: "secret-words", channel: "D1" } }), "application/json"],
    ["a submission with user null", payload({ type: "view_submission", user: null, team: { id: "T0001" }, view: { id: "V1", callback_id: "note", blocks: [], state: { values: {} } } }), FORM],
    ["a submission with no state", payload({ type: "view_submission", user, view: { id: "V1", callback_id: "secret-callback", blocks: [] } }), FORM],
    ["a button press with actions null", payload({ type: "block_actions", user, team: { id: "T0001" }, trigger_id: "t1", actions: null }), FORM],
    ["a button press whose action is null", payload({ type: "block_actions", user, trigger_id: "t1", actions: [null] }), FORM],
    ["a button press that also names a command", payload({ type: "block_actions", user, trigger_id: "t1", command: "/oversight", actions: [{ type: "button", action_id: "done#0", value: "t1" }] }), FORM],
    ["a date picked out of any calendar", payload({ type: "view_submission", user, view: { id: "V1", callback_id: "note", blocks: [], state: { values: { when: { value: { type: "datetimepicker", selected_date_time: 1e300 } } } } } }), FORM],
    ["the command repeated", "COMMAND-TWICE", FORM],
    ["not JSON", "{secret-words", "application/json"],
    ["JSON that is not an object", JSON.stringify(["secret-words"]), "application/json"],
  ])("%s: 400, nothing done", async (_, body, contentType) => {
    // A field given twice arrives as a list (the slash command's body is built once the bot runs).
    const sent = body === "COMMAND-TWICE" ? `${bot.commandBody("secret-words")}&command=%2Foversight` : body;
    const { status, line } = await refused(sent, contentType, "secret");
    expect(status).toBe(400);
    expect(line).toMatchObject({ event: "slack.refused", status: 400 });
  });

  it("a kind the bot does not handle (a reaction, another command, a global shortcut): 200, nothing done", async () => {
    const before = await writeCounts(bot.storage);
    const bodies: [string, string][] = [
      [JSON.stringify({ type: "event_callback", event_id: "Ev2", team_id: "T0001", event: { type: "reaction_added", user: "U0MO", item: { type: "message", channel: "C1", ts: "1.2" } } }), "application/json"],
      [form({ command: "/other", text: "list", user_id: "U0MO", trigger_id: "t9", team_id: "T0001" }), FORM],
      [payload({ type: "shortcut", callback_id: "other", user, trigger_id: "t8", team: { id: "T0001" } }), FORM],
      [JSON.stringify({ type: "app_rate_limited", team_id: "T0001", minute_rate_limited: 1 }), "application/json"],
    ];
    for (const [body, type] of bodies) expect((await bot.post(body, type)).status).toBe(200);
    await bot.fake.quiet(100);
    expect(bot.fake.calls.filter((c) => c.method !== "auth.test")).toEqual([]);
    expect(await writeCounts(bot.storage)).toEqual(before);
  });

  it("URL verification still answers its challenge", async () => {
    const res = await bot.post(JSON.stringify({ token: "x", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type: "url_verification" }), "application/json");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
  });

  it("a body larger than Slack sends: 413, declared or not", async () => {
    const declared = await rawRequest(bot.url, { path: "/slack/events", headers: { "content-type": "application/json", "content-length": String(3 * 1024 * 1024) }, chunks: ["{"] });
    expect(declared.status).toBe(413);
    const lines = bot.log.length;
    const chunked = await rawRequest(bot.url, { path: "/slack/events", headers: { "content-type": "application/json" }, chunks: ['{"type":"event_callback","x":"', "x".repeat(2 * 1024 * 1024), '"}'] });
    expect(chunked.status).toBe(413);
    expect(bot.log.slice(lines).map((l) => JSON.parse(l))).toEqual([{ event: "slack.refused", reason: "body-size", status: 413 }]);
  });
});
