import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rawRequest } from "../support/raw-http.ts";
import { writeCounts } from "../support/storage-writes.ts";
import { BOT, CHAT_IDS, startTeamsBot, TENANT_ID, type TeamsBot } from "../support/teams-bot.ts";
import { signingKeys } from "../support/teams-keys.ts";

// The anonymous endpoint (no app id, as `npm start` runs it) answers only a Bot Framework
// client on this machine; with or without an app id, an activity botbuilder could not read is
// refused before it is. Each refusal is one log line naming a reason, never what was sent.

// botbuilder's console output is muffled inside a request: a spy put in place before it loads
// sees only what escapes.
const consoleError = vi.spyOn(console, "error");
const consoleWarn = vi.spyOn(console, "warn");

let bot: TeamsBot;
beforeAll(async () => {
  bot = await startTeamsBot();
});
afterAll(async () => {
  await bot.close();
});

const port = () => new URL(bot.url).port;
/** A message in mo's private chat, as the local client would post it. */
const message = (over: Record<string, unknown> = {}) => ({
  type: "message",
  id: bot.nextId(),
  timestamp: bot.clock.now().toISOString(),
  serviceUrl: bot.connector.url,
  channelId: "msteams",
  from: bot.from("mo"),
  recipient: BOT,
  conversation: { conversationType: "personal", tenantId: TENANT_ID, id: CHAT_IDS.mo! },
  text: "help",
  ...over,
});
const post = (body: unknown, headers: Record<string, string> = {}) =>
  rawRequest(bot.url, { path: "/api/messages", headers: { "content-type": "application/json", host: `127.0.0.1:${port()}`, ...headers }, chunks: [JSON.stringify(body)] });

/** Sends a request that must be refused: its status, and that it wrote, sent and logged only a refusal. */
async function refused(send: () => Promise<{ status: number }>, secret: string): Promise<{ status: number; line: Record<string, unknown> }> {
  const before = await writeCounts(bot.storage);
  const calls = bot.connector.calls.length;
  const lines = bot.log.length;
  const { status } = await send();
  expect(await writeCounts(bot.storage)).toEqual(before);
  expect(bot.connector.calls.length).toBe(calls);
  const logged = bot.log.slice(lines);
  expect(logged).toHaveLength(1);
  expect(logged[0]).not.toContain(secret);
  return { status, line: JSON.parse(logged[0]!) as Record<string, unknown> };
}

describe("the anonymous endpoint", () => {
  it("a local client's activity passes: answered, and the reply goes to its connector", async () => {
    const res = await post(message({ text: "help" }));
    expect(res.status).toBe(200);
    await bot.settled();
    expect(bot.connector.delivered("reply", CHAT_IDS.mo).length).toBeGreaterThan(0);
    // localhost and [::1] name this machine too, with any port.
    for (const host of ["localhost:3978", "[::1]:3978", "LOCALHOST"]) expect((await post(message(), { host })).status).toBe(200);
  });

  it("text/plain (what a web page can post without asking first): 415", async () => {
    const { status, line } = await refused(() => post(message(), { "content-type": "text/plain;charset=UTF-8" }), "text/plain");
    expect(status).toBe(415);
    expect(line).toMatchObject({ event: "teams.refused", reason: "content-type", status: 415 });
  });

  it("a browser's Origin: 403, the origin not logged", async () => {
    const { status, line } = await refused(() => post(message(), { origin: "https://evil-origin.example" }), "evil-origin");
    expect(status).toBe(403);
    expect(line).toMatchObject({ reason: "origin" });
  });

  it("a Host that is not this machine (a page on a domain that resolves to 127.0.0.1): 403", async () => {
    const { status, line } = await refused(() => post(message(), { host: `rebind-host.example:${port()}` }), "rebind-host");
    expect(status).toBe(403);
    expect(line).toMatchObject({ reason: "host" });
    expect((await post(message(), { host: "127.0.0.1.rebind.example" })).status).toBe(403);
  });

  it("a serviceUrl off this machine: 403, nothing sent there nor kept for later", async () => {
    for (const serviceUrl of ["https://exfiltrate.example/", "http://10.0.0.7:3978/", "http://user:pw@127.0.0.1:1/", "https://127.0.0.1.passwd.example/"]) {
      const { status, line } = await refused(() => post(message({ serviceUrl })), serviceUrl.includes("exfiltrate") ? "exfiltrate" : "passwd");
      expect(status).toBe(403);
      expect(line).toMatchObject({ reason: "service-url" });
    }
  });

  it("a body larger than any activity: 413, declared or not", async () => {
    const huge = "x".repeat(600 * 1024);
    const declared = await refused(() => rawRequest(bot.url, { path: "/api/messages", headers: { "content-type": "application/json", "content-length": String(700 * 1024) }, chunks: ["{"] }), "xxxx");
    expect(declared.status).toBe(413);
    const chunked = await refused(() => rawRequest(bot.url, { path: "/api/messages", headers: { "content-type": "application/json" }, chunks: [`{"type":"message","text":"`, huge, `"}`] }), "xxxx");
    expect(chunked.status).toBe(413);
    expect(chunked.line).toMatchObject({ reason: "body-size", status: 413 });
  });
});

