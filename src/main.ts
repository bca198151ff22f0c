import { ConsoleDelivery } from "../adapters/console/console-delivery.ts";
import { startConsole } from "../adapters/console/start-console.ts";
import { ConfigError, loadConfig } from "./config/env.ts";
import { composeCore } from "./compose.ts";
import { AppError } from "./domain/errors.ts";
import { jsonLogger } from "./logger.ts";
import { startScheduler } from "./scheduler/scheduler.ts";
import { startHttpServer } from "./server/http.ts";

/** `npm start`: the HTTP server (health now, platforms as configured) and, on a terminal, the console. */
async function main(): Promise<void> {
  const log = jsonLogger();
  const config = loadConfig();
  const core = await composeCore(config);
  const server = await startHttpServer({
    host: config.host,
    port: config.port,
    routes: {},
    health: async () => (await core.storage.audit.list(Number.MAX_SAFE_INTEGER), true),
    log,
  });
  log.info("server.started", { url: server.url, database: config.databaseUrl.startsWith("file:") ? "sqlite" : "other" });

  const interactive = config.console === "on" || (config.console === "auto" && process.stdin.isTTY === true);
  // Reminders need somewhere to go: for now the console (Slack and Teams deliveries come with their adapters).
  const delivery = new ConsoleDelivery();
  const scheduler = config.scheduler && interactive ? await startScheduler(core, delivery, log, { intervalMs: config.sweepSeconds * 1000 }) : null;
  if (config.scheduler && !scheduler) log.info("scheduler.idle", { reason: "no-delivery-platform" });

  const stop = async () => {
    await scheduler?.stop();
    await server.close();
    await core.storage.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);

  if (interactive) {
    process.stdout.write(`Oversight bot is serving on ${server.url} (health: ${server.url}/healthz)\n`);
    await startConsole(core, log, { asHandle: config.consoleUser, delivery });
    await stop();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof AppError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Oversight bot could not start: ${(error as Error)?.message ?? String(error)}\n`);
  }
  process.exit(1);
});
