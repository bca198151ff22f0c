import path from "node:path";
import { z } from "zod";
import { DEFAULT_ROLE_RANKS, parseRoleRanks, type RoleRanks } from "../domain/people.ts";
import { loadProfile } from "../policy/load-profile.ts";
import { ConfigError } from "./config-error.ts";
import type { PolicyProfile } from "../policy/profile.ts";

/** The bot's configuration, read from the environment once at start-up. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  dataDir: string;
  roleRanks: RoleRanks;
  /** The active policy profile (POLICY_PROFILE: a shipped id or a file), checked at start-up. */
  profile: PolicyProfile;
  /** Whether this process sends reminders (off for pure web replicas). */
  scheduler: boolean;
  /** Seconds between scheduler sweeps. */
  sweepSeconds: number;
  /** On SIGTERM, how long turns and sends in flight may take to finish before the process exits anyway. */
  shutdownSeconds: number;
  promptsFile: string | undefined;
  console: "auto" | "on" | "off";
  /** Console user handle to act as (otherwise the console asks). */
  consoleUser: string | undefined;
  /** Slack, when its credentials are set; otherwise Slack is not served at all. */
  slack: SlackConfig | null;
  /** Microsoft Teams (Bot Framework) at /api/messages; null when not served (TEAMS). */
  teams: TeamsConfig | null;
  auditCheckpoints: AuditCheckpointConfig;
  dashboard: DashboardConfig;
}

/** The compliance dashboard's signed links (docs/operating.md#the-dashboard). */
export interface DashboardConfig {
  /** DASHBOARD_KEY; unset: generated and kept in DATA_DIR on SQLite, none on PostgreSQL (config/kept-secret.ts). */
  envKey: string | undefined;
  /** PUBLIC_URL: where people's browsers reach this server; unset, the server's own address. */
  publicUrl: string | null;
  /** How long a link works (DASHBOARD_LINK_MINUTES). */
  linkMinutes: number;
}

/** Signed checkpoints of the audit chain (docs/operating.md#audit-checkpoints). */
export interface AuditCheckpointConfig {
  /** AUDIT_CHECKPOINT_KEY; unset: generated and kept in DATA_DIR on SQLite, none on PostgreSQL (config/checkpoint-key.ts). */
  envKey: string | undefined;
  /** Where the checkpoint file is appended (AUDIT_CHECKPOINT_DIR, default DATA_DIR/checkpoints). */
  dir: string;
  /** How often the scheduler writes one when the chain has grown. */
  minutes: number;
}

/**
 * Bot Framework credentials, under the names botbuilder and Azure use. Without an app id
 * the endpoint is anonymous (local trying-out only: the server must then listen on loopback).
 */
export interface TeamsConfig {
  appId: string | null;
  appPassword: string | null;
  /** "MultiTenant" (default), "SingleTenant" or "UserAssignedMSI". */
  appType: string;
  /** The bot's Microsoft Entra tenant (single-tenant bots). */
  tenantId: string | null;
  /** Where the keys that sign the channel's tokens are published, if not Microsoft's public cloud (BotOpenIdMetadata). */
  openIdMetadataUrl: string | null;
}

export interface SlackConfig {
  /** Verifies every request to /slack/events (HTTP mode). */
  signingSecret: string | null;
  /** The bot token (xoxb-…) for the Web API. */
  botToken: string;
  /** The Web API's base URL, ending in /api/ (a fake one in tests). */
  apiUrl: string | undefined;
  /** An app-level token (xapp-…): Socket Mode, for organisations without a public URL. */
  appToken: string | null;
}

