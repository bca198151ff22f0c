import path from "node:path";
import { ConsoleDelivery } from "../adapters/console/console-delivery.ts";
import { startConsole } from "../adapters/console/start-console.ts";
import { botPort } from "./bot/bot-port.ts";
import { TurnsInFlight } from "./bot/turns-in-flight.ts";
import { loadConfig, type Config } from "./config/env.ts";
import { composeCore } from "./compose.ts";
import { checkpointKey } from "./config/checkpoint-key.ts";
import { dashboardBaseUrl, dashboardKey } from "./config/dashboard-key.ts";
import { systemClock, type Clock } from "./domain/clock.ts";
import { processLogger, type Logger } from "./logger.ts";
import { startScheduler, type Scheduler } from "./scheduler/scheduler.ts";
import { dashboardRoute } from "./server/dashboard-route.ts";
import { startHttpServer, type HttpServer } from "./server/http.ts";
import { DASHBOARD_PATH } from "./services/dashboard-link.ts";
import { PrometheusMetrics } from "./server/metrics.ts";
import { checkReadiness, type SchedulerState } from "./server/readiness.ts";
import { PlatformDelivery } from "./scheduler/platform-delivery.ts";

/**
 * The bot process: the HTTP server (health, readiness, metrics, platforms as configured), the
 * scheduler and, on a terminal, the console. `npm start` runs it on the system clock
 * (src/main.ts); the end-to-end test on a clock it moves, to see reminders without waiting days
 * for them. SIGTERM or SIGINT shuts it down gracefully (`shutdown` below).
 */
