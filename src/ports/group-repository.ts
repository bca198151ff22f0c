import type { AuditRecord } from "../domain/audit.ts";
import type { GroupSeries, GroupSession } from "../domain/group-supervision.ts";

/** Group supervision series and their sessions. Every change takes the audit records describing it. */
export interface GroupRepository {
  /** Inserts or replaces a series (one per team). */
  saveSeries(series: GroupSeries, audit?: readonly AuditRecord[]): Promise<void>;
  findSeries(id: string): Promise<GroupSeries | null>;
  /** Example: seriesOfTeam("Children in Need North"). */
  seriesOfTeam(team: string): Promise<GroupSeries | null>;
  listSeries(): Promise<GroupSeries[]>;
  /** Adds a session; false when the series already has one that day (two processes planning at once). */
  addSession(session: GroupSession, audit?: readonly AuditRecord[]): Promise<boolean>;
  /**
   * Replaces a session's changeable parts (status, roles, case, stage, swap, note) if it still
   * stands at `session.revision` as read, and bumps the revision; false (nothing written) when
   * someone changed it meanwhile.
   */
  updateSession(session: GroupSession, audit?: readonly AuditRecord[]): Promise<boolean>;
  findSession(id: string): Promise<GroupSession | null>;
  /** A series' sessions, earliest first. */
  sessionsOf(seriesId: string): Promise<GroupSession[]>;
}
