// Signed checkpoints anchor the audit chain outside the database: `audit verify --checkpoint`
// finds the chain cut short (its last entries or all of them deleted) or rewritten and
// re-hashed up to its end, which the chain alone cannot show, and a checkpoint line edited
// without the key.
import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeEach, describe, expect, it } from "vitest";
import { hashAuditEntry, type AuditRecord } from "../../src/domain/audit.ts";
import { openSqliteStorage } from "../../src/storage/prisma/open-sqlite.ts";
import { runCli, tempDir } from "../support/spawn.ts";

let dir: string;
let env: Record<string, string>;
const dbFile = () => path.join(dir, "bot.db");
const checkpoints = () => path.join(dir, "checkpoints", "audit-checkpoints.jsonl");

const entry = (i: number): AuditRecord => ({ at: new Date(Date.UTC(2026, 11, 1, 9, i)), actorId: "p-mo", action: "note.view", entityType: "note", entityId: `n${i}`, detail: {} });

/** Edits the database file as someone holding it would: the append-only guards dropped first. */
function behindTheBack(sql: (db: Database.Database) => void): void {
  const db = new Database(dbFile());
  try {
    db.exec(`DROP TRIGGER IF EXISTS "AuditEntry_append_only_update"; DROP TRIGGER IF EXISTS "AuditEntry_append_only_delete";`);
    sql(db);
  } finally {
    db.close();
  }
}

function verify(file = checkpoints()) {
  const run = runCli(["audit", "verify", "--checkpoint", file], { env });
  return { code: run.code, verdict: JSON.parse(run.stdout || "null"), stderr: run.stderr };
}

describe("audit checkpoints", () => {
  beforeEach(async () => {
    dir = tempDir("checkpoints-");
    env = { DATA_DIR: dir, DATABASE_URL: `file:${dbFile()}` };
    const storage = await openSqliteStorage(`file:${dbFile()}`);
    for (let i = 1; i <= 5; i++) await storage.audit.append(entry(i));
    await storage.close();
    const written = runCli(["audit", "checkpoint"], { env });
    expect(written.stderr).toBe("");
    expect(JSON.parse(written.stdout)).toEqual({ written: true, file: checkpoints(), seq: 5 });
  });

  it("writes a signed line with a key generated and kept, unreadable to others, in DATA_DIR; a second writes nothing new", () => {
    expect(JSON.parse(readFileSync(checkpoints(), "utf8"))).toMatchObject({ v: 1, seq: 5, hash: expect.stringMatching(/^[0-9a-f]{64}$/), sig: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(statSync(path.join(dir, "audit-checkpoint.key")).mode & 0o777).toBe(0o600);
    expect(JSON.parse(runCli(["audit", "checkpoint"], { env }).stdout)).toMatchObject({ written: false, seq: 5 });
    expect(verify()).toMatchObject({ code: 0, verdict: { ok: true, entries: 5, checkpoints: { checked: 1, latest: 5 } } });
  });

  it.each([
    ["the last entries deleted", (db: Database.Database) => db.exec(`DELETE FROM "AuditEntry" WHERE "seq" > 3`)],
    ["every entry deleted", (db: Database.Database) => db.exec(`DELETE FROM "AuditEntry"`)],
  ])("finds %s: the chain alone still verifies, the checkpoint does not", (_what, cut) => {
    behindTheBack(cut);
    const alone = runCli(["audit", "verify"], { env });
    expect(JSON.parse(alone.stdout)).toMatchObject({ ok: true });
    // The start-up that put the guards back appended its alarm: the chain ends short of entry 5, or at another entry 5.
    const { code, verdict } = verify();
    expect(code).toBe(1);
    expect(verdict).toMatchObject({ ok: false, reason: "checkpoint-mismatch", problems: [{ line: 1, problem: expect.stringMatching(/^(truncated|rewritten)$/), seq: 5 }] });
  });

  it("finds an entry edited and the chain re-hashed after it", () => {
    behindTheBack((db) => {
      const rows = db.prepare(`SELECT * FROM "AuditEntry" ORDER BY "seq"`).all() as { seq: number; at: string; actorId: string; action: AuditRecord["action"]; entityType: AuditRecord["entityType"]; entityId: string; detail: string; prevHash: string; hash: string }[];
      let prev = rows[0]!.prevHash;
      for (const row of rows) {
        const record = { at: new Date(row.at), actorId: row.seq === 2 ? "p-lee" : row.actorId, action: row.action, entityType: row.entityType, entityId: row.entityId, detail: JSON.parse(row.detail) };
        const hash = hashAuditEntry(row.seq, record, prev);
        db.prepare(`UPDATE "AuditEntry" SET "actorId" = ?, "prevHash" = ?, "hash" = ? WHERE "seq" = ?`).run(record.actorId, prev, hash, row.seq);
        prev = hash;
      }
    });
    expect(JSON.parse(runCli(["audit", "verify"], { env }).stdout)).toMatchObject({ ok: true });
    expect(verify()).toMatchObject({ code: 1, verdict: { reason: "checkpoint-mismatch", problems: [{ line: 1, problem: "rewritten", seq: 5 }] } });
  });

  it("refuses a checkpoint line edited without the key, and one signed with another key", () => {
    const line = JSON.parse(readFileSync(checkpoints(), "utf8")) as { seq: number };
    const forged = path.join(dir, "forged.jsonl");
    writeFileSync(forged, JSON.stringify({ ...line, seq: 3 }) + "\n");
    expect(verify(forged)).toMatchObject({ code: 1, verdict: { reason: "checkpoint-mismatch", problems: [{ line: 1, problem: "forged" }] } });
    const other = runCli(["audit", "verify", "--checkpoint", checkpoints()], { env: { ...env, AUDIT_CHECKPOINT_KEY: "x".repeat(40) } });
    expect(JSON.parse(other.stdout)).toMatchObject({ ok: false, problems: [{ line: 1, problem: "other-key" }] });
  });

  it("says plainly when the checkpoint file cannot be read", () => {
    const run = runCli(["audit", "verify", "--checkpoint", path.join(dir, "nowhere.jsonl")], { env });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stderr).error).toMatchObject({ code: "AUDIT.NO_CHECKPOINT_FILE" });
  });
});
