import { randomUUID } from "node:crypto";
import pg from "pg";
import { functionBody, guardsOf, sameStatement } from "./append-only.ts";
import { appliedNames, readMigrations, type Migration, type MigrationRow } from "./migrate.ts";

/** Prisma's bookkeeping table, exactly as `prisma migrate deploy` creates it for PostgreSQL. */
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** The session advisory lock migrating holds: any fixed number, shared by every process of the bot. */
const MIGRATION_LOCK = 7_236_051_001;

/**
 * Applies every migration folder's migration.sql not yet applied to the PostgreSQL database,
 * each in its own transaction, and records it in `_prisma_migrations` as Prisma does (so
 * `prisma migrate status` agrees). Two processes starting together do not race: each holds
 * an advisory lock while it checks and applies, so the second finds the work done.
 * Then, still under the lock, puts back any append-only trigger or trigger function that is
 * missing, disabled or changed (append-only.ts), naming it in `restored`.
 * Example: await migratePostgres("postgresql://oversight@db/oversight", "prisma/migrations-postgres").
 */
export async function migratePostgres(url: string, migrationsDir: string): Promise<{ applied: string[]; restored: string[] }> {
  const migrations = readMigrations(migrationsDir);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    await client.query(MIGRATIONS_TABLE);
    const { rows } = await client.query<MigrationRow>(`SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"`);
    const done = appliedNames(rows);
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      const startedAt = new Date();
      try {
        await client.query("BEGIN");
        await client.query(migration.sql); // one simple query: the whole file, functions and all
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)`,
          [randomUUID(), migration.checksum, migration.name, startedAt],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw new Error(`Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`, { cause: error });
      }
      applied.push(migration.name);
    }
    return { applied, restored: await restorePostgresGuards(client, migrations) };
  } finally {
    // Ending the session releases the advisory lock too.
    await client.end();
  }
}

/** Re-creates the append-only trigger functions and triggers the database lacks, has disabled or has changed; their names. */
async function restorePostgresGuards(client: pg.Client, migrations: readonly Migration[]): Promise<string[]> {
  const guards = guardsOf(migrations);
  const functions = guards.filter((guard) => guard.kind === "function");
  const triggers = guards.filter((guard) => guard.kind === "trigger");
  const { rows: bodies } = await client.query<{ name: string; body: string }>(
    `SELECT p.proname AS name, p.prosrc AS body FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema()`,
  );
  const { rows: present } = await client.query<{ name: string; fn: string; enabled: string }>(
    `SELECT t.tgname AS name, p.proname AS fn, t.tgenabled AS enabled FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
     JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND n.nspname = current_schema()`,
  );
  const bodyOf = new Map(bodies.map((row) => [row.name, row.body]));
  const triggerOf = new Map(present.map((row) => [row.name, row]));
  const restored: string[] = [];
  await client.query("BEGIN");
  try {
    for (const guard of functions) {
      const body = bodyOf.get(guard.name);
      if (body !== undefined && sameStatement(body, functionBody(guard.sql))) continue;
      await client.query(guard.sql.replace(/^CREATE\s+(OR\s+REPLACE\s+)?FUNCTION/i, "CREATE OR REPLACE FUNCTION"));
      restored.push(guard.name);
    }
    for (const guard of triggers) {
      const have = triggerOf.get(guard.name);
      const calls = /EXECUTE\s+(?:FUNCTION|PROCEDURE)\s+"?([^"(\s]+)"?\s*\(/i.exec(guard.sql)?.[1];
      if (have && have.enabled !== "D" && have.fn === calls) continue;
      const table = /\bON\s+("[^"]+")/i.exec(guard.sql)?.[1];
      if (have && table) await client.query(`DROP TRIGGER "${guard.name}" ON ${table}`);
      await client.query(guard.sql);
      restored.push(guard.name);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
  return restored;
}
