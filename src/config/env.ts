import path from "node:path";
import { z } from "zod";
import { DEFAULT_ROLE_RANKS, parseRoleRanks, type RoleRanks } from "../domain/people.ts";

/** The bot's configuration, read from the environment once at start-up. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  dataDir: string;
  roleRanks: RoleRanks;
  endOfDay: { hour: number; minute: number };
  noteCompleteHours: number;
  promptsFile: string | undefined;
  console: "auto" | "on" | "off";
  /** Console user handle to act as (otherwise the console asks). */
  consoleUser: string | undefined;
}

const Env = z.object({
  PORT: z.coerce.number({ error: "must be a port number" }).int("must be a whole number").min(0).max(65535).default(3978),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default("data"),
  DATABASE_URL: z
    .string()
    .regex(/^file:.+/, "must be a SQLite file URL like file:./data/oversight.db")
    .optional(),
  ROLE_RANKS: z.string().optional(),
  END_OF_DAY: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time like 17:30")
    .default("17:30"),
  NOTE_COMPLETE_HOURS: z.coerce.number({ error: "must be a number of hours" }).int("must be a whole number").positive().max(24 * 30).default(48),
  PROMPTS_FILE: z.string().min(1).optional(),
  CONSOLE: z.enum(["auto", "on", "off"]).default("auto"),
  CONSOLE_USER: z.string().min(1).optional(),
});

export class ConfigError extends Error {}

/** Reads and checks the environment; the first problem is thrown as one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  // An empty variable (PORT=) means "not set", not zero or an empty path.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""));
  const parsed = Env.safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    throw new ConfigError(`Configuration: ${name} ${issue.message.replace(/^Invalid input: /, "")} (got "${env[name] ?? ""}")`);
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
  const [hour, minute] = e.END_OF_DAY.split(":").map(Number) as [number, number];
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `file:${path.join(dataDir, "oversight.db")}`,
    roleRanks: roleRanks ?? DEFAULT_ROLE_RANKS,
    endOfDay: { hour, minute },
    noteCompleteHours: e.NOTE_COMPLETE_HOURS,
    promptsFile: e.PROMPTS_FILE,
    console: e.CONSOLE,
    consoleUser: e.CONSOLE_USER,
  };
}
