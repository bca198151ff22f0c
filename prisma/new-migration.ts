// `npm run db:migration -- <name>`: writes prisma/migrations/<UTC timestamp>_<name>/migration.sql
// with what the schema has that the migrations so far do not, or says "no changes".
// `prisma migrate dev` does not work offline with the JS engine (docs/architecture.md#toolchain-notes), so
// this diffs the migrations (replayed in the shadow database, see prisma.config.ts) against
// the schema. The bot applies new migrations itself at start-up (src/storage/prisma/migrate.ts).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const migrationsDir = path.join(root, "prisma", "migrations");
const schema = path.join(root, "prisma", "schema.prisma");

const raw = process.argv.slice(2).join("_");
const name = raw.trim().toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
if (!name) {
  console.error("Usage: npm run db:migration -- <name>   (e.g. add_note_tags)");
  process.exit(1);
}

const folder = `${utcTimestamp(new Date())}_${name}`;
const latest = readdirSync(migrationsDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort().at(-1);
if (latest !== undefined && folder <= latest) {
  console.error(`A migration named ${folder} would sort before the latest one, ${latest}: check the clock.`);
  process.exit(1);
}

const scratch = mkdtempSync(path.join(os.tmpdir(), "oversight-migration-"));
try {
  const script = path.join(scratch, "migration.sql");
  const result = spawnSync(
    path.join(root, "node_modules", ".bin", "prisma"),
    ["migrate", "diff", "--from-migrations", migrationsDir, "--to-schema-datamodel", schema, "--script", "--exit-code", "-o", script],
    // Every CLI command opens the configured database; keep it away from real data.
    { cwd: root, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", env: { ...process.env, DATABASE_URL: `file:${path.join(scratch, "unused.db")}` } },
  );
  if (result.status === 0) {
    console.log("no changes");
  } else if (result.status === 2) {
    const target = path.join(migrationsDir, folder);
    mkdirSync(target);
    renameSync(script, path.join(target, "migration.sql"));
    console.log(`created prisma/migrations/${folder}/migration.sql:\n`);
    console.log(readFileSync(path.join(target, "migration.sql"), "utf8"));
  } else {
    process.stderr.write(result.stdout + result.stderr);
    console.error(`prisma migrate diff failed (exit ${result.status ?? result.signal})`);
    process.exitCode = 1;
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

function utcTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}
