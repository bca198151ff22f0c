import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { verifyAuditChain, type AuditRecord } from "../../src/domain/audit.ts";
import { migrateSqlite } from "../../src/storage/prisma/migrate.ts";
import { openPostgresStorage } from "../../src/storage/prisma/open-postgres.ts";
import { openSqliteStorage } from "../../src/storage/prisma/open-sqlite.ts";
import { freshPostgresUrl, postgresTests } from "../support/postgres.ts";
import { caseRegisterContract } from "./case-register-contract.ts";
import { scheduleContract } from "./schedule-contract.ts";
import { storageContract } from "./storage-contract.ts";
import { supervisionContract } from "./supervision-contract.ts";
import { completeFields, team } from "../support/fixtures.ts";

const MIGRATIONS = path.resolve("prisma/migrations");
const dir = mkdtempSync(path.join(os.tmpdir(), "oversight-prisma-"));
let files = 0;
const freshFile = () => path.join(dir, `t${++files}`, "oversight.db");

afterAll(() => rmSync(dir, { recursive: true, force: true }));

storageContract("prisma sqlite", () => openSqliteStorage(`file:${freshFile()}`));
scheduleContract("prisma sqlite", () => openSqliteStorage(`file:${freshFile()}`));
caseRegisterContract("prisma sqlite", () => openSqliteStorage(`file:${freshFile()}`));
supervisionContract("prisma sqlite", () => openSqliteStorage(`file:${freshFile()}`));
postgresTests("prisma postgres", () => {
  supervisionContract("prisma postgres", async () => openPostgresStorage(await freshPostgresUrl()));
  storageContract("prisma postgres", async () => openPostgresStorage(await freshPostgresUrl()));
  scheduleContract("prisma postgres", async () => openPostgresStorage(await freshPostgresUrl()));
  caseRegisterContract("prisma postgres", async () => openPostgresStorage(await freshPostgresUrl()));
});

const record = (i: number, actorId: string): AuditRecord => ({
  at: new Date(Date.UTC(2026, 10, 23, 15, i)),
  actorId,
  action: "note.view",
  entityType: "note",
  entityId: `n${i}`,
  detail: { i },
});

