// `npm run db:migration -- <name>`: writes prisma/migrations/<UTC timestamp>_<name>/migration.sql
// and prisma/migrations-postgres/<the same>/migration.sql with what the schema has that the
// migrations so far do not, and regenerates prisma/schema.postgres.prisma; or says "no changes".
// `prisma migrate dev` does not work offline with the JS engine (docs/architecture.md#toolchain-notes), so
// for SQLite this diffs the migrations (replayed in the shadow database, see prisma.config.ts)
// against the schema; for PostgreSQL it diffs the PostgreSQL schema as it was (which the
// PostgreSQL migrations match: tests/storage/postgres-schema.test.ts) against the new one, which
// needs no database. The bot applies new migrations itself at start-up
// (src/storage/prisma/migrate.ts, migrate-postgres.ts).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { POSTGRES_SCHEMA, postgresSchema } from "./postgres-schema.ts";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const migrationsDir = path.join(root, "prisma", "migrations");
const postgresMigrationsDir = path.join(root, "prisma", "migrations-postgres");
const schema = path.join(root, "prisma", "schema.prisma");

const raw = process.argv.slice(2).join("_");
const name = raw.trim().toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
if (!name) {
  console.error("Usage: npm run db:migration -- <name>   (e.g. add_note_tags)");
  process.exit(1);
}

const folder = `${utcTimestamp(new Date())}_${name}`;
const latest = [migrationsDir, postgresMigrationsDir]
  .flatMap((dir) => readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name))
  .sort()
  .at(-1);
if (latest !== undefined && folder <= latest) {
  console.error(`A migration named ${folder} would sort before the latest one, ${latest}: check the clock.`);
  process.exit(1);
}

const scratch = mkdtempSync(path.join(os.tmpdir(), "oversight-migration-"));
try {
  // Every CLI command opens the configured database; keep it away from real data.
  const sqlite = diff(["--from-migrations", migrationsDir, "--to-schema-datamodel", schema]);
  const newPostgresSchema = path.join(scratch, "schema.postgres.prisma");
  writeFileSync(newPostgresSchema, postgresSchema(readFileSync(schema, "utf8")));
  const postgres = diff(["--from-schema-datamodel", POSTGRES_SCHEMA, "--to-schema-datamodel", newPostgresSchema]);
  if (sqlite === null && postgres === null) {
    console.log("no changes");
  } else {
    if (sqlite !== null) write(migrationsDir, "prisma/migrations", sqlite);
    if (postgres !== null) write(postgresMigrationsDir, "prisma/migrations-postgres", postgres);
    writeFileSync(POSTGRES_SCHEMA, readFileSync(newPostgresSchema, "utf8"));
    console.log("regenerated prisma/schema.postgres.prisma; run `npm run db:generate` for the clients");
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

/** The migration script between two states, or null when there is no change. */
function diff(between: string[]): string | null {
  const script = path.join(scratch, "migration.sql");
  rmSync(script, { force: true });
  const result = spawnSync(path.join(root, "node_modules", ".bin", "prisma"), ["migrate", "diff", ...between, "--script", "--exit-code", "-o", script], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: `file:${path.join(scratch, "unused.db")}` },
  });
  if (result.status === 0) return null;
  if (result.status === 2) return readFileSync(script, "utf8");
  throw new Error(`${result.stdout}${result.stderr}prisma migrate diff failed (exit ${result.status ?? result.signal})`);
}

function write(dir: string, shown: string, sql: string): void {
  const target = path.join(dir, folder);
  mkdirSync(target);
  writeFileSync(path.join(target, "migration.sql"), sql);
  console.log(`created ${shown}/${folder}/migration.sql:\n`);
  console.log(sql);
}

function utcTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}
