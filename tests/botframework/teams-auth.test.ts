import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTeamsBot, type TeamsBot } from "../support/teams-bot.ts";
import { signingKeys } from "../support/teams-keys.ts";

// With an app id configured, the Bot Framework's JWT on every request is checked by
// botbuilder's CloudAdapter: anything without a valid token is refused and changes nothing.

const APP_ID = "0b5c2a6e-3f41-4c8e-9a1d-2e7f6b8c9d01";
let bot: TeamsBot;
let keys: Awaited<ReturnType<typeof signingKeys>>;
beforeAll(async () => {
  keys = await signingKeys(APP_ID);
  bot = await startTeamsBot({ appId: APP_ID, openIdMetadataUrl: keys.metadataUrl });
});
afterAll(async () => {
  await bot.close();
  await keys.close();
});

describe("an endpoint with an app id", () => {
  it.each([
    ["no Authorization header", {}],
    ["a garbage bearer token", { authorization: "Bearer garbage" }],
    ["a token that is not a JWT at all", { authorization: "Bearer eyJ.not-a.jwt" }],
    ["another scheme", { authorization: "Basic dXNlcjpwYXNz" }],
  ])("%s: 401, and nothing happens", async (_, headers) => {
    const before = (await bot.storage.notes.listByParticipant("p-mo")).length;
    const res = await bot.post(
      {
        type: "message",
        id: bot.nextId(),
        serviceUrl: bot.connector.url,
        channelId: "msteams",
        from: bot.from("mo"),
        recipient: { id: `28:${APP_ID}` },
        conversation: { conversationType: "personal", id: "a:mo-chat" },
        text: "oversight 4471-JB: agreed with @sam to visit tomorrow",
      },
      headers,
    );
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 50));
    expect(bot.connector.calls).toEqual([]);
    expect((await bot.storage.notes.listByParticipant("p-mo")).length).toBe(before);
    expect(await bot.storage.conversations.list("teams", "chat")).toEqual([]);
  });

  it("an invoke (the message action) without a token: 401, and no dialog", async () => {
    const res = await bot.post({ type: "invoke", name: "composeExtension/fetchTask", id: bot.nextId(), serviceUrl: bot.connector.url, channelId: "msteams", from: bot.from("mo"), recipient: { id: `28:${APP_ID}` }, conversation: { conversationType: "personal", id: "a:mo-chat" }, value: { commandId: "record_oversight_note", messagePayload: { body: { content: "4471-JB visit" } } } });
    expect(res.status).toBe(401);
    expect(res.text).not.toContain("task");
    expect(bot.connector.calls).toEqual([]);
  });

  it("a token the channel signed is accepted; one signed with another key, for another bot or another service URL is not", async () => {
    const install = (serviceUrl = bot.connector.url) => ({
      type: "conversationUpdate",
      id: bot.nextId(),
      serviceUrl,
      channelId: "msteams",
      from: bot.from("mo"),
      recipient: { id: `28:${APP_ID}` },
      conversation: { conversationType: "channel", isGroup: true, id: "19:auth-test@thread.tacv2", tenantId: "t" },
      membersAdded: [{ id: bot.from("mo").id }],
    });
    const refused = [
      keys.forged({ serviceurl: bot.connector.url }),
      keys.token({ serviceurl: bot.connector.url, aud: "11111111-2222-4333-8444-555555555555" }),
      keys.token({ serviceurl: "https://elsewhere.example/" }),
      keys.token({ serviceurl: bot.connector.url, exp: Math.floor(Date.now() / 1000) - 3600 }),
    ];
    for (const token of refused) expect((await bot.post(install(), { authorization: `Bearer ${token}` })).status).toBe(401);
    expect(await bot.storage.conversations.get("teams", "channel:19:auth-test@thread.tacv2")).toBeNull();
    const accepted = await bot.post(install(), { authorization: `Bearer ${keys.token({ serviceurl: bot.connector.url })}` });
    expect(accepted.status).toBe(200);
    expect(await bot.storage.conversations.get("teams", "channel:19:auth-test@thread.tacv2")).not.toBeNull();
  });

  it("a body that is not an activity: 400, and nothing happens", async () => {
    const res = await fetch(`${bot.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(res.status).toBe(400);
    expect(bot.connector.calls).toEqual([]);
  });

  it("anything but POST: 405", async () => {
    expect((await fetch(`${bot.url}/api/messages`)).status).toBe(405);
  });
});
