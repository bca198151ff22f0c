import { randomUUID } from "node:crypto";
import pg from "pg";
import { appliedNames, readMigrations, type MigrationRow } from "./migrate.ts";

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
 * Example: await migratePostgres("postgresql://oversight@db/oversight", "prisma/migrations-postgres").
 */
export async function migratePostgres(url: string, migrationsDir: string): Promise<{ applied: string[] }> {
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
    return { applied };
  } finally {
    // Ending the session releases the advisory lock too.
    await client.end();
  }
}
