import path from "node:path";
import { ConsoleDelivery } from "../adapters/console/console-delivery.ts";
import { startConsole } from "../adapters/console/start-console.ts";
import { botPort } from "./bot/bot-port.ts";
import { loadConfig } from "./config/env.ts";
import { composeCore } from "./compose.ts";
import { systemClock, type Clock } from "./domain/clock.ts";
import { processLogger } from "./logger.ts";
import { startScheduler } from "./scheduler/scheduler.ts";
import { startHttpServer } from "./server/http.ts";
import { PlatformDelivery } from "./scheduler/platform-delivery.ts";

/**
 * The bot process: the HTTP server (health now, platforms as configured), the scheduler and,
 * on a terminal, the console. `npm start` runs it on the system clock (src/main.ts); the
 * end-to-end test on a clock it moves, to see reminders without waiting days for them.
 */
export async function startBot(clock: Clock = systemClock): Promise<void> {
  const config = loadConfig();
  const interactive = config.console === "on" || (config.console === "auto" && process.stdin.isTTY === true);
  // While the console has the terminal, log lines go to a file instead of into the conversation.
  const { log, file: logFile } = processLogger({ consoleOn: interactive, dataDir: config.dataDir });
  const core = await composeCore(config, clock);
  const bot = botPort(core, log);
  // Each platform's adapter (and its SDK: Bolt, botbuilder) is loaded only when it is configured,
  // so a bot started to be tried in the console loads neither (tests/architecture/start-path.test.ts).
  const slack = config.slack ? await (await import("../adapters/slack/start-slack.ts")).startSlack(bot, log, config.slack) : null;
  const teams = config.teams ? (await import("../adapters/botframework/start-teams.ts")).startTeams(bot, log, config.teams) : null;
  // Stopping is set up before the server answers: a SIGTERM sent once /healthz answers stops cleanly.
  let scheduler: Awaited<ReturnType<typeof startScheduler>> | null = null;
  let server: Awaited<ReturnType<typeof startHttpServer>> | null = null;
  const stop = async () => {
    await scheduler?.stop();
    await slack?.stop();
    await server?.close();
    await core.storage.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  server = await startHttpServer({
    host: config.host,
    port: config.port,
    routes: { ...slack?.routes, ...teams?.routes },
    health: async () => (await core.storage.audit.list(Number.MAX_SAFE_INTEGER), true),
    log,
  });
  // A registered Teams bot loads botbuilder once it is serving; the anonymous try-out endpoint on its first activity.
  if (config.teams?.appId) teams?.warm();
  log.info("server.started", { url: server.url, database: config.databaseUrl.startsWith("file:") ? "sqlite" : "postgresql", slack: slack ? "on" : "off", teams: config.teams ? (config.teams.appId ? "on" : "anonymous") : "off" });

  // Reminders go to each person on the first platform served here that they have an account on.
  const consoleDelivery = new ConsoleDelivery();
  const delivery = new PlatformDelivery({ slack: slack?.delivery, teams: teams?.delivery, console: interactive ? consoleDelivery : undefined });
  scheduler = config.scheduler && delivery.serving ? await startScheduler(core, delivery, log, { intervalMs: config.sweepSeconds * 1000 }) : null;
  if (config.scheduler && !scheduler) log.info("scheduler.idle", { reason: "no-delivery-platform" });

  if (interactive) {
    process.stdout.write(`Oversight bot is serving on ${server.url} (health: ${server.url}/healthz)\n`);
    if (logFile) process.stdout.write(`${core.prompts.say("console.logs-to", { file: shownPath(logFile) })}\n`);
    await startConsole(bot, log, { asHandle: config.consoleUser, delivery: consoleDelivery });
    await stop();
  }
}

/** A path as the person can type it: relative to where they started the bot when it is under there. */
function shownPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}
