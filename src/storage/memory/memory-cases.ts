import type { AuditRecord } from "../../domain/audit.ts";
import { historyOrder, type CaseChange, type RegisteredCase } from "../../domain/case-register.ts";
import type { CaseFilter, CaseRegister } from "../../ports/case-register.ts";
import type { MemoryAuditLog } from "./memory-audit.ts";
import { snapshotOf, type Snapshotting } from "./memory-transactions.ts";

const copy = <T>(value: T): T => structuredClone(value);

export class MemoryCaseRegister implements CaseRegister, Snapshotting {
  private readonly cases = new Map<string, RegisteredCase>();
  private readonly changes: CaseChange[] = [];

  constructor(private readonly audit: MemoryAuditLog) {}

  snapshot(): () => void {
    return snapshotOf(this.cases, this.changes);
  }

  async find(caseRef: string): Promise<RegisteredCase | null> {
    const found = this.cases.get(caseRef);
    return found ? copy(found) : null;
  }

  async save(cases: readonly RegisteredCase[], changes: readonly CaseChange[], audit: readonly AuditRecord[] = []): Promise<void> {
    for (const kase of cases) this.cases.set(kase.caseRef, copy(kase));
    this.changes.push(...changes.map(copy));
    this.audit.appendAll(audit);
  }

  async list(filter: CaseFilter = {}): Promise<RegisteredCase[]> {
    return [...this.cases.values()]
      .filter((c) => matches(c, filter))
      .map(copy)
      .sort((a, b) => a.caseRef.localeCompare(b.caseRef));
  }

  async history(caseRef: string): Promise<CaseChange[]> {
    return this.changes.filter((c) => c.caseRef === caseRef).map(copy).sort(historyOrder);
  }
}

function matches(kase: RegisteredCase, filter: CaseFilter): boolean {
  if (filter.workerId !== undefined && kase.workerId !== filter.workerId) return false;
  if (filter.workerIds !== undefined && !(kase.workerId !== null && filter.workerIds.includes(kase.workerId))) return false;
  if (filter.team !== undefined && kase.team !== filter.team) return false;
  if (filter.open !== undefined && (kase.closedOn === null) !== filter.open) return false;
  return true;
}
