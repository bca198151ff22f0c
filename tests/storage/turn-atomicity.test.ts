import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { handleInbound, type InboundEvent } from "../../src/bot/inbound.ts";
import type { BotReply } from "../../src/bot/reply.ts";
import { verifyAuditChain } from "../../src/domain/audit.ts";
import { FixedClock } from "../../src/domain/clock.ts";
import type { Logger } from "../../src/logger.ts";
import type { Storage } from "../../src/ports/storage.ts";
import { loadPrompts } from "../../src/prompts/prompts.ts";
import { DEFAULT_SETTINGS, type Core } from "../../src/services/core.ts";
import { createMemoryStorage } from "../../src/storage/memory/memory-storage.ts";
import { openSqliteStorage } from "../../src/storage/prisma/open-sqlite.ts";
import { faultyStorage, InjectedFailure, withoutTransactions, type FaultPlan } from "../support/faulty-storage.ts";
import { COMPLETE_EXAMPLE, team } from "../support/fixtures.ts";

/**
 * docs/architecture.md#one-turn-one-transaction: a turn that fails after any one of its writes
 * leaves the database exactly as it found it (no note without its deadlines, reminders, audit
 * entries or queued notices; no retry key that would swallow the redelivery), and the
 * redelivery then stores the whole turn. Run against both storages; for SQLite every table is
 * also counted straight from the file, so an orphan row the ports cannot see is caught too.
 */

