import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LINK_ACTION } from "../../adapters/slack/render-blocks.ts";
import { startSlackBot } from "../support/slack-bot.ts";

// `/oversight dashboard` in Slack (issue 18 item 2): the link comes privately, on a button that
// opens it; pressing that button is acknowledged and does nothing else.

let bot: Awaited<ReturnType<typeof startSlackBot>>;
beforeAll(async () => {
  bot = await startSlackBot();
  bot.core.dashboard = { key: Buffer.from("s".repeat(32)), baseUrl: "https://oversight.example.gov.uk", minutes: 15 };
});
afterAll(() => bot.close_());

describe("dashboard in Slack", () => {
  it("answers a manager privately with a button that opens the link; the press is only acknowledged", async () => {
    const res = await bot.command("dashboard", "mo");
    expect(res.status).toBe(200);
    await bot.fake.quiet();
    // The answer is the command's own response: only the person who typed it sees it.
    expect(res.json).toMatchObject({ response_type: "ephemeral" });
    const blocks = JSON.stringify(res.json);
    expect(blocks).toContain(`"action_id":"${LINK_ACTION}"`);
    expect(blocks).toMatch(/"url":"https:\/\/oversight\.example\.gov\.uk\/dashboard\?t=[\w-]+\.[\w-]+"/);
    // Never in a channel: the link is a bearer token until it expires.
    expect(bot.fake.callsTo("chat.postMessage").filter((c) => String(c.args.channel).startsWith("C"))).toEqual([]);

    bot.fake.calls.length = 0;
    const audited = (await bot.storage.audit.list()).length;
    const press = await bot.interaction({
      type: "block_actions",
      user: bot.user("mo"),
      api_app_id: "A123456",
      token: "x",
      trigger_id: bot.trigger(),
      team: { id: "T0001", domain: "example" },
      channel: { id: "D0DM", name: "directmessage" },
      container: { type: "message", message_ts: "1700000000.000100", channel_id: "D0DM", is_ephemeral: false },
      message: { type: "message", user: "UBOT", ts: "1700000000.000100", text: "dashboard" },
      response_url: bot.fake.responseUrl("link"),
      actions: [{ action_id: LINK_ACTION, block_id: "b1", text: { type: "plain_text", text: "Open the dashboard" }, url: "https://oversight.example.gov.uk/dashboard?t=x.y", type: "button", action_ts: "1700000001.000100" }],
    });
    expect(press.status).toBe(200);
    await bot.fake.quiet();
    expect(bot.fake.calls).toEqual([]);
    expect((await bot.storage.audit.list()).length).toBe(audited);
  });
});
