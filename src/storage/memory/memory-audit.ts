import { chainAuditEntry, type AuditEntry, type AuditRecord } from "../../domain/audit.ts";
import type { AuditLog } from "../../ports/audit-log.ts";
import { snapshotOf, type Snapshotting } from "./memory-transactions.ts";

export class MemoryAuditLog implements AuditLog, Snapshotting {
  private readonly entries: AuditEntry[] = [];

  snapshot(): () => void {
    return snapshotOf(this.entries);
  }

  async append(record: AuditRecord): Promise<AuditEntry> {
    return structuredClone(this.appendAll([record])[0]!);
  }

  /** Appends synchronously: what the memory repositories use to audit a change as they make it. */
  appendAll(records: readonly AuditRecord[]): AuditEntry[] {
    return records.map((record) => {
      const entry = chainAuditEntry(this.entries.at(-1) ?? null, structuredClone(record));
      this.entries.push(entry);
      return entry;
    });
  }

  async list(fromSeq = 1): Promise<AuditEntry[]> {
    return structuredClone(this.entries.filter((e) => e.seq >= fromSeq));
  }

  async last(): Promise<AuditEntry | null> {
    return structuredClone(this.entries.at(-1) ?? null);
  }

  /** Test hook: lets the tamper-detection tests edit history as an attacker would. */
  tamper(seq: number, change: (entry: AuditEntry) => void): void {
    const entry = this.entries.find((e) => e.seq === seq);
    if (entry) change(entry);
  }
}
