import { createHash } from "node:crypto";

export const AUDIT_ACTIONS = [
  "note.create",
  "note.change",
  "note.record",
  "note.amend",
  "note.on-case-record",
  "note.discarded",
  "note.purged",
  "note.view",
  "note.list",
  "note.export",
  "note.comment",
  "note.access-denied",
  "action.done",
  "roster.import",
  "case.import",
  "case.create",
  "case.change",
  "case.view",
  "case.access-denied",
  "deadline.set",
  "deadline.met",
  "deadline.cancelled",
  "reminder.sent",
  "reminder.failed",
  "reminder.snoozed",
  "escalation.sent",
  "escalation.no-one",
  "absence.add",
  "absence.remove",
  "compliance.view",
  "dashboard.view",
  "inspector-pack.export",
  "dashboard.link",
  "group.series-set",
  "group.session-planned",
  "group.roles-set",
  "group.swap-asked",
  "group.swap-done",
  "group.session-cancelled",
  "group.case-chosen",
  "group.stage",
  "group.session-held",
  "supervision.session-planned",
  "supervision.session-held",
  "supervision.session-moved",
  "supervision.session-cancelled",
  "supervision.notes-circulated",
  "supervision.notes-signed",
  "supervision.on-case-record",
  "agreement.created",
  "agreement.signed",
  "agreement.superseded",
  "case-ref.normalised",
  "record.sealed",
  "audit.guards-restored",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What a caller asks to be audited. `detail` holds ids and field names, never case content. */
export interface AuditRecord {
  at: Date;
  actorId: string | null;
  action: AuditAction;
  entityType: "note" | "person" | "roster" | "action" | "deadline" | "reminder" | "absence" | "team" | "group-series" | "group-session" | "case" | "supervision-session" | "supervision-agreement" | "database";
  entityId: string;
  detail: Record<string, string | number | boolean | string[]>;
}

/** A stored entry: chained to the previous one by `prevHash`. */
export interface AuditEntry extends AuditRecord {
  seq: number;
  prevHash: string;
  hash: string;
}

/** The prevHash of the first entry. */
export const GENESIS_HASH = "0".repeat(64);

/** The hash of an entry: its sequence, content and the previous hash, canonically serialised. */
export function hashAuditEntry(seq: number, record: AuditRecord, prevHash: string): string {
  const canonical = JSON.stringify([
    seq,
    record.at.toISOString(),
    record.actorId,
    record.action,
    record.entityType,
    record.entityId,
    sortKeys(record.detail),
    prevHash,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

/** The entry that follows `previous` (or starts the chain). */
export function chainAuditEntry(previous: Pick<AuditEntry, "seq" | "hash"> | null, record: AuditRecord): AuditEntry {
  const seq = previous ? previous.seq + 1 : 1;
  const prevHash = previous ? previous.hash : GENESIS_HASH;
  return { ...record, seq, prevHash, hash: hashAuditEntry(seq, record, prevHash) };
}

export type ChainVerdict =
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenAt: number; reason: "hash-mismatch" | "prev-mismatch" | "sequence-gap" };

/** Walks the chain in order and reports the first broken link. */
export function verifyAuditChain(entries: readonly AuditEntry[]): ChainVerdict {
  let previous: AuditEntry | null = null;
  for (const entry of entries) {
    const expectedSeq = previous ? previous.seq + 1 : 1;
    if (entry.seq !== expectedSeq) return { ok: false, entries: entries.length, brokenAt: entry.seq, reason: "sequence-gap" };
    if (entry.prevHash !== (previous ? previous.hash : GENESIS_HASH)) {
      return { ok: false, entries: entries.length, brokenAt: entry.seq, reason: "prev-mismatch" };
    }
    if (entry.hash !== hashAuditEntry(entry.seq, entry, entry.prevHash)) {
      return { ok: false, entries: entries.length, brokenAt: entry.seq, reason: "hash-mismatch" };
    }
    previous = entry;
  }
  return { ok: true, entries: entries.length };
}

function sortKeys(detail: AuditRecord["detail"]): [string, unknown][] {
  return Object.keys(detail)
    .sort()
    .map((key) => [key, detail[key]]);
}
