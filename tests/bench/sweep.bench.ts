// Benchmark (docs/design.md#quality-targets): "a scheduler sweep over 100,000 pending deadlines claims the due
// ones in under 100 ms". 100,000 pending reminders, 1,000 of them due; each round times one
// `claimDue(now, 1000, lease, token)` through the repository (Prisma, SQLite WAL), then puts
// the claimed rows back as they were. For comparison, the same claim as raw better-sqlite3
// statements (the floor).
// Run: npx tsx tests/bench/sweep.bench.ts [rounds]   (BENCH_LAYOUT=clustered: due rows together)
import path from "node:path";
import Database from "better-sqlite3";
import { migrateSqlite } from "../../src/storage/prisma/migrate.ts";
import { openSqliteStorage } from "../../src/storage/prisma/open-sqlite.ts";
import { tempDir } from "../support/spawn.ts";

const PENDING = 100_000;
const DUE = 1_000;
const ROUNDS = Number(process.argv[2] ?? 30);
const WARM_UP = 3;
const LEASE_MS = 10 * 60_000;
const NOW = new Date("2026-11-24T11:00:00Z");
/**
 * Where the due rows sit in the table: "spread" (default) one in every 100 rows, as when due
 * times bear no relation to the order reminders were scheduled in, so each claimed row is on a
 * different page; "clustered": the first 1,000 rows, a few dozen pages.
 */
const LAYOUT = process.env.BENCH_LAYOUT === "clustered" ? "clustered" : "spread";

const file = path.join(tempDir("bench-sweep-"), "sweep.db");
/** How the driver adapter stores a DateTime on SQLite (its default "iso8601" format). */
const stored = (d: Date) => d.toISOString().replace("Z", "+00:00");

/** 100,000 pending "before" reminders: 1,000 due over the last hour, the rest over the next 60 days. */
function seed(db: Database.Database): Set<string> {
  const insert = db.prepare(`INSERT INTO "Reminder" (id, key, kind, deadlineId, aboutId, recipientId, dueAt, availableAt, status, attempts, claimToken, lastError, sentAt, createdAt)
    VALUES (?, ?, 'before', NULL, ?, ?, ?, ?, 'pending', 0, NULL, NULL, NULL, ?)`);
  const created = stored(new Date(NOW.getTime() - 7 * 86_400_000));
  const due = new Set<string>();
  const step = PENDING / DUE;
  db.transaction(() => {
    for (let i = 0; i < PENDING; i++) {
      const id = `r${String(i).padStart(6, "0")}`;
      const isDue = LAYOUT === "spread" ? i % step === 0 : i < DUE;
      const offset = isDue ? -Math.floor(Math.random() * 3_600_000) : 60_000 + Math.floor(Math.random() * 60 * 86_400_000);
      const at = stored(new Date(NOW.getTime() + offset));
      const person = `p${i % 500}`;
      insert.run(id, `bench|${id}`, person, person, at, at, created);
      if (isDue) due.add(id);
    }
  })();
  return due;
}

/** Puts claimed rows back (available at their due time, no claim), then checkpoints the WAL. */
function reset(db: Database.Database): void {
  const { changes } = db.prepare(`UPDATE "Reminder" SET availableAt = dueAt, claimToken = NULL WHERE claimToken IS NOT NULL`).run();
  if (changes !== DUE) throw new Error(`reset ${changes} rows, expected ${DUE}`);
  db.pragma("wal_checkpoint(TRUNCATE)");
}

/** The repository's claim as the same two statements, straight through better-sqlite3: the floor. */
function rawClaim(db: Database.Database, now: Date, limit: number, token: string): unknown[] {
  const due = db.prepare(`SELECT id FROM "Reminder" WHERE status = 'pending' AND availableAt <= ? ORDER BY availableAt, id LIMIT ?`).pluck().all(stored(now), limit);
  if (due.length === 0) return [];
  return db
    .prepare(
      `UPDATE "Reminder" SET claimToken = ?, availableAt = ?
       WHERE id IN (SELECT id FROM "Reminder" WHERE status = 'pending' AND availableAt <= ? ORDER BY availableAt, id LIMIT ?)
       AND status = 'pending' AND availableAt <= ? RETURNING *`,
    )
    .all(token, stored(new Date(now.getTime() + LEASE_MS)), stored(now), limit, stored(now));
}

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { min: sorted[0]!, median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1]! };
}

const fmt = (s: ReturnType<typeof summary>) => `min ${s.min.toFixed(1)} ms, median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(1)} ms`;

migrateSqlite(file, path.resolve("prisma/migrations"));
const raw = new Database(file);
raw.pragma("journal_mode = WAL");
const seedStart = performance.now();
const dueIds = seed(raw);
raw.pragma("wal_checkpoint(TRUNCATE)");
console.log(`seeded ${PENDING} pending reminders (${DUE} due, ${LAYOUT}) in ${(performance.now() - seedStart).toFixed(0)} ms`);

const storage = await openSqliteStorage(`file:${file}`);
const repository: number[] = [];
for (let round = 0; round < WARM_UP + ROUNDS; round++) {
  const start = performance.now();
  const claimed = await storage.schedule.claimDue(NOW, DUE, LEASE_MS, `bench-${round}`);
  const elapsed = performance.now() - start;
  if (claimed.length !== DUE || claimed.some((r) => !dueIds.has(r.id))) throw new Error(`round ${round}: claimed ${claimed.length}, expected the ${DUE} due`);
  if (round >= WARM_UP) repository.push(elapsed);
  reset(raw);
}
await storage.close();

const bare: number[] = [];
for (let round = 0; round < WARM_UP + ROUNDS; round++) {
  const start = performance.now();
  const claimed = rawClaim(raw, NOW, DUE, `raw-${round}`);
  const elapsed = performance.now() - start;
  if (claimed.length !== DUE) throw new Error(`raw round ${round}: claimed ${claimed.length}`);
  if (round >= WARM_UP) bare.push(elapsed);
  reset(raw);
}
raw.close();

console.log(`claimDue of ${DUE} due among ${PENDING} pending, ${ROUNDS} rounds after ${WARM_UP} warm-up, each claiming exactly the ${DUE} due`);
console.log(`repository (Prisma): ${fmt(summary(repository))}`);
console.log(`raw better-sqlite3:  ${fmt(summary(bare))}`);
const { median, p95 } = summary(repository);
console.log(`target < 100 ms: ${p95 < 100 ? "met (95th percentile)" : median < 100 ? "met by the median, not the 95th percentile" : "missed"}`);
