import type { AuditRecord } from "../../domain/audit.ts";
import type { GroupSeries, GroupSession } from "../../domain/group-supervision.ts";
import type { GroupRepository } from "../../ports/group-repository.ts";
import type { MemoryAuditLog } from "./memory-audit.ts";
import { snapshotOf, type Snapshotting } from "./memory-transactions.ts";

const copy = <T>(value: T): T => structuredClone(value);

export class MemoryGroupRepository implements GroupRepository, Snapshotting {
  private readonly series = new Map<string, GroupSeries>();
  private readonly sessions = new Map<string, GroupSession>();

  constructor(private readonly audit: MemoryAuditLog) {}

  snapshot(): () => void {
    return snapshotOf(this.series, this.sessions);
  }

  async saveSeries(series: GroupSeries, audit: readonly AuditRecord[] = []): Promise<void> {
    const other = [...this.series.values()].find((s) => s.team === series.team && s.id !== series.id);
    if (other) throw new Error(`Team ${series.team} already has a series`);
    this.series.set(series.id, copy(series));
    await this.write(audit);
  }

  async findSeries(id: string): Promise<GroupSeries | null> {
    const found = this.series.get(id);
    return found ? copy(found) : null;
  }

  async seriesOfTeam(team: string): Promise<GroupSeries | null> {
    const found = [...this.series.values()].find((s) => s.team === team);
    return found ? copy(found) : null;
  }

  async listSeries(): Promise<GroupSeries[]> {
    return [...this.series.values()].map(copy).sort((a, b) => a.team.localeCompare(b.team));
  }

  async addSession(session: GroupSession, audit: readonly AuditRecord[] = []): Promise<boolean> {
    if ([...this.sessions.values()].some((s) => s.seriesId === session.seriesId && s.date === session.date)) return false;
    this.sessions.set(session.id, copy(session));
    await this.write(audit);
    return true;
  }

  async updateSession(session: GroupSession, audit: readonly AuditRecord[] = []): Promise<boolean> {
    const stored = this.sessions.get(session.id);
    if (!stored) throw new Error(`No session ${session.id}`);
    if (stored.revision !== session.revision) return false;
    this.sessions.set(session.id, copy({ ...session, revision: session.revision + 1 }));
    await this.write(audit);
    return true;
  }

  async findSession(id: string): Promise<GroupSession | null> {
    const found = this.sessions.get(id);
    return found ? copy(found) : null;
  }

  async sessionsOf(seriesId: string): Promise<GroupSession[]> {
    return [...this.sessions.values()]
      .filter((s) => s.seriesId === seriesId)
      .map(copy)
      .sort((a, b) => a.date.localeCompare(b.date) || a.startsAt.getTime() - b.startsAt.getTime());
  }

  private async write(audit: readonly AuditRecord[]): Promise<void> {
    for (const record of audit) await this.audit.append(record);
  }
}
