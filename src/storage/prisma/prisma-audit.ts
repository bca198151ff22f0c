import { chainAuditEntry, type AuditEntry, type AuditRecord } from "../../domain/audit.ts";
import type { AuditLog } from "../../ports/audit-log.ts";
import { Prisma, type PrismaClient } from "./generated/client.ts";

type EntryRow = Prisma.AuditEntryGetPayload<object>;

/** Tries before giving up when other writers keep winning the race for the next link. */
const MAX_ATTEMPTS = 10;

/**
 * The hash-chained audit trail in the database. The unique `seq`, `prevHash` and `hash`
 * columns make a fork impossible: of two writers chaining onto the same entry, one insert
 * fails, and that writer reads the new end of the chain and tries again.
 */
export class PrismaAuditLog implements AuditLog {
  /** Appends through this handle, one after another: they would only race each other. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: PrismaClient) {}

  append(record: AuditRecord): Promise<AuditEntry> {
    const appended = this.queue.then(() => this.appendNow(record));
    this.queue = appended.catch(() => undefined);
    return appended;
  }

  /**
   * Reads the end of the chain and inserts the next link as one statement, deliberately not
   * in an interactive transaction: on SQLite that would hold the write lock across awaits,
   * and another connection in the same process would then block the event loop in its busy
   * wait. The unique columns make read-then-insert safe; losing the race means trying again.
   */
  private async appendNow(record: AuditRecord): Promise<AuditEntry> {
    for (let attempt = 1; ; attempt++) {
      try {
        const last = await this.db.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
        const entry = chainAuditEntry(last, record);
        return toEntry(await this.db.auditEntry.create({ data: { ...entry, detail: JSON.stringify(entry.detail) } }));
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !lostTheRace(error)) throw error;
        // Back off a random, growing while so writers in other processes stop colliding.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** attempt, 200)));
      }
    }
  }

  async list(fromSeq = 1): Promise<AuditEntry[]> {
    const rows = await this.db.auditEntry.findMany({ where: { seq: { gte: fromSeq } }, orderBy: { seq: "asc" } });
    return rows.map(toEntry);
  }
}

/** Another writer appended between our read and our insert. */
function lostTheRace(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
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
