import { chainAuditEntry, type AuditEntry, type AuditRecord } from "../../domain/audit.ts";
import type { AuditLog } from "../../ports/audit-log.ts";
import { Prisma } from "./generated/client.ts";
import type { Db, InTransaction } from "./prisma-db.ts";
import { isUniqueViolation, selectRows } from "./sql.ts";

type EntryRow = Prisma.AuditEntryGetPayload<object>;

/** Tries before giving up when other writers keep winning the race for the next link. */
const MAX_ATTEMPTS = 10;

/**
 * The hash-chained audit trail in the database. Each append reads the end of the chain and
 * inserts the next link in one transaction. The unique `seq`, `prevHash` and `hash` columns
 * make a fork impossible whatever the isolation: of two writers chaining onto the same entry,
 * one insert fails, and that writer reads the new end and tries again. (On SQLite the
 * transaction holds the write lock from its start, so there the race cannot even happen.)
 */
export class PrismaAuditLog implements AuditLog {
  constructor(private readonly db: Db) {}

  async append(record: AuditRecord): Promise<AuditEntry> {
    // Inside a caller's transaction there is nothing to retry alone: the chain end is its own.
    if (this.db.unit) return (await appendAuditEntries(this.db as InTransaction, [record]))[0]!;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.inTransaction(async (tx) => (await appendAuditEntries(tx, [record]))[0]!);
      } catch (error) {
        // A unique seq or hash refused: another writer appended between our read and our insert.
        if (attempt >= MAX_ATTEMPTS || !isUniqueViolation(error)) throw error;
        // A random, growing pause, so writers in other processes stop colliding.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** attempt, 200)));
      }
    }
  }

  async list(fromSeq = 1): Promise<AuditEntry[]> {
    await this.db.unit?.flush();
    const rows = await this.db.q.auditEntry.findMany({ where: { seq: { gte: fromSeq } }, orderBy: { seq: "asc" } });
    return rows.map(toEntry);
  }

  async last(): Promise<AuditEntry | null> {
    await this.db.unit?.flush();
    const row = await this.db.q.auditEntry.findFirst({ orderBy: { seq: "desc" } });
    return row ? toEntry(row) : null;
  }
}

/**
 * Appends entries at the end of the chain inside the caller's transaction, so a change and
 * its audit entry are stored together or not at all. The chain's end is read once per
 * transaction; the rows are inserted together just before it commits.
 */
export async function appendAuditEntries(tx: InTransaction, records: readonly AuditRecord[]): Promise<AuditEntry[]> {
  if (records.length === 0) return [];
  const unit = tx.unit;
  // Read by nearly every turn, so SQL (see sql.ts).
  unit.auditEnd ??= (await selectRows<{ seq: number; hash: string }>(tx, Prisma.sql`SELECT "seq", "hash" FROM "AuditEntry" ORDER BY "seq" DESC LIMIT 1`))[0] ?? null;
  const entries: AuditEntry[] = [];
  for (const record of records) {
    const entry = chainAuditEntry(unit.auditEnd, record);
    // As stored and read back: the detail through JSON, like any other reader of the row.
    unit.pendingAudit.push({ ...entry, detail: JSON.stringify(entry.detail) });
    entries.push(toEntry({ ...entry, detail: JSON.stringify(entry.detail) }));
    unit.auditEnd = { seq: entry.seq, hash: entry.hash };
  }
  return entries;
}


function toEntry(row: EntryRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actorId: row.actorId,
    action: row.action as AuditEntry["action"],
    entityType: row.entityType as AuditEntry["entityType"],
    entityId: row.entityId,
    detail: JSON.parse(row.detail) as AuditEntry["detail"],
    prevHash: row.prevHash,
    hash: row.hash,
  };
}
