import type { Config } from "./env.ts";
import { keptSecret, type KeptSecret } from "./kept-secret.ts";

/** Where a generated dashboard key is kept, under DATA_DIR, on the embedded default only. */
export const DASHBOARD_KEY_FILE = "dashboard.key";

/**
 * The key that signs dashboard links: DASHBOARD_KEY, or on the embedded SQLite default one
 * generated and kept in DATA_DIR, so the bot and `cli dashboard-link` share it with no setup;
 * null on PostgreSQL without it (replicas must share one: config/kept-secret.ts).
 */
export function dashboardKey(config: Pick<Config, "dashboard" | "dataDir" | "databaseUrl">): KeptSecret | null {
  return keptSecret({ envKey: config.dashboard.envKey, dataDir: config.dataDir, databaseUrl: config.databaseUrl, file: DASHBOARD_KEY_FILE });
}

/**
 * Where people's browsers reach the dashboard: PUBLIC_URL (behind a proxy or load balancer),
 * else the bot's own server, `localhost` standing for a server listening on every address.
 */
export function dashboardBaseUrl(config: Pick<Config, "dashboard" | "host">, port: number): string {
  if (config.dashboard.publicUrl) return config.dashboard.publicUrl;
  const host = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}
