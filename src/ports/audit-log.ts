import type { AuditEntry, AuditRecord } from "../domain/audit.ts";

/** The append-only audit trail, each entry hash-chained to the one before. */
export interface AuditLog {
  /** Appends one entry at the end of the chain, safely under concurrent writers. */
  append(record: AuditRecord): Promise<AuditEntry>;
  /** Entries in chain order, from sequence `fromSeq` (default 1). */
  list(fromSeq?: number): Promise<AuditEntry[]>;
  /** The chain's last entry (null while empty): what a signed checkpoint anchors. */
  last(): Promise<AuditEntry | null>;
}