describe("prisma sqlite storage", () => {
  it("keeps one unbroken audit chain when two handles on one file append at once", async () => {
    const file = freshFile();
    const [a, b] = await Promise.all([openSqliteStorage(`file:${file}`), openSqliteStorage(`file:${file}`)]);
    try {
      await Promise.all(
        Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? a : b).audit.append(record(i, i % 2 === 0 ? "p-a" : "p-b"))),
      );
      const entries = await a.audit.list();
      expect(entries).toHaveLength(30);
      expect(entries.filter((e) => e.actorId === "p-b")).toHaveLength(15);
      expect(verifyAuditChain(entries)).toEqual({ ok: true, entries: 30 });
      expect(await b.audit.list()).toEqual(entries);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("stores one note when two handles on one file receive the same delivery at once", async () => {
    const file = freshFile();
    const [a, b] = await Promise.all([openSqliteStorage(`file:${file}`), openSqliteStorage(`file:${file}`)]);
    try {
      const note = (id: string) => ({ id, sourceKey: "slack:Ev42", status: "draft" as const, fields: completeFields(), createdAt: new Date(), createdById: "p-mo", recorderId: null });
      const audit = (id: string): AuditRecord => ({ at: new Date(), actorId: "p-mo", action: "note.create", entityType: "note", entityId: id, detail: {} });
      const results = await Promise.all([a.notes.create(note("n1"), [audit("n1")]), b.notes.create(note("n2"), [audit("n2")])]);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(results[0].note.id).toBe(results[1].note.id);
      expect(await a.notes.listByCase("4471-JB")).toHaveLength(1);
      expect(await a.audit.list()).toHaveLength(1);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("hands each due reminder to exactly one claim when two handles on one file sweep at once", async () => {
    const file = freshFile();
    const [a, b] = await Promise.all([openSqliteStorage(`file:${file}`), openSqliteStorage(`file:${file}`)]);
    try {
      const now = new Date("2026-11-23T15:00:00Z");
      const reminders = Array.from({ length: 300 }, (_, i) => ({
        id: `r${i}`,
        key: `digest:${i}`,
        kind: "digest" as const,
        deadlineId: null,
        aboutId: "p-mo",
        recipientId: "p-mo",
        dueAt: new Date(now.getTime() - i * 1000),
        createdAt: now,
      }));
      expect(await a.schedule.schedule(reminders)).toHaveLength(300);
      const claims: { token: string; id: string }[] = [];
      const sweep = async (storage: typeof a, token: string) => {
        for (let batch; (batch = await storage.schedule.claimDue(now, 7, 60 * 60_000, token)).length > 0; ) {
          expect(batch.length).toBeLessThanOrEqual(7);
          claims.push(...batch.map((r) => ({ token, id: r.id })));
          await new Promise((resolve) => setTimeout(resolve, 1)); // sending them takes a moment
        }
      };
      await Promise.all([sweep(a, "a1"), sweep(b, "b1"), sweep(a, "a2"), sweep(b, "b2")]);
      expect(new Set(claims.map((c) => c.token[0]))).toEqual(new Set(["a", "b"])); // both handles took part
      expect(claims).toHaveLength(300);
      expect(new Set(claims.map((c) => c.id)).size).toBe(300);
      const rows = await b.schedule.reminders({ status: "pending" });
      expect(rows).toHaveLength(300);
      const holder = new Map(claims.map((c) => [c.id, c.token]));
      expect(rows.filter((r) => r.claimToken !== holder.get(r.id))).toEqual([]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("keeps one unbroken audit chain when three processes append to one file at once", async () => {
    const file = freshFile();
    const appender = `
      const { openSqliteStorage } = await import(process.argv[1]);
      const storage = await openSqliteStorage("file:" + process.argv[2]);
      for (let i = 0; i < 40; i++) {
        await storage.audit.append({ at: new Date(), actorId: String(process.pid), action: "note.view", entityType: "note", entityId: "n" + i, detail: { i } });
      }
      await storage.close();`;
    const run = () =>
      promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "-e", appender, path.resolve("src/storage/prisma/open-sqlite.ts"), file]);
    await Promise.all([run(), run(), run()]);
    const storage = await openSqliteStorage(`file:${file}`);
    try {
      const entries = await storage.audit.list();
      expect(entries).toHaveLength(120);
      expect(new Set(entries.map((e) => e.actorId)).size).toBe(3);
      expect(verifyAuditChain(entries)).toEqual({ ok: true, entries: 120 });
    } finally {
      await storage.close();
    }
  });

  it("migrates a new file once, records it as Prisma does, and applies nothing the second time", () => {
    const file = freshFile(); // its folder does not exist yet
    const first = migrateSqlite(file, MIGRATIONS);
    expect(first.applied.map((name) => name.replace(/^\d{14}_/, ""))).toEqual(["init", "append_only_record", "timescales", "inbound_deliveries", "group_supervision", "group_session_revision", "notice_outbox", "conversation_addresses", "data_version", "discarded_drafts", "retention", "case_register", "formal_supervision"]);
    expect(migrateSqlite(file, MIGRATIONS)).toEqual({ applied: [], restored: [] });
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      const rows = db.prepare(`SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations"`).all();
      expect(rows).toEqual(
        first.applied.map((name) => ({ migration_name: name, checksum: expect.stringMatching(/^[0-9a-f]{64}$/), finished_at: expect.any(String), applied_steps_count: 1 })),
      );
    } finally {
      db.close();
    }
  });

  it("lets a note's versions and comments go only once the note is purged (retention), and never be changed", () => {
    const file = freshFile();
    migrateSqlite(file, MIGRATIONS);
    const db = new Database(file);
    try {
      db.exec(`
        INSERT INTO "Note" ("id","kind","status","discussedAt","createdAt","createdById","version","content","updatedAt") VALUES ('n1','ad-hoc','on-case-record',0,0,'p',1,'{}',0);
        INSERT INTO "NoteRevision" ("noteId","version","at","byId","kind","content") VALUES ('n1',1,0,'p','recorded','{}');
        INSERT INTO "NoteComment" ("id","noteId","at","byId","kind","text") VALUES ('c1','n1',0,'p','comment','x');`);
      expect(() => db.exec(`DELETE FROM "NoteRevision"`)).toThrow(/NoteRevision is append-only/);
      expect(() => db.exec(`DELETE FROM "NoteComment"`)).toThrow(/NoteComment is append-only/);
      db.exec(`UPDATE "Note" SET "purgedAt" = 1`);
      expect(() => db.exec(`UPDATE "NoteRevision" SET "content" = 'changed'`)).toThrow(/NoteRevision is append-only/);
      expect(() => db.exec(`UPDATE "NoteComment" SET "text" = 'changed'`)).toThrow(/NoteComment is append-only/);
      db.exec(`DELETE FROM "NoteRevision"; DELETE FROM "NoteComment";`);
      expect(db.prepare(`SELECT count(*) AS n FROM "NoteRevision"`).get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it("stores a handle's case as given and still finds it in any case", async () => {
    const storage = await openSqliteStorage(`file:${freshFile()}`);
    try {
      await storage.people.saveAll(
        [{ id: "p-jo", handle: "JoB", name: "Jo B", role: "practitioner", team: null, lineManagerId: null, deputyId: null, email: null, active: true, workingHours: null, leftAt: null, startedOn: null, newlyQualified: false, identities: [] }],
        new Date(),
      );
      expect((await storage.people.findByHandle("@job"))?.handle).toBe("JoB");
    } finally {
      await storage.close();
    }
  });
});

describe("prisma sqlite: the roster kept between turns", () => {
  it("answers from the process's copy until an import in another process changes the roster, then reads it again", async () => {
    const file = freshFile();
    const [bot, cli] = [await openSqliteStorage(`file:${file}`), await openSqliteStorage(`file:${file}`)];
    try {
      const at = new Date("2026-11-23T15:00:00Z");
      await cli.people.saveAll(team(), at);
      const first = await bot.people.list();
      expect(first.map((p) => p.handle)).toContain("sam");
      expect(await bot.people.list()).toBe(first); // the same frozen copy: nothing read again
      expect(Object.isFrozen(first[0])).toBe(true);

      const sam = team().find((p) => p.handle === "sam")!;
      await cli.people.saveAll([{ ...sam, name: "Samira Worker" }], at);
      const after = await bot.people.list();
      expect(after).not.toBe(first);
      expect(after.find((p) => p.id === sam.id)?.name).toBe("Samira Worker");
      expect(await bot.transaction(async (tx) => (await tx.people.findByHandle("sam"))?.name)).toBe("Samira Worker");
    } finally {
      await bot.close();
      await cli.close();
    }
  });
});

describe("prisma sqlite: a turn's statements sent straight to the driver (sql.ts)", () => {
  it("reads back what it wrote, with dates as dates and numbers as numbers, as Prisma's own queries do", async () => {
    const storage = await openSqliteStorage(`file:${freshFile()}`);
    try {
      const at = new Date("2026-12-05T09:15:30.123Z");
      const fields = { ...completeFields(), caseRef: "4471-JB", discussedAt: at };
      const audit: AuditRecord = { at, actorId: "p-mo", action: "note.create", entityType: "note", entityId: "n1", detail: {} };
      // Written inside a turn's transaction (straight to the driver), read outside (through Prisma) and inside again.
      await storage.transaction((tx) => tx.notes.create({ id: "n1", sourceKey: "k1", status: "draft", fields, createdAt: at, createdById: "p-mo", recorderId: null }, [audit]));
      const outside = await storage.notes.listByCase("4471-JB");
      const inside = await storage.transaction((tx) => tx.notes.listByCase("4471-JB"));
      expect(inside).toEqual(outside);
      expect(inside[0]!.fields.discussedAt).toEqual(at);
      expect(inside[0]!.createdAt).toEqual(at);
      expect(inside[0]!.version).toBe(1);
      expect(inside[0]!.actions.map((a) => a.position)).toEqual(outside[0]!.actions.map((a) => a.position));
      const entries = await storage.audit.list();
      expect(entries.map((e) => e.seq)).toEqual([1]);
      // The chain's end, read straight from the driver, continues as a number (not "1" + 1).
      await storage.transaction((tx) => tx.audit.append({ ...audit, entityId: "n2" }));
      expect(verifyAuditChain(await storage.audit.list())).toEqual({ ok: true, entries: 2 });
    } finally {
      await storage.close();
    }
  });

  it("refuses a statement from a transaction that has ended, rather than running it on its own", async () => {
    const storage = await openSqliteStorage(`file:${freshFile()}`);
    try {
      let kept: typeof storage | null = null;
      await storage.transaction(async (tx) => {
        kept = tx;
      });
      await expect(kept!.notes.listByCase("4471-JB")).rejects.toThrow(/ended/);
    } finally {
      await storage.close();
    }
  });
});

describe("prisma storage readiness (what /readyz reports)", () => {
  it("SQLite: is not current when a shipped migration is missing from the database, and names it", async () => {
    const file = freshFile();
    const storage = await openSqliteStorage(`file:${file}`);
    try {
      const before = await storage.readiness();
      expect(before.migrations.shipped.length).toBeGreaterThan(0);
      const last = before.migrations.shipped.at(-1)!;
      // As if this build's newest migration had never been applied (an older process migrated the file).
      const db = new Database(file);
      db.prepare(`DELETE FROM "_prisma_migrations" WHERE "migration_name" = ?`).run(last);
      db.close();
      const after = await storage.readiness();
      expect(after).toMatchObject({ reachable: true, migrations: { current: false } });
      expect(after.migrations.shipped.filter((name) => !after.migrations.applied.includes(name))).toEqual([last]);
    } finally {
      await storage.close();
    }
  });

  postgresTests("PostgreSQL", () => {
    it("reports an unreachable database without throwing", async () => {
      const url = await freshPostgresUrl();
      const storage = await openPostgresStorage(url);
      try {
        expect((await storage.readiness()).reachable).toBe(true);
        // The database goes away under the open storage (dropped, its connections ended).
        const admin = new pg.Client({ connectionString: new URL("/postgres", url).toString() });
        await admin.connect();
        await admin.query(`DROP DATABASE "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
        await admin.end();
        expect(await storage.readiness()).toMatchObject({ reachable: false, migrations: { current: false } });
      } finally {
        await storage.close().catch(() => undefined);
      }
    });
  });
});
