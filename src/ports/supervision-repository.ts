import type { AuditRecord } from "../domain/audit.ts";
import type { SupervisionAgreement, SupervisionSession } from "../domain/supervision.ts";

/** Which sessions: every condition given must hold. Example: { supervisorId: "p-mo", status: "planned" }. */
export interface SupervisionSessionFilter {
  superviseeId?: string;
  supervisorId?: string;
  status?: SupervisionSession["status"];
}

/**
 * Formal supervision sessions and supervision agreements. Every change takes the audit records
 * describing it and stores them with it. Updates are conditional on the revision read, so two
 * people acting on the same session at once cannot overwrite each other: the second is refused.
 */
export interface SupervisionRepository {
  /** Inserts new sessions, all in one go; an id already stored fails the call. */
  addSessions(sessions: readonly SupervisionSession[], audit?: readonly AuditRecord[]): Promise<void>;
  /**
   * Replaces a session's changeable parts (status, reason, held, notes circulated and signed,
   * case record) if it still stands at `session.revision` as read, and bumps the revision;
   * false (nothing written) when someone changed it meanwhile.
   */
  updateSession(session: SupervisionSession, audit?: readonly AuditRecord[]): Promise<boolean>;
  findSession(id: string): Promise<SupervisionSession | null>;
  /** Sessions matching the filter, earliest day first (then oldest first). */
  sessions(filter: SupervisionSessionFilter): Promise<SupervisionSession[]>;

  /** Inserts a new agreement; an id already stored fails the call. */
  addAgreement(agreement: SupervisionAgreement, audit?: readonly AuditRecord[]): Promise<void>;
  /** As `updateSession`, for an agreement's status, signatures and review date. */
  updateAgreement(agreement: SupervisionAgreement, audit?: readonly AuditRecord[]): Promise<boolean>;
  findAgreement(id: string): Promise<SupervisionAgreement | null>;
  /** A supervisee's agreements, oldest first. Example: agreementsOf("p-sam"). */
  agreementsOf(superviseeId: string): Promise<SupervisionAgreement[]>;
  /** Agreements a person signs as supervisor, oldest first. */
  agreementsSupervisedBy(supervisorId: string): Promise<SupervisionAgreement[]>;
}
