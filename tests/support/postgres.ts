// PostgreSQL for tests: the machine's server (127.0.0.1:5432, user postgres, trust auth; set
// POSTGRES_TEST_URL to use another), a migrated template database made once per test file, and
// a fresh database copied from it per `freshPostgresUrl()`, all dropped when the file ends.
// Without a server, `postgresTests` skips its suites and says so; under CI it fails instead:
// CI never skips the PostgreSQL run.
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterAll, describe } from "vitest";
import { migratePostgres } from "../../src/storage/prisma/migrate-postgres.ts";

const SERVER = process.env.POSTGRES_TEST_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** Why PostgreSQL tests cannot run here, or null when they can. */
const unavailable: string | null = await reachable();

async function reachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: SERVER, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    return `no PostgreSQL at ${redacted(SERVER)} (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

if (unavailable && process.env.CI) {
  throw new Error(`PostgreSQL tests cannot run: ${unavailable}. CI must run them (.ci/run starts the server).`);
}

/** `describe`, when PostgreSQL is reachable; otherwise a skipped suite whose name says why. */
export function postgresTests(name: string, body: () => void): void {
  if (!unavailable) {
    describe(name, body);
    return;
  }
  process.stderr.write(`PostgreSQL run skipped (${name}): ${unavailable}\n`);
  describe.skip(`${name} — skipped: ${unavailable}`, body);
}

const prefix = `oversight_test_${process.pid}_${randomBytes(3).toString("hex")}`;
const created: string[] = [];
let template: Promise<string> | null = null;

/** A new, migrated, empty database; its URL. Dropped after the test file. */
export async function freshPostgresUrl(): Promise<string> {
  template ??= createDatabase(`${prefix}_template`, null).then(async (name) => {
    await migratePostgres(urlOf(name), path.resolve("prisma/migrations-postgres"));
    return name;
  });
  const from = await template;
  return urlOf(await createDatabase(`${prefix}_${created.length}`, from));
}

/** A new, empty database with nothing in it (not migrated); its URL. Dropped after the test file. */
export async function emptyPostgresUrl(): Promise<string> {
  return urlOf(await createDatabase(`${prefix}_${created.length}`, null));
}

/** A new database copied from the one at `url` (which nothing may be connected to); its URL. Dropped after the test file. */
export async function copyPostgresDatabase(url: string): Promise<string> {
  return urlOf(await createDatabase(`${prefix}_${created.length}`, new URL(url).pathname.slice(1)));
}

async function createDatabase(name: string, template: string | null): Promise<string> {
  await admin(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  created.push(name);
  return name;
}

afterAll(async () => {
  // Newest first: the template goes last, once nothing is being copied from it.
  for (const name of created.splice(0).reverse()) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function urlOf(database: string): string {
  const url = new URL(SERVER);
  url.pathname = `/${database}`;
  return url.toString();
}

function redacted(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}