const Env = z.object({
  PORT: z.coerce.number({ error: "must be a port number" }).int("must be a whole number").min(0).max(65535).default(3978),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default("data"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:.+|postgres(ql)?:\/\/.+)/, "must be a SQLite file URL like file:./data/oversight.db or a PostgreSQL URL like postgresql://user@host:5432/oversight")
    .optional(),
  ROLE_RANKS: z.string().optional(),
  POLICY_PROFILE: z.string().min(1).default("default"),
  SCHEDULER: z.enum(["on", "off"], { error: "must be on or off" }).default("on"),
  SWEEP_SECONDS: z.coerce.number({ error: "must be a number of seconds" }).int("must be a whole number").min(1).max(3600).default(30),
  SHUTDOWN_SECONDS: z.coerce.number({ error: "must be a number of seconds" }).int("must be a whole number").min(1, "must be at least 1").max(600, "must be at most 600").default(10),
  PROMPTS_FILE: z.string().min(1).optional(),
  CONSOLE: z.enum(["auto", "on", "off"]).default("auto"),
  CONSOLE_USER: z.string().min(1).optional(),
  SLACK_SIGNING_SECRET: z.string().min(8, "is too short to be a Slack signing secret").optional(),
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, "must be a bot token starting xoxb-").optional(),
  SLACK_APP_TOKEN: z.string().regex(/^xapp-/, "must be an app-level token starting xapp-").optional(),
  SLACK_API_URL: z.url({ error: "must be a URL like https://slack.com/api/" }).optional(),
  TEAMS: z.enum(["auto", "on", "off"], { error: "must be auto, on or off" }).default("auto"),
  MicrosoftAppId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "must be the bot's app id, a GUID").optional(),
  MicrosoftAppPassword: z.string().min(1).optional(),
  MicrosoftAppType: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"], { error: "must be MultiTenant, SingleTenant or UserAssignedMSI" }).default("MultiTenant"),
  MicrosoftAppTenantId: z.string().min(1).optional(),
  BotOpenIdMetadata: z.url({ error: "must be the URL of an OpenID metadata document" }).optional(),
  AUDIT_CHECKPOINT_KEY: z.string().min(32, "must be at least 32 characters (e.g. openssl rand -hex 32)").optional(),
  AUDIT_CHECKPOINT_DIR: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_MINUTES: z.coerce.number({ error: "must be a number of minutes" }).int("must be a whole number").min(1).max(1440).default(60),
  DASHBOARD_KEY: z.string().min(32, "must be at least 32 characters (e.g. openssl rand -hex 32)").optional(),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: "must be the http(s) address people's browsers reach the bot at, e.g. https://oversight.example.gov.uk" }).optional(),
  DASHBOARD_LINK_MINUTES: z.coerce.number({ error: "must be a number of minutes" }).int("must be a whole number").min(1).max(1440).default(15),
});

export { ConfigError };

/** Reads and checks the environment; the first problem is thrown as one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  // An empty variable (PORT=) means "not set", not zero or an empty path.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""));
  const parsed = Env.safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    // Secrets are never echoed, not even to the person starting the bot.
    const got = /secret|token|password|key/i.test(name) ? "value not shown" : `got "${withoutPassword(env[name] ?? "")}"`;
    throw new ConfigError(`Configuration: ${name} ${issue.message.replace(/^Invalid input: /, "")} (${got})`);
  }
  const e = parsed.data;
  let roleRanks: RoleRanks | undefined;
  if (e.ROLE_RANKS) {
    try {
      roleRanks = parseRoleRanks(e.ROLE_RANKS);
    } catch (error) {
      throw new ConfigError(`Configuration: ROLE_RANKS ${(error as Error).message} (expected e.g. practitioner=10,team-manager=30)`);
    }
  }
  const dataDir = path.resolve(cwd, e.DATA_DIR);
  const slack = slackConfig(e);
  let profile: PolicyProfile;
  try {
    // A shipped id ("kent") or an authority's own file, relative to the working directory.
    const isFile = /[\\/]|\.(ya?ml|json)$/i.test(e.POLICY_PROFILE);
    profile = loadProfile(isFile ? path.resolve(cwd, e.POLICY_PROFILE) : e.POLICY_PROFILE);
  } catch (error) {
    throw new ConfigError(`Configuration: POLICY_PROFILE ${(error as Error).message}`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `file:${path.join(dataDir, "oversight.db")}`,
    roleRanks: roleRanks ?? DEFAULT_ROLE_RANKS,
    profile,
    scheduler: e.SCHEDULER === "on",
    sweepSeconds: e.SWEEP_SECONDS,
    shutdownSeconds: e.SHUTDOWN_SECONDS,
    promptsFile: e.PROMPTS_FILE,
    console: e.CONSOLE,
    consoleUser: e.CONSOLE_USER,
    slack,
    teams: teamsConfig(e, slack !== null),
    auditCheckpoints: {
      envKey: e.AUDIT_CHECKPOINT_KEY,
      dir: e.AUDIT_CHECKPOINT_DIR ? path.resolve(cwd, e.AUDIT_CHECKPOINT_DIR) : path.join(dataDir, "checkpoints"),
      minutes: e.AUDIT_CHECKPOINT_MINUTES,
    },
    dashboard: { envKey: e.DASHBOARD_KEY, publicUrl: e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/+$/, "") : null, linkMinutes: e.DASHBOARD_LINK_MINUTES },
  };
}

/**
 * Teams is served with credentials, or anonymously for trying the bot locally: by default
 * (TEAMS=auto) only when no other platform is configured, so a Slack deployment does not
 * also expose an endpoint that checks nobody; TEAMS=on serves it anonymously anyway, off
 * never. An anonymous endpoint may only listen on loopback (docs/architecture.md#adapters).
 */
