import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { guardsOf, sameStatement } from "./append-only.ts";

/**
 * Prisma's own bookkeeping table, exactly as `prisma migrate deploy` creates it for SQLite,
 * so `prisma migrate status` and `deploy` agree with what this module applied.
 */
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export interface MigrationRow {
  migration_name: string;
  finished_at: string | null;
  rolled_back_at: string | null;
}

/**
 * Applies every migration folder's migration.sql not yet applied to the SQLite file, each in
 * its own transaction, and records it in `_prisma_migrations` as Prisma does (sha256 of the
 * file as checksum). Safe when two processes start together: each migration is applied under
 * the write lock (BEGIN IMMEDIATE) after re-checking that no one applied it meanwhile.
 * Then puts back any append-only trigger that is missing or changed (append-only.ts), naming it
 * in `restored`.
 * Example: migrateSqlite("/srv/oversight/data/oversight.db", "prisma/migrations") → { applied: [], restored: [] }.
 */
export function migrateSqlite(file: string, migrationsDir: string): { applied: string[]; restored: string[] } {
  const migrations = readMigrations(migrationsDir);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, { timeout: 5000 });
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    // Only when missing: even CREATE TABLE IF NOT EXISTS would wait for another writer's lock.
    const hasTable = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get();
    if (!hasTable) db.exec(MIGRATIONS_TABLE);
    const rows = db.prepare<[], MigrationRow>(`SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"`);
    const insert = db.prepare(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
    );
    const applied: string[] = [];
    for (const migration of migrations) {
      const done = () => appliedNames(rows.all());
      if (done().has(migration.name)) continue; // the common case, without taking the write lock
      const startedAt = prismaTimestamp(new Date());
      const apply = db.transaction(() => {
        if (done().has(migration.name)) return false;
        db.exec(migration.sql);
        insert.run(randomUUID(), migration.checksum, prismaTimestamp(new Date()), migration.name, startedAt);
        return true;
      });
      try {
        if (apply.immediate()) applied.push(migration.name);
      } catch (error) {
        throw new Error(`Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`, { cause: error });
      }
    }
    return { applied, restored: restoreSqliteGuards(db, migrations) };
  } finally {
    db.close();
  }
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** Migration folders in name order (their names start with a UTC timestamp), as Prisma reads them. */
export function readMigrations(migrationsDir: string): Migration[] {
  if (!existsSync(migrationsDir)) throw new Error(`No migrations folder at ${migrationsDir}`);
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(migrationsDir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(path.join(migrationsDir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    });
}

/** The names of the migrations this build ships (its migration folders), in order: what readiness compares the database's with. */
export function shippedMigrations(migrationsDir: string): string[] {
  return readMigrations(migrationsDir).map((m) => m.name);
}

/**
 * Names of migrations that finished. One that started and never finished (left by a failed
 * `prisma migrate deploy`) needs a person to look at it, as Prisma itself insists (P3009).
 */
export function appliedNames(rows: MigrationRow[]): Set<string> {
  const names = new Set<string>();
  for (const row of rows) {
    if (row.rolled_back_at !== null) continue;
    if (row.finished_at === null) {
      throw new Error(`Migration ${row.migration_name} is recorded as failed; resolve it with \`prisma migrate resolve\` first`);
    }
    names.add(row.migration_name);
  }
  return names;
}

/** Re-creates the append-only triggers the file lacks or has changed, under the write lock; their names. */
function restoreSqliteGuards(db: Database.Database, migrations: readonly Migration[]): string[] {
  const guards = guardsOf(migrations).filter((guard) => guard.kind === "trigger");
  const stored = db.prepare<[], { name: string; sql: string }>(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`);
  const wrong = () => {
    const have = new Map(stored.all().map((row) => [row.name, row.sql]));
    return guards.filter((guard) => !sameStatement(have.get(guard.name) ?? "", guard.sql)).map((guard) => ({ guard, present: have.has(guard.name) }));
  };
  if (wrong().length === 0) return []; // every start-up: one read, no lock
  const restore = db.transaction(() =>
    wrong().map(({ guard, present }) => {
      if (present) db.exec(`DROP TRIGGER "${guard.name}"`);
      db.exec(guard.sql);
      return guard.name;
    }),
  );
  return restore.immediate();
}

/** The text form Prisma's SQLite adapter writes DateTime values in: `2026-11-23T14:14:11.121+00:00`. */
function prismaTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}
