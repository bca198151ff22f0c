// docs/architecture.md#scheduler: due rows are claimed atomically, so two bot processes never
// send a reminder twice, and a process killed mid-send resumes after restart without losing
// any. Real databases (a SQLite file; PostgreSQL), real processes (tests/support/sweep-child.ts),
// a real SIGKILL.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Deadline } from "../../src/domain/deadline.ts";
import type { NewReminder } from "../../src/domain/reminder.ts";
import { DEFAULT_SETTINGS } from "../../src/services/core.ts";
import { openStorage } from "../../src/storage/prisma/open-storage.ts";
import { completeFields, team } from "../support/fixtures.ts";
import { ROOT, tempDir } from "../support/spawn.ts";
import { describeEachStore, type TestStore } from "../support/stores.ts";

// tsx as a loader in the one process, not its CLI: the CLI runs the script in a second process,
// which a SIGKILL to the first would leave running.
const TSX_LOADER = pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;
const CHILD = path.join(ROOT, "tests/support/sweep-child.ts");

const REMINDERS = 500;
// Tue 24 Nov 2026 11:00 GMT: inside London working hours, not a bank holiday.
const SWEEP_NOW = "2026-11-24T11:00:00Z";
const SEEDED_AT = new Date("2026-11-23T15:00:00Z");
const DUE_AT = new Date("2026-11-24T10:59:00Z");
const DEADLINE = new Date("2026-11-25T14:10:00Z");
const LEASE_MS = 60_000;
const ids = Array.from({ length: REMINDERS }, (_, i) => `r${String(i).padStart(3, "0")}`);

const dir = tempDir("durability-");

/**
 * A note with 500 open deadlines, each with one "before" reminder to mo due a minute before
 * SWEEP_NOW. One deadline per reminder: two due reminders of one deadline and recipient would
 * supersede each other and only the later would go.
 */
async function seedTemplate(template: string): Promise<void> {
  const storage = await openStorage(template);
  try {
    await storage.people.saveAll(team(), SEEDED_AT);
    await storage.notes.create({ id: "n1", sourceKey: null, status: "draft", fields: completeFields(), createdAt: SEEDED_AT, createdById: "p-mo", recorderId: "p-mo" });
    const reminders: NewReminder[] = [];
    for (const [i, id] of ids.entries()) {
      const deadline: Deadline = {
        id: `note.complete:n1#${i}`,
        rule: "note.complete",
        subjectType: "note",
        subjectId: "n1",
        noteId: "n1",
        profileId: DEFAULT_SETTINGS.profile.id,
        fromAt: SEEDED_AT,
        dueAt: DEADLINE,
        explain: "48 hours after Mon 23 Nov 2026 14:10: Wed 25 Nov 2026 14:10",
        source: "test",
        status: "open",
        metAt: null,
        createdAt: SEEDED_AT,
        updatedAt: SEEDED_AT,
      };
      await storage.schedule.saveDeadline(deadline);
      reminders.push({ id, key: `${deadline.id}:before:p-mo`, kind: "before", deadlineId: deadline.id, aboutId: "p-mo", recipientId: "p-mo", dueAt: DUE_AT, createdAt: SEEDED_AT });
    }
    expect(await storage.schedule.schedule(reminders)).toHaveLength(REMINDERS);
  } finally {
    await storage.close();
  }
}

/** Reminders by status. */
async function statuses(url: string): Promise<Record<string, number>> {
  const storage = await openStorage(url);
  try {
    const counts: Record<string, number> = {};
    for (const r of await storage.schedule.reminders({})) counts[r.status] = (counts[r.status] ?? 0) + 1;
    return counts;
  } finally {
    await storage.close();
  }
}

const sentIds = (file: string): string[] => (existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean) : []);

/** Ids sent more than once, with how many extra times. */
function duplicates(lines: readonly string[]): Map<string, number> {
  const seen = new Map<string, number>();
  for (const id of lines) seen.set(id, (seen.get(id) ?? 0) + 1);
  return new Map([...seen].filter(([, n]) => n > 1).map(([id, n]) => [id, n - 1]));
}

