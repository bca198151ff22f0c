import type { IncomingMessage, ServerResponse } from "node:http";
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, webApi, type Logger as BoltLogger } from "@slack/bolt";
import type { SlackConfig } from "../../src/config/env.ts";
import type { Logger } from "../../src/logger.ts";
import type { Delivery } from "../../src/ports/delivery.ts";
import type { Route } from "../../src/server/http.ts";
import type { BotPort } from "../../src/bot/bot-port.ts";
import { readBody, refuseTooLarge } from "../../src/server/request-body.ts";
import { SlackDelivery } from "./slack-delivery.ts";
import { registerSlackListeners, SHORTCUT_ID, SLASH_COMMAND } from "./slack-app.ts";
import { isSslCheck, parseSlackBody, payloadDoor, signatureRefusal, SLACK_BODY_LIMIT_BYTES } from "./slack-doors.ts";

/** Where Slack posts events, commands and interactivity (manifest.yaml's request URLs). */
export const SLACK_EVENTS_PATH = "/slack/events";

export interface SlackService {
  /** Routes for the bot's HTTP server: /slack/events over HTTP, none in Socket Mode. */
  routes: Record<string, Route>;
  /** Reminders and notices as Slack direct messages. */
  delivery: Delivery;
  stop(): Promise<void>;
}

/**
 * Slack, on Bolt. Over HTTP, Bolt's receiver verifies each request's signature and
 * timestamp (401 otherwise, nothing done) and is served on the bot's own server; with an
 * app token it connects out over Socket Mode instead, for organisations without a public URL.
 */
export async function startSlack(bot: BotPort, log: Logger, config: SlackConfig): Promise<SlackService> {
  const logger = boltLogger(log);
  const clientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    // Interactive calls: a trigger id lasts 3 s, so retry little; a 429 waits for Retry-After.
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1000 },
    timeout: 10_000,
  };
  const socketMode = config.appToken !== null;
  const receiver = socketMode
    ? new SocketModeReceiver({ appToken: config.appToken!, logger, installerOptions: { clientOptions } })
    : new HTTPReceiver({ signingSecret: config.signingSecret!, endpoints: SLACK_EVENTS_PATH, logger, processBeforeResponse: false });
  // No conversation store: everything the bot keeps is in its own database.
  const app = new App({ token: config.botToken, receiver, logger, clientOptions, convoStore: false, ...(socketMode ? { socketMode: true } : {}) });
  app.error(async (error) => log.error("slack.failed", { code: (error as { code?: string }).code ?? "unknown", type: error.name }));
  const deliveryClient = new webApi.WebClient(config.botToken, {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    logger,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 15_000,
  });
  const delivery = new SlackDelivery(deliveryClient, () => bot.now().getTime());
  registerSlackListeners(app, bot, log, delivery);

  if (socketMode) {
    await app.start();
    log.info("slack.started", { mode: "socket" });
    return { routes: {}, delivery, stop: () => app.stop().then(() => undefined) };
  }
  const http = receiver as InstanceType<typeof HTTPReceiver>;
  log.info("slack.started", { mode: "http", path: SLACK_EVENTS_PATH });
  return { routes: { [SLACK_EVENTS_PATH]: slackDoors(http, config.signingSecret!, log) }, delivery, stop: async () => {} };
}

/**
 * Bolt's HTTP receiver behind the doors of slack-doors.ts: a bounded body (413), a request
 * signed within five minutes either way (401; Bolt alone takes any future timestamp), and a
 * payload the bot handles in a shape it can read (400), or one it does not handle (200, left
 * alone). Each refusal is one log line with a reason code. Bolt then reads the body already
 * read (`rawBody`, which its receiver uses when present) and verifies it again.
 */
function slackDoors(receiver: InstanceType<typeof HTTPReceiver>, signingSecret: string, log: Logger): Route {
  const answer = (res: ServerResponse, status: number, reason: string) => {
    if (status !== 200) log.info("slack.refused", { reason, status });
    res.writeHead(status, { "content-type": "application/json" }).end(status === 200 ? "" : JSON.stringify({ error: status === 401 ? "unauthorised" : "the body is not a Slack request the bot takes" }));
  };
  return async (req, res) => {
    if (req.method !== "POST") {
      res.writeHead(405, { allow: "POST" }).end();
      return;
    }
    const read = await readBody(req, SLACK_BODY_LIMIT_BYTES);
    if (!read.ok) {
      log.info("slack.refused", { reason: read.reason === "too-large" ? "body-size" : "body-aborted", status: 413 });
      return read.reason === "too-large" ? refuseTooLarge(res) : void res.destroy();
    }
    if (isSslCheck(req, read.body)) return answer(res, 200, "ssl-check");
    const unsigned = signatureRefusal(req, read.body, signingSecret, Math.floor(Date.now() / 1000));
    if (unsigned && !unsigned.pass) return answer(res, unsigned.status, unsigned.reason);
    const body = parseSlackBody(req, read.body);
    if (body === undefined) return answer(res, 400, "json");
    const door = payloadDoor(body, { command: SLASH_COMMAND, shortcut: SHORTCUT_ID });
    if (!door.pass) {
      // A kind the bot does not handle is acknowledged, as Bolt would, and logged only as a count.
      if (door.status === 200) log.info("slack.ignored", { reason: door.reason });
      return answer(res, door.status, door.reason);
    }
    (req as IncomingMessage & { rawBody?: Buffer }).rawBody = read.body;
    receiver.requestListener(req, res);
  };
}

/** Bolt's log lines into ours: warnings and errors only, their first words only (never payloads). */
function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.WARN;
  const line = (args: unknown[]) => (args.map((a) => (a instanceof Error ? `${a.name}: ${(a as { code?: string }).code ?? ""}` : typeof a === "string" ? a : "")).join(" ").slice(0, 200));
  return {
    debug: () => {},
    info: () => {},
    warn: (...args) => log.info("slack.bolt", { level: "warn", message: line(args) }),
    error: (...args) => log.error("slack.bolt", { level: "error", message: line(args) }),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
