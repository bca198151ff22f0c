import type { AuditRecord } from "../../domain/audit.ts";
import type { SupervisionAgreement, SupervisionSession } from "../../domain/supervision.ts";
import type { SupervisionRepository, SupervisionSessionFilter } from "../../ports/supervision-repository.ts";
import type { MemoryAuditLog } from "./memory-audit.ts";
import { snapshotOf, type Snapshotting } from "./memory-transactions.ts";

const copy = <T>(value: T): T => structuredClone(value);
const byDay = (a: SupervisionSession, b: SupervisionSession) => a.date.localeCompare(b.date) || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);
const byAge = (a: SupervisionAgreement, b: SupervisionAgreement) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);

export class MemorySupervisionRepository implements SupervisionRepository, Snapshotting {
  private readonly sessionRows = new Map<string, SupervisionSession>();
  private readonly agreementRows = new Map<string, SupervisionAgreement>();

  constructor(private readonly audit: MemoryAuditLog) {}

  snapshot(): () => void {
    return snapshotOf(this.sessionRows, this.agreementRows);
  }

  async addSessions(sessions: readonly SupervisionSession[], audit: readonly AuditRecord[] = []): Promise<void> {
    const ids = new Set(sessions.map((s) => s.id));
    if (ids.size !== sessions.length || sessions.some((s) => this.sessionRows.has(s.id))) throw new Error("Supervision session id already stored");
    for (const session of sessions) this.sessionRows.set(session.id, copy(session));
    await this.write(audit);
  }

  async updateSession(session: SupervisionSession, audit: readonly AuditRecord[] = []): Promise<boolean> {
    const stored = this.sessionRows.get(session.id);
    if (!stored) throw new Error(`No supervision session ${session.id}`);
    if (stored.revision !== session.revision) return false;
    // Who, whose and when it was planned are fixed; the rest changes.
    const { id, superviseeId, supervisorId, date, replacesId, createdAt, createdById } = stored;
    this.sessionRows.set(id, copy({ ...session, id, superviseeId, supervisorId, date, replacesId, createdAt, createdById, revision: stored.revision + 1 }));
    await this.write(audit);
    return true;
  }

  async findSession(id: string): Promise<SupervisionSession | null> {
    const found = this.sessionRows.get(id);
    return found ? copy(found) : null;
  }

  async sessions(filter: SupervisionSessionFilter): Promise<SupervisionSession[]> {
    return [...this.sessionRows.values()]
      .filter((s) => (filter.superviseeId === undefined || s.superviseeId === filter.superviseeId) && (filter.supervisorId === undefined || s.supervisorId === filter.supervisorId) && (filter.status === undefined || s.status === filter.status))
      .sort(byDay)
      .map(copy);
  }

  async addAgreement(agreement: SupervisionAgreement, audit: readonly AuditRecord[] = []): Promise<void> {
    if (this.agreementRows.has(agreement.id)) throw new Error("Supervision agreement id already stored");
    this.agreementRows.set(agreement.id, copy(agreement));
    await this.write(audit);
  }

  async updateAgreement(agreement: SupervisionAgreement, audit: readonly AuditRecord[] = []): Promise<boolean> {
    const stored = this.agreementRows.get(agreement.id);
    if (!stored) throw new Error(`No supervision agreement ${agreement.id}`);
    if (stored.revision !== agreement.revision) return false;
    const { id, superviseeId, supervisorId, reason, previousId, createdAt } = stored;
    this.agreementRows.set(id, copy({ ...agreement, id, superviseeId, supervisorId, reason, previousId, createdAt, revision: stored.revision + 1 }));
    await this.write(audit);
    return true;
  }

  async findAgreement(id: string): Promise<SupervisionAgreement | null> {
    const found = this.agreementRows.get(id);
    return found ? copy(found) : null;
  }

  async agreementsOf(superviseeId: string): Promise<SupervisionAgreement[]> {
    return [...this.agreementRows.values()].filter((a) => a.superviseeId === superviseeId).sort(byAge).map(copy);
  }

  async agreementsSupervisedBy(supervisorId: string): Promise<SupervisionAgreement[]> {
    return [...this.agreementRows.values()].filter((a) => a.supervisorId === supervisorId).sort(byAge).map(copy);
  }

  private async write(audit: readonly AuditRecord[]): Promise<void> {
    for (const record of audit) await this.audit.append(record);
  }
}
