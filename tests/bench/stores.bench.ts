// SQLite beside PostgreSQL, in one run (issue 15 items 2 and 7): each measurement alternates
// between the two stores, round by round, so a busy machine slows both alike.
//   1. Importing a 10,000-person roster CSV (importRoster: validation and saveAll), new and again.
//   2. A decision turn (`/oversight <decision>` read into a draft, in process) with 10 people on
//      the roster and with 10,000: the ratio says whether a turn grows with the roster.
//   3. The sweep's claim of the 1,000 due among 100,000 pending reminders (claimDue), reset
//      after each round.
// Run: npx tsx tests/bench/stores.bench.ts [rounds]   (PostgreSQL: 127.0.0.1:5432, or POSTGRES_TEST_URL's server)
import path from "node:path";
import { performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { handleInbound } from "../../src/bot/inbound.ts";
import { systemClock } from "../../src/domain/clock.ts";
import { silentLogger } from "../../src/logger.ts";
import type { Storage } from "../../src/ports/storage.ts";
import { loadPrompts } from "../../src/prompts/prompts.ts";
import { DEFAULT_SETTINGS, type Core } from "../../src/services/core.ts";
import { importRoster } from "../../src/services/import-roster.ts";
import { openStorage } from "../../src/storage/prisma/open-storage.ts";
import { team } from "../support/fixtures.ts";
import { tempDir } from "../support/spawn.ts";

const ROUNDS = Number(process.argv[2] ?? 5);
const TURNS_PER_ROUND = 100;
const PENDING = 100_000;
const DUE = 1_000;
const NOW = new Date("2026-11-24T11:00:00Z");
const SERVER = process.env.POSTGRES_TEST_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const dir = tempDir("bench-stores-");
const admin = new pg.Client({ connectionString: SERVER });
await admin.connect();
const databases: string[] = [];

interface Store {
  name: "SQLite" | "PostgreSQL";
  fresh(): Promise<string>;
  /** 100,000 pending reminders, 1,000 due, written straight to the database at `url`. */
  seedReminders(url: string): Promise<void>;
  /** Every claim undone (as after a round of the sweep). */
  resetClaims(url: string): Promise<void>;
}

let files = 0;
const sqlite: Store = {
  name: "SQLite",
  fresh: async () => `file:${path.join(dir, `db${++files}`, "oversight.db")}`,
  seedReminders: async (url) => {
    const db = new Database(url.slice("file:".length));
    const stored = (d: Date) => d.toISOString().replace("Z", "+00:00"); // the driver adapter's DateTime format
    const insert = db.prepare(`INSERT INTO "Reminder" (id, key, kind, aboutId, recipientId, dueAt, availableAt, status, attempts, createdAt)
      VALUES (?, ?, 'before', ?, ?, ?, ?, 'pending', 0, ?)`);
    db.transaction(() => {
      for (let i = 0; i < PENDING; i++) {
        const at = stored(new Date(NOW.getTime() + dueOffset(i)));
        insert.run(`r${i}`, `bench|r${i}`, `p${i % 500}`, `p${i % 500}`, at, at, stored(NOW));
      }
    })();
    db.close();
  },
  resetClaims: async (url) => {
    const db = new Database(url.slice("file:".length));
    db.prepare(`UPDATE "Reminder" SET availableAt = dueAt, claimToken = NULL WHERE claimToken IS NOT NULL`).run();
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.close();
  },
};

const postgres: Store = {
  name: "PostgreSQL",
  fresh: async () => {
    const name = `oversight_bench_${randomBytes(4).toString("hex")}`;
    await admin.query(`CREATE DATABASE ${name}`);
    databases.push(name);
    const url = new URL(SERVER);
    url.pathname = `/${name}`;
    return url.toString();
  },
  seedReminders: async (url) => {
    await withClient(url, async (c) => {
      const values: string[] = [];
      for (let i = 0; i < PENDING; i++) {
        const at = new Date(NOW.getTime() + dueOffset(i)).toISOString();
        values.push(`('r${i}','bench|r${i}','before','p${i % 500}','p${i % 500}','${at}','${at}','pending',0,'${NOW.toISOString()}')`);
        if (values.length === 5000 || i === PENDING - 1) {
          await c.query(`INSERT INTO "Reminder" (id, key, kind, "aboutId", "recipientId", "dueAt", "availableAt", status, attempts, "createdAt") VALUES ${values.join(",")}`);
          values.length = 0;
        }
      }
      await c.query(`VACUUM ANALYZE "Reminder"`);
    });
  },
  resetClaims: (url) => withClient(url, async (c) => void (await c.query(`UPDATE "Reminder" SET "availableAt" = "dueAt", "claimToken" = NULL WHERE "claimToken" IS NOT NULL`))),
};

async function withClient(url: string, work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/** One reminder in every 100 due within the last hour; the rest over the next 60 days. */
function dueOffset(i: number): number {
  return i % (PENDING / DUE) === 0 ? -((i * 7919) % 3_600_000) : 60_000 + ((i * 104_729) % (60 * 86_400_000));
}

async function coreOn(url: string): Promise<Core> {
  const storage = await openStorage(url, { clock: systemClock });
  let n = 0;
  return { storage, clock: systemClock, newId: () => `id${++n}${randomBytes(3).toString("hex")}`, settings: DEFAULT_SETTINGS, prompts: loadPrompts() };
}

/** A roster CSV of 10,000 people: a service manager, 100 team managers, 99 practitioners each. */
function rosterCsv(): string {
  const rows = ["handle,name,role,line_manager,team,slack_user_id,teams_user_id,email,deputy", "lee,Lee Okafor,service-manager,,North,,,lee@example.org,"];
  for (let t = 0; t < 100; t++) {
    rows.push(`tm${t},Manager ${t},team-manager,lee,Team ${t},UTM${t},,tm${t}@example.org,`);
    for (let i = 0; i < 99; i++) rows.push(`w${t}x${i},Worker ${t} ${i},practitioner,tm${t},Team ${t},UW${t}X${i},,w${t}x${i}@example.org,`);
  }
  return rows.slice(0, 10_001).join("\n") + "\n";
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const stores = [sqlite, postgres];
const rows: string[] = [];
const report = (line: string) => (console.log(line), rows.push(line));

// 1. Roster import, alternating stores, a fresh database each round.
const csv = rosterCsv();
const importMs: Record<string, { created: number[]; updated: number[] }> = { SQLite: { created: [], updated: [] }, PostgreSQL: { created: [], updated: [] } };
for (let round = 0; round < ROUNDS; round++) {
  for (const store of stores) {
    const core = await coreOn(await store.fresh());
    for (const phase of ["created", "updated"] as const) {
      const started = performance.now();
      const result = await importRoster(core, null, csv);
      if (!result.ok || result.imported !== 10_000) throw new Error(`${store.name}: import failed: ${JSON.stringify(result).slice(0, 300)}`);
      importMs[store.name]![phase].push(performance.now() - started);
    }
    await core.storage.close();
  }
}
for (const store of stores) {
  const m = importMs[store.name]!;
  report(`roster import, 10,000 people, ${store.name}: new ${(median(m.created) / 1000).toFixed(2)} s, again ${(median(m.updated) / 1000).toFixed(2)} s (median of ${ROUNDS})`);
}

// 2. Decision turns with 10 and with 10,000 people on the roster.
const mo = { platform: "console" as const, externalId: "mo" };
let case_ = 0;
async function turns(core: Core, count: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const n = ++case_;
    const reply = await handleInbound(core, silentLogger, {
      kind: "command",
      eventId: `e${n}`,
      actor: mo,
      text: `CR-${10000 + n} discussed today with @sam. Issue: missed visits. Decision: visit weekly. Because: mum is engaging. Actions: Sam to visit by Friday`,
    });
    if (!reply.form) throw new Error(`turn made no form: ${reply.message?.text}`);
  }
  return (performance.now() - started) / count;
}
const decisionCores: { store: Store; people: number; core: Core; ms: number[] }[] = [];
for (const store of stores) {
  for (const people of [10, 10_000]) {
    const core = await coreOn(await store.fresh());
    await core.storage.people.saveAll(team(), systemClock.now());
    if (people > 10) await importRoster(core, null, csv.replace(/^lee,.*\n/m, "").replace(/,lee,/g, ",,"));
    await turns(core, 50); // warm-up
    decisionCores.push({ store, people, core, ms: [] });
  }
}
for (let round = 0; round < ROUNDS; round++) {
  for (const entry of decisionCores) entry.ms.push(await turns(entry.core, TURNS_PER_ROUND));
}
for (const store of stores) {
  const [small, large] = decisionCores.filter((e) => e.store === store).map((e) => median(e.ms));
  report(`decision turn, ${store.name}: ${small!.toFixed(2)} ms with 10 people, ${large!.toFixed(2)} ms with 10,000 (ratio ${(large! / small!).toFixed(2)}; median of ${ROUNDS} × ${TURNS_PER_ROUND} turns)`);
}
for (const entry of decisionCores) await entry.core.storage.close();

// 3. The sweep's claim: 1,000 due among 100,000 pending.
const sweeps: { store: Store; url: string; storage: Storage; ms: number[] }[] = [];
for (const store of stores) {
  const url = await store.fresh();
  const storage = await openStorage(url, { clock: systemClock });
  await store.seedReminders(url);
  sweeps.push({ store, url, storage, ms: [] });
}
for (let round = 0; round < ROUNDS + 2; round++) {
  for (const sweep of sweeps) {
    const started = performance.now();
    const claimed = await sweep.storage.schedule.claimDue(NOW, DUE, 600_000, `bench-${round}`);
    const ms = performance.now() - started;
    if (claimed.length !== DUE) throw new Error(`${sweep.store.name}: claimed ${claimed.length}, expected ${DUE}`);
    if (round >= 2) sweep.ms.push(ms); // two warm-up rounds
    await sweep.store.resetClaims(sweep.url);
  }
}
for (const sweep of sweeps) {
  report(`sweep claim of 1,000 due among 100,000 pending, ${sweep.store.name}: ${median(sweep.ms).toFixed(1)} ms (median of ${ROUNDS}; min ${Math.min(...sweep.ms).toFixed(1)}, max ${Math.max(...sweep.ms).toFixed(1)})`);
  await sweep.storage.close();
}

for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await admin.end();
