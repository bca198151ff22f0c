import { botPort } from "../../src/bot/bot-port.ts";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { WebSocketServer, type WebSocket } from "ws";
import { startSlack, type SlackService } from "../../adapters/slack/start-slack.ts";
import { silentLogger } from "../../src/logger.ts";
import { testCore } from "../support/core.ts";
import { FakeSlack } from "../support/fake-slack.ts";
import { BOT_TOKEN, slackTeam } from "../support/slack-bot.ts";

// Socket Mode, for organisations without a public URL: the bot opens a WebSocket to Slack
// (apps.connections.open gives the URL) and acknowledges each envelope over it. Here the
// Web API and the socket are fakes on 127.0.0.1.

let fake: FakeSlack;
let sockets: WebSocketServer;
let slack: SlackService;
let connected: Promise<WebSocket>;

beforeAll(async () => {
  fake = await FakeSlack.start();
  sockets = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise((r) => sockets.once("listening", r));
  connected = new Promise((resolve) =>
    sockets.on("connection", (socket) => {
      socket.send(JSON.stringify({ type: "hello", num_connections: 1, debug_info: { host: "applink-1" }, connection_info: { app_id: "A123456" } }));
      resolve(socket);
    }),
  );
  fake.script("apps.connections.open", { body: { ok: true, url: `ws://127.0.0.1:${(sockets.address() as AddressInfo).port}/link/?ticket=t1` } });
  const { core, clock, storage } = await testCore();
  await storage.people.saveAll(slackTeam(), clock.now());
  slack = await startSlack(botPort(core, silentLogger), silentLogger, { signingSecret: null, botToken: BOT_TOKEN, apiUrl: fake.apiUrl, appToken: "xapp-1-A123456-1-abcdef" });
});

afterAll(async () => {
  await slack.stop();
  sockets.close();
  await fake.close();
});

it("connects with the app token, serves no HTTP route, and answers a slash command in its envelope's ack", async () => {
  const socket = await connected;
  expect(fake.callsTo("apps.connections.open")[0]!.token).toBe("xapp-1-A123456-1-abcdef");
  expect(slack.routes).toEqual({});
  const ack = new Promise<Record<string, unknown>>((resolve) => socket.on("message", (data) => resolve(JSON.parse(String(data)))));
  socket.send(
    JSON.stringify({
      envelope_id: "57d6a792-4d35-4d0b-b6aa-3361493e1caf",
      type: "slash_commands",
      accepts_response_payload: true,
      payload: { token: "x", team_id: "T0001", channel_id: "C2147483705", user_id: "U0MO", user_name: "mo", command: "/oversight", text: "help", response_url: fake.responseUrl("s1"), trigger_id: "1.2.3" },
    }),
  );
  expect(await ack).toMatchObject({ envelope_id: "57d6a792-4d35-4d0b-b6aa-3361493e1caf", payload: { response_type: "ephemeral", text: expect.stringMatching(/^Oversight bot turns a decision/) } });
});