export async function startBot(clock: Clock = systemClock): Promise<void> {
  const config = loadConfig();
  const interactive = config.console === "on" || (config.console === "auto" && process.stdin.isTTY === true);
  // While the console has the terminal, log lines go to a file instead of into the conversation.
  const { log, file: logFile } = processLogger({ consoleOn: interactive, dataDir: config.dataDir });
  const core = await composeCore(config, clock, log);
  const metrics = new PrometheusMetrics({ backlog: (now) => core.storage.schedule.dueBacklog(now), clock, log });
  const turns = new TurnsInFlight();
  const bot = botPort(core, log, { metrics, turns });
  // Each platform's adapter (and its SDK: Bolt, botbuilder) is loaded only when it is configured,
  // so a bot started to be tried in the console loads neither (tests/architecture/start-path.test.ts).
  const slack = config.slack ? await (await import("../adapters/slack/start-slack.ts")).startSlack(bot, log, config.slack) : null;
  const teams = config.teams ? (await import("../adapters/botframework/start-teams.ts")).startTeams(bot, log, config.teams) : null;
  // Reminders go to each person on the first platform served here that they have an account on.
  const consoleDelivery = new ConsoleDelivery();
  const delivery = new PlatformDelivery({ slack: slack?.delivery, teams: teams?.delivery, console: interactive ? consoleDelivery : undefined });
  const runsScheduler = config.scheduler && delivery.serving;

  // Stopping is set up before the server answers: a SIGTERM sent once /healthz answers stops cleanly.
  let scheduler: Scheduler | null = null;
  let schedulerState: SchedulerState = runsScheduler ? { state: "starting" } : { state: "off", reason: config.scheduler ? "no-delivery-platform" : "SCHEDULER=off" };
  let server: HttpServer | null = null;
  let shuttingDown: Promise<void> | null = null;
  const stop = (signal: string): Promise<void> => {
    if (shuttingDown) return shuttingDown;
    shuttingDown = shutdown({ signal, log, seconds: config.shutdownSeconds, server: () => server, scheduler: () => scheduler, turns, stopSlack: () => slack?.stop(), closeStorage: () => core.storage.close() }).then((clean) => {
      schedulerState = { state: "stopped" };
      process.exit(clean ? 0 : 1);
    });
    return shuttingDown;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      // Asked twice (Ctrl-C again): the person does not want to wait.
      log.warn("shutdown.forced", { signal });
      process.exit(1);
    }
    void stop(signal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const dashboard = dashboardKey(config);
  if (!dashboard) log.warn("dashboard.off", { reason: "DASHBOARD_KEY is not set: replicas on PostgreSQL need one shared key" });
  server = await startHttpServer({
    host: config.host,
    port: config.port,
    routes: { ...slack?.routes, ...teams?.routes, ...(dashboard && { [DASHBOARD_PATH]: dashboardRoute(core, dashboard.key, log) }) },
    health: async () => (await core.storage.audit.list(Number.MAX_SAFE_INTEGER), true),
    ready: () => checkReadiness({ storage: core.storage, scheduler: () => schedulerState, shuttingDown: () => shuttingDown !== null }),
    metrics,
    log,
  });
  if (dashboard) core.dashboard = { key: dashboard.key, baseUrl: dashboardBaseUrl(config, server.port), minutes: config.dashboard.linkMinutes };
  // A registered Teams bot loads botbuilder once it is serving; the anonymous try-out endpoint on its first activity.
  if (config.teams?.appId) teams?.warm();
  log.info("server.started", { url: server.url, database: config.databaseUrl.startsWith("file:") ? "sqlite" : "postgresql", slack: slack ? "on" : "off", teams: config.teams ? (config.teams.appId ? "on" : "anonymous") : "off" });

  if (runsScheduler && !shuttingDown) {
    const checkpoints = checkpointsOf(config, log);
    const running = await startScheduler(core, delivery, log, { intervalMs: config.sweepSeconds * 1000, metrics, ...(checkpoints ? { checkpoints } : {}) });
    // Shutting down began during the start-up check: the scheduler stops as soon as it has started.
    if (shuttingDown) await running.stop();
    else (scheduler = running), (schedulerState = { state: "running", liveness: () => running.liveness() });
  }
  if (config.scheduler && !runsScheduler) log.info("scheduler.idle", { reason: "no-delivery-platform" });

  if (interactive) {
    process.stdout.write(`Oversight bot is serving on ${server.url} (health: ${server.url}/healthz)\n`);
    if (logFile) process.stdout.write(`${core.prompts.say("console.logs-to", { file: shownPath(logFile) })}\n`);
    await startConsole(bot, log, { asHandle: config.consoleUser, delivery: consoleDelivery });
    await stop("console-closed");
  }
}

/**
 * A graceful shutdown, within `seconds`: stop taking requests (the server refuses new ones and
 * /readyz says so), let the scheduler finish the reminder it is sending and release the rest of
 * its claims for another replica, wait for the turns in flight, then close the store. True
 * when everything finished in time; otherwise what was still running is cut off (a turn stores
 * nothing unless it completes) and the claims are released all the same.
 */
async function shutdown(opts: {
  signal: string;
  log: Logger;
  seconds: number;
  server: () => HttpServer | null;
  scheduler: () => Scheduler | null;
  turns: TurnsInFlight;
  stopSlack: () => Promise<void> | undefined;
  closeStorage: () => Promise<void>;
}): Promise<boolean> {
  const { log, turns } = opts;
  log.info("shutdown.started", { signal: opts.signal, turnsInFlight: turns.size, seconds: opts.seconds });
  const started = performance.now();
  const timers: NodeJS.Timeout[] = [];
  const after = (ms: number) => new Promise<"time-up">((resolve) => void timers.push(setTimeout(() => resolve("time-up"), ms)));
  const timeUp = after(opts.seconds * 1000);
  const server = opts.server();
  const schedulerStopped = opts.scheduler()?.stop(timeUp);
  let clean: boolean;
  try {
    const finished = await Promise.race([
      // Stop taking work (HTTP, Slack's socket), finish what is in flight, release what is claimed.
      Promise.all([server?.close(), opts.stopSlack(), schedulerStopped, turns.idle()]).then(() => "finished" as const),
      timeUp,
    ]);
    clean = finished === "finished";
    if (!clean) {
      log.warn("shutdown.time-up", { turnsInFlight: turns.size, seconds: opts.seconds });
      server?.closeConnections();
      // The scheduler gave up waiting for its send at the same moment, and is releasing its claims.
      await Promise.race([schedulerStopped, after(STORAGE_CLOSE_MS)]);
    }
    // A turn cut off by time is rolled back; closing must not wait for it for ever either.
    if ((await Promise.race([opts.closeStorage().then(() => "closed" as const), after(STORAGE_CLOSE_MS)])) !== "closed") clean = false;
  } catch (error) {
    log.error("shutdown.failed", { type: (error as Error)?.name ?? "unknown" });
    clean = false;
  } finally {
    timers.forEach(clearTimeout);
  }
  log.info("shutdown.finished", { clean, ms: Math.round(performance.now() - started) });
  return clean;
}

/** How long closing the store may take after the turns are done (or cut off). */
const STORAGE_CLOSE_MS = 5000;

/** A path as the person can type it: relative to where they started the bot when it is under there. */
function shownPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}

/** Where and how often the scheduler writes signed audit checkpoints; null (said in the log) when there is no key. */
function checkpointsOf(config: Config, log: Logger) {
  const key = checkpointKey({ envKey: config.auditCheckpoints.envKey, dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  if (!key) {
    log.warn("audit.checkpoints-off", { reason: "AUDIT_CHECKPOINT_KEY is not set: replicas on PostgreSQL need one shared key" });
    return null;
  }
  log.info("audit.checkpoints", { dir: config.auditCheckpoints.dir, keyFrom: key.from === "environment" ? "environment" : "data-dir", everyMinutes: config.auditCheckpoints.minutes });
  return { key: key.key, dir: config.auditCheckpoints.dir, everyMs: config.auditCheckpoints.minutes * 60_000 };
}