function teamsConfig(e: z.infer<typeof Env>, otherPlatform: boolean): TeamsConfig | null {
  if (e.TEAMS === "off") return null;
  if (!e.MicrosoftAppId) {
    if (e.MicrosoftAppPassword) throw new ConfigError("Configuration: MicrosoftAppId is needed with MicrosoftAppPassword (the bot's app id from its Azure registration)");
    if (e.BotOpenIdMetadata) throw new ConfigError("Configuration: MicrosoftAppId is needed with BotOpenIdMetadata (keys are only checked for a bot with an app id)");
    if (e.TEAMS === "auto" && otherPlatform) return null;
    if (!isLoopback(e.HOST)) {
      throw new ConfigError(`Configuration: HOST is ${e.HOST} but the Teams endpoint has no MicrosoftAppId, so it cannot check who calls it; set MicrosoftAppId and MicrosoftAppPassword, or TEAMS=off, or HOST=127.0.0.1`);
    }
    return { appId: null, appPassword: null, appType: e.MicrosoftAppType, tenantId: null, openIdMetadataUrl: null };
  }
  const managedIdentity = e.MicrosoftAppType === "UserAssignedMSI";
  if (!e.MicrosoftAppPassword && !managedIdentity) throw new ConfigError("Configuration: MicrosoftAppPassword is needed with MicrosoftAppId (the client secret of the bot's app registration)");
  if (e.MicrosoftAppPassword && managedIdentity) throw new ConfigError("Configuration: MicrosoftAppPassword must not be set when MicrosoftAppType is UserAssignedMSI (the managed identity has no secret)");
  if (e.MicrosoftAppType !== "MultiTenant" && !e.MicrosoftAppTenantId) throw new ConfigError(`Configuration: MicrosoftAppTenantId is needed when MicrosoftAppType is ${e.MicrosoftAppType}`);
  // Keys fetched over plain HTTP could be swapped by anyone in between: only on this machine.
  if (e.BotOpenIdMetadata && new URL(e.BotOpenIdMetadata).protocol !== "https:" && !isLoopback(new URL(e.BotOpenIdMetadata).hostname)) {
    throw new ConfigError("Configuration: BotOpenIdMetadata must be an https:// URL (signing keys fetched over plain HTTP could be forged)");
  }
  return { appId: e.MicrosoftAppId, appPassword: e.MicrosoftAppPassword ?? null, appType: e.MicrosoftAppType, tenantId: e.MicrosoftAppTenantId ?? null, openIdMetadataUrl: e.BotOpenIdMetadata ?? null };
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Slack needs a bot token and either a signing secret (HTTP) or an app token (Socket Mode). */
function slackConfig(e: z.infer<typeof Env>): SlackConfig | null {
  if (!e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) return null;
  if (!e.SLACK_BOT_TOKEN) throw new ConfigError("Configuration: SLACK_BOT_TOKEN is needed with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN (the bot token, xoxb-…)");
  if (!e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
    throw new ConfigError("Configuration: SLACK_SIGNING_SECRET is needed with SLACK_BOT_TOKEN (or SLACK_APP_TOKEN for Socket Mode)");
  }
  return {
    signingSecret: e.SLACK_SIGNING_SECRET ?? null,
    botToken: e.SLACK_BOT_TOKEN,
    // The Web API client joins method names onto the base: it must end in a slash.
    apiUrl: e.SLACK_API_URL ? e.SLACK_API_URL.replace(/\/?$/, "/") : undefined,
    appToken: e.SLACK_APP_TOKEN ?? null,
  };
}

/** A URL's password as ***: database URLs carry one. */
function withoutPassword(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, "$1***@");
}
