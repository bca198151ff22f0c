import { App, HTTPReceiver, LogLevel, SocketModeReceiver, webApi, type Logger as BoltLogger } from "@slack/bolt";
import type { SlackConfig } from "../../src/config/env.ts";
import type { Logger } from "../../src/logger.ts";
import type { Delivery } from "../../src/ports/delivery.ts";
import type { Route } from "../../src/server/http.ts";
import type { BotPort } from "../../src/bot/bot-port.ts";
import { SlackDelivery } from "./slack-delivery.ts";
import { registerSlackListeners } from "./slack-app.ts";

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
  return { routes: { [SLACK_EVENTS_PATH]: (req, res) => http.requestListener(req, res) }, delivery, stop: async () => {} };
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