interface Sweep {
  kill(): void;
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Every child started, so a failed test does not leave one sweeping. */
const started: Sweep[] = [];

function startSweep(env: { db: string; now: string; sentFile: string; delayMs: number; batch?: number; startFile?: string }): Sweep {
  const child = spawn(process.execPath, ["--import", TSX_LOADER, CHILD], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: env.db,
      SWEEP_NOW: env.now,
      SENT_FILE: env.sentFile,
      SEND_DELAY_MS: String(env.delayMs),
      SWEEP_BATCH: String(env.batch ?? 50),
      LEASE_MS: String(LEASE_MS),
      ...(env.startFile && { START_FILE: env.startFile }),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      if (/^ready$/m.test(stderr)) resolve();
    });
    child.on("exit", (code) => reject(new Error(`sweep child exited ${code} before it was ready: ${stderr}`)));
  });
  ready.catch(() => {}); // surfaced through `exited` when not awaited
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  const sweep = { kill: () => void child.kill("SIGKILL"), ready, exited };
  started.push(sweep);
  return sweep;
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

describeEachStore("reminder sweeps across processes on one database", (store: TestStore) => {
  const here = mkdtempSync(path.join(dir, `${store.name}-`));
  let template = "";
  /** A fresh database with the 500 due reminders (a consistent copy of the seeded template). */
  const freshDatabase = () => store.copy(template);
  beforeAll(async () => {
    template = await store.fresh();
    await seedTemplate(template);
  }, 60_000);
  // Not left to tempDir's exit hook: vitest's workers do not always get to run it.
  afterAll(async () => {
    for (const sweep of started) sweep.kill();
    await Promise.all(started.map((s) => s.exited));
    rmSync(here, { recursive: true, force: true });
  });

  it("a sweep killed with SIGKILL mid-way is finished by the next one once its claims lapse: none lost, at most the one in flight sent twice", async () => {
    const db = await freshDatabase();
    const first = path.join(here, "killed-sent.txt");
    const second = path.join(here, "restarted-sent.txt");

    const killed = startSweep({ db, now: SWEEP_NOW, sentFile: first, delayMs: 3 });
    await until(() => sentIds(first).length >= 100, 20_000, "100 reminders sent");
    killed.kill();
    const { signal } = await killed.exited;
    expect(signal).toBe("SIGKILL");
    const beforeRestart = sentIds(first);
    expect(beforeRestart.length).toBeLessThan(REMINDERS); // killed mid-sweep
    // Each send is settled before the next starts: the database knows of every delivered
    // reminder except, at most, the one delivered and not yet marked sent when the kill came.
    const recorded = (await statuses(db)).sent ?? 0;
    expect(beforeRestart.length - recorded).toBeGreaterThanOrEqual(0);
    expect(beforeRestart.length - recorded).toBeLessThanOrEqual(1);

    // The restart comes after the dead process's leases (LEASE_MS) have run out, still in working hours.
    const restartAt = new Date(Date.parse(SWEEP_NOW) + 2 * 60_000).toISOString();
    const restarted = startSweep({ db, now: restartAt, sentFile: second, delayMs: 3 });
    const done = await restarted.exited;
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ sent: REMINDERS - recorded, failed: 0, cancelled: 0, lost: 0 });

    const all = [...beforeRestart, ...sentIds(second)];
    expect(new Set(all)).toEqual(new Set(ids));
    // The one duplicate allowed is the reminder in flight at the kill: delivered, but its
    // "sent" not yet written. A platform that takes the idempotency key (the reminder id) drops it.
    const twice = duplicates(all);
    expect([...twice.values()].reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
    expect(twice.size).toBe(beforeRestart.length - recorded);
    expect(await statuses(db)).toEqual({ sent: REMINDERS });
  }, 40_000);

  it("two sweeps started together share the due reminders: each sent exactly once, by one of them", async () => {
    const db = await freshDatabase();
    const go = path.join(here, "go");
    const files = [path.join(here, "a-sent.txt"), path.join(here, "b-sent.txt")] as const;
    const sweeps = files.map((sentFile) => startSweep({ db, now: SWEEP_NOW, sentFile, delayMs: 1, batch: 20, startFile: go }));
    // Both have loaded and opened the database before either sweeps, so neither gets a head start.
    await Promise.all(sweeps.map((s) => s.ready));
    writeFileSync(go, "");
    const results = await Promise.all(sweeps.map((s) => s.exited));
    for (const r of results) expect(r.code, r.stderr).toBe(0);

    const [a, b] = files.map(sentIds) as [string[], string[]];
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    expect(duplicates([...a, ...b]).size).toBe(0);
    expect(a.length + b.length).toBe(REMINDERS);
    expect(new Set([...a, ...b])).toEqual(new Set(ids));
    const tallies = results.map((r) => JSON.parse(r.stdout) as { sent: number; lost: number });
    expect(tallies.map((t) => t.sent)).toEqual([a.length, b.length]);
    expect(tallies.map((t) => t.lost)).toEqual([0, 0]);
    expect(await statuses(db)).toEqual({ sent: REMINDERS });
  }, 40_000);
});