describe("an activity's shape", () => {
  it.each([
    ["a serviceUrl that is not a string", { serviceUrl: { href: "http://127.0.0.1:1/" } }],
    ["a serviceUrl that is a number", { serviceUrl: 501 }],
    ["a serviceUrl that is not a URL", { serviceUrl: "PyVS.#" }],
    ["a serviceUrl that is not http", { serviceUrl: "file:///etc/passwd" }],
    ["a mention that is null", { entities: [null] }],
    ["members added that are not a list", { type: "conversationUpdate", membersAdded: "everyone" }],
    ["no conversation", { conversation: undefined }],
    ["a sender without an id", { from: { aadObjectId: "6a0c3f1e-1b2d-4e5f-8a9b-0c1d2e3f4a02" } }],
    ["text that is not a string", { text: ["help"] }],
    ["replies asked for in the response", { deliveryMode: "expectReplies" }],
    ["a message action whose message body is not text", { type: "invoke", name: "composeExtension/fetchTask", value: { commandId: "record_oversight_note", messagePayload: { body: { content: 42 } } } }],
  ])("%s: 400, nothing done", async (_, over) => {
    const { status, line } = await refused(() => post(message(over as Record<string, unknown>)), "everyone");
    expect(status).toBe(400);
    expect(line).toMatchObject({ event: "teams.refused", status: 400 });
  });

  it("not JSON, or JSON that is not an object: 400", async () => {
    expect((await refused(() => rawRequest(bot.url, { path: "/api/messages", headers: { "content-type": "application/json" }, chunks: ["{not json"] }), "not json")).status).toBe(400);
    expect((await refused(() => post(["message"]), "message")).status).toBe(400);
  });

  it("a kind of activity the bot does not act on (typing, a reaction): 200, and nothing kept", async () => {
    const before = await writeCounts(bot.storage);
    expect((await post(message({ type: "typing", text: undefined }))).status).toBe(200);
    expect((await post(message({ type: "messageReaction", reactionsAdded: [{ type: "like" }] }))).status).toBe(200);
    expect(await writeCounts(bot.storage)).toEqual(before);
  });
});

describe("with an app id", () => {
  const APP_ID = "0b5c2a6e-3f41-4c8e-9a1d-2e7f6b8c9d01";
  let authed: TeamsBot;
  let keys: Awaited<ReturnType<typeof signingKeys>>;
  beforeAll(async () => {
    keys = await signingKeys(APP_ID);
    authed = await startTeamsBot({ appId: APP_ID, openIdMetadataUrl: keys.metadataUrl });
  });
  afterAll(async () => {
    await authed.close();
    await keys.close();
  });

  it("a refused token is one log line: no audience the caller chose, nothing on the console", async () => {
    const activity = { ...message(), serviceUrl: authed.connector.url, recipient: { id: `28:${APP_ID}` } };
    const lines = authed.log.length;
    const tokens = [
      keys.token({ serviceurl: authed.connector.url, aud: "caller-chosen-audience-7f3a" }),
      keys.token({ serviceurl: authed.connector.url, exp: Math.floor(Date.now() / 1000) - 3600 }),
      keys.forged({ serviceurl: authed.connector.url }),
    ];
    for (const token of tokens) expect((await authed.post(activity, { authorization: `Bearer ${token}` })).status).toBe(401);
    const logged = authed.log.slice(lines).filter((l) => !l.includes("teams.console-muffled"));
    expect(logged).toHaveLength(tokens.length);
    for (const line of logged) expect(JSON.parse(line)).toMatchObject({ event: "teams.refused", reason: "token", status: 401 });
    expect(logged.join("\n")).not.toContain("caller-chosen");
    expect(authed.log.join("\n")).not.toMatch(/BEGIN|PUBLIC KEY|at .*\.js/);
    expect(consoleError).not.toHaveBeenCalled();
    expect(consoleWarn).not.toHaveBeenCalled();
    expect(authed.connector.calls).toEqual([]);
  });

  it("doors on shape apply too, and the browser checks do not: the token is what counts", async () => {
    const activity = { ...message(), serviceUrl: authed.connector.url, recipient: { id: `28:${APP_ID}` } };
    expect((await authed.post({ ...activity, serviceUrl: 501 })).status).toBe(400);
    // A token may name any service URL; one that is not a URL made botbuilder throw mid-turn.
    expect((await authed.post({ ...activity, serviceUrl: "PyVS.#" }, { authorization: `Bearer ${keys.token({ serviceurl: "PyVS.#" })}` })).status).toBe(400);
    const token = keys.token({ serviceurl: authed.connector.url });
    expect((await authed.post(activity, { authorization: `Bearer ${token}` })).status).toBe(200);
  });
});