const dir = mkdtempSync(path.join(os.tmpdir(), "oversight-atomicity-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

interface Opened {
  storage: Storage;
  /** Rows per table, read from the database file itself (SQLite only). */
  tables?: () => Record<string, number>;
}

const storages: [string, () => Promise<Opened>][] = [
  ["memory", async () => ({ storage: createMemoryStorage() })],
  [
    "prisma sqlite",
    async () => {
      const file = path.join(dir, `t${++files}`, "oversight.db");
      return { storage: await openSqliteStorage(`file:${file}`), tables: () => tableCounts(file) };
    },
  ],
];

const mo = { platform: "console" as const, externalId: "mo" };
const decision: InboundEvent = { kind: "command", eventId: "e-decision", retryKey: "test:e-decision", actor: mo, text: COMPLETE_EXAMPLE };

/** A core on the storage with the sample team; `ids.n` is the id counter, set back to replay a turn with the same ids. */
async function setUp(opened: Opened) {
  const ids = { n: 0 };
  const core: Core = { storage: opened.storage, clock: new FixedClock("2026-11-23T15:00:00Z"), newId: () => `id${++ids.n}`, settings: DEFAULT_SETTINGS, prompts: loadPrompts() };
  await opened.storage.people.saveAll(team(), core.clock.now());
  return { core, ids };
}

/** The note form the decision opened, submitted as it stands: it records the note and tells Sam. */
function submission(form: NonNullable<BotReply["form"]>): InboundEvent {
  const values = Object.fromEntries(form.inputs.map((input) => [input.id, input.value ?? ""]));
  return { kind: "submit", eventId: "e-submit", retryKey: "test:e-submit", actor: mo, formId: form.formId, values, state: form.state };
}

/** Everything stored that a turn may change, read through the ports, in a stable order. */
async function contents(opened: Opened) {
  const { storage } = opened;
  const notes = await storage.notes.listDiscussedBetween(new Date("2000-01-01T00:00:00Z"), new Date("2100-01-01T00:00:00Z"));
  const perNote = [];
  for (const note of notes) {
    perNote.push({ note, revisions: await storage.notes.revisions(note.id), deadlines: await storage.schedule.deadlinesForNote(note.id) });
  }
  const reminders = (await storage.schedule.reminders({})).sort((a, b) => a.key.localeCompare(b.key));
  const audit = await storage.audit.list();
  expect(verifyAuditChain(audit)).toMatchObject({ ok: true });
  return { perNote, reminders, audit, tables: opened.tables?.() ?? null };
}

function tableCounts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`).all() as { name: string }[];
    return Object.fromEntries(tables.map(({ name }) => [name, (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

function recordingLogger() {
  const events: string[] = [];
  const log: Logger = { info: (event) => void events.push(event), warn: (event) => void events.push(event), error: (event) => void events.push(event) };
  return { log, events };
}

/**
 * A scenario: `prepare` brings a fresh storage to where the turn starts (and returns the
 * turn's event), then the turn runs with its writes counted or failing.
 */
interface Scenario {
  name: string;
  prepare: (core: Core) => Promise<InboundEvent>;
  /** What the whole turn must have stored (checked once, on a clean run). */
  expectWhole: (stored: Awaited<ReturnType<typeof contents>>, reply: BotReply) => void;
}

const scenarios: Scenario[] = [
  {
    name: "/oversight <decision>: a draft, its deadlines and reminders",
    prepare: async () => decision,
    expectWhole: (stored, reply) => {
      expect(reply.form?.formId).toBe("oversight-note");
      expect(stored.perNote).toHaveLength(1);
      expect(stored.perNote[0]!.note.status).toBe("draft");
      expect(stored.perNote[0]!.deadlines.length).toBeGreaterThan(0);
      expect(stored.reminders.length).toBeGreaterThan(0);
      expect(stored.audit.map((e) => e.action)).toContain("note.create");
    },
  },
  {
    name: "the note form submitted: the note recorded, deadlines met and set, reminders, notices to the others",
    prepare: async (core) => {
      const reply = await handleInbound(core, recordingLogger().log, decision);
      return submission(reply.form!);
    },
    expectWhole: (stored, reply) => {
      expect(reply.notify?.map((n) => n.personId)).toEqual(["p-sam"]);
      expect(stored.perNote[0]!.note.status).toBe("recorded");
      expect(stored.perNote[0]!.revisions).toHaveLength(1);
      expect(stored.reminders.filter((r) => r.kind === "notice").map((r) => r.recipientId)).toEqual(["p-sam"]);
      expect(stored.audit.map((e) => e.action)).toContain("note.record");
    },
  },
];

for (const [kind, open] of storages) {
  describe(`a turn commits once: ${kind}`, () => {
    for (const scenario of scenarios) {
      /** Runs the scenario's turn on a fresh storage; returns what it wrote and the state before and after. */
      const run = async (failAfter: number | null, opts: { transactions?: boolean } = {}) => {
        const opened = await open();
        try {
          const { core, ids } = await setUp(opened);
          const event = await scenario.prepare(core);
          const idsAtStart = ids.n;
          const before = await contents(opened);
          const plan: FaultPlan = { failAfter, writes: [] };
          let woken = 0;
          const storage = faultyStorage(opts.transactions === false ? withoutTransactions(opened.storage) : opened.storage, plan);
          const { log, events } = recordingLogger();
          const reply = await handleInbound({ ...core, storage, wake: () => void woken++ }, log, event);
          const after = await contents(opened);
          // The platform delivers it again, with nothing failing this time (and the same ids).
          ids.n = idsAtStart;
          const redelivered = await handleInbound({ ...core, wake: () => void woken++ }, recordingLogger().log, event);
          const final = await contents(opened);
          return { plan, reply, events, woken, before, after, redelivered, final };
        } finally {
          await opened.storage.close();
        }
      };

      /** What is wrong with a run that failed after its `n`th write, compared with a clean run: nothing, for a turn that is one transaction. */
      const violations = (failed: Awaited<ReturnType<typeof run>>, clean: Awaited<ReturnType<typeof run>>): string[] => {
        const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
        return [
          // Nothing of the turn is stored, not even its retry key...
          ...(same(failed.after, failed.before) ? [] : ["the failed turn left rows behind"]),
          // ...so the redelivery is acted on, and stores the whole turn.
          ...(failed.redelivered.duplicate ? ["the redelivery was swallowed as a duplicate"] : []),
          ...(same(failed.final, clean.after) ? [] : ["the redelivery did not store the whole turn"]),
        ];
      };

      it(`${scenario.name}: whole, or nothing after a failure following any one of its writes`, async () => {
        const clean = await run(null);
        expect(clean.reply.failed).toBeUndefined();
        scenario.expectWhole(clean.after, clean.reply);
        expect(clean.redelivered).toEqual({ duplicate: true });
        expect(clean.final).toEqual(clean.after);
        const writes = clean.plan.writes;
        expect(writes.length).toBeGreaterThanOrEqual(4);
        expect(writes[0]).toBe("inbound.firstSeen");

        for (let n = 1; n <= writes.length; n++) {
          const failed = await run(n);
          const where = `failure after ${writes[n - 1]} (write ${n} of ${writes.length})`;
          expect(failed.plan.writes, where).toEqual(writes.slice(0, n));
          expect(failed.reply.failed, where).toBe(true);
          expect(failed.events, where).toContain("turn.failed");
          expect(violations(failed, clean), where).toEqual([]);
          expect(failed.after, where).toEqual(failed.before);
          // Notices are sent only once stored: the scheduler was woken for the redelivery only.
          expect(failed.woken, where).toBe(clean.reply.notify?.length ? 1 : 0);
        }
      });

      it(`${scenario.name}: the check catches a turn stored piecemeal (transactions switched off)`, async () => {
        const clean = await run(null);
        const caught: string[][] = [];
        for (let n = 1; n <= clean.plan.writes.length; n++) caught.push(violations(await run(n, { transactions: false }), clean));
        // Whichever write the failure follows, what was written before it stays.
        expect(caught.filter((found) => found.length === 0)).toEqual([]);
      });
    }
  });
}
