import type { AuditRecord } from "../../domain/audit.ts";
import { AGREEMENT_REASONS, AGREEMENT_STATUSES, SUPERVISION_SESSION_STATUSES, type SupervisionAgreement, type SupervisionSession } from "../../domain/supervision.ts";
import type { SupervisionRepository, SupervisionSessionFilter } from "../../ports/supervision-repository.ts";
import type { Prisma } from "./generated/client.ts";
import { appendAuditEntries } from "./prisma-audit.ts";
import type { Db } from "./prisma-db.ts";

type SessionRow = Prisma.SupervisionSessionGetPayload<object>;
type AgreementRow = Prisma.SupervisionAgreementGetPayload<object>;

export class PrismaSupervisionRepository implements SupervisionRepository {
  constructor(private readonly db: Db) {}

  async addSessions(sessions: readonly SupervisionSession[], audit: readonly AuditRecord[] = []): Promise<void> {
    if (sessions.length === 0 && audit.length === 0) return;
    await this.db.inTransaction(async (tx) => {
      for (const session of sessions) await tx.q.supervisionSession.create({ data: session });
      await appendAuditEntries(tx, audit);
    });
  }

  async updateSession(session: SupervisionSession, audit: readonly AuditRecord[] = []): Promise<boolean> {
    // Who, whose and when it was planned are fixed; the rest changes.
    const { id, revision, status, reason, heldAt, heldById, notesCirculatedAt, notesSignedAt, caseRecordAt, updatedAt } = session;
    return this.db.inTransaction(async (tx) => {
      const data = { status, reason, heldAt, heldById, notesCirculatedAt, notesSignedAt, caseRecordAt, updatedAt, revision: revision + 1 };
      const { count } = await tx.q.supervisionSession.updateMany({ where: { id, revision }, data });
      if (count === 0) {
        if (!(await tx.q.supervisionSession.findUnique({ where: { id } }))) throw new Error(`No supervision session ${id}`);
        return false;
      }
      await appendAuditEntries(tx, audit);
      return true;
    });
  }

  async findSession(id: string): Promise<SupervisionSession | null> {
    const row = await this.db.q.supervisionSession.findUnique({ where: { id } });
    return row ? toSession(row) : null;
  }

  async sessions(filter: SupervisionSessionFilter): Promise<SupervisionSession[]> {
    const rows = await this.db.q.supervisionSession.findMany({
      where: { superviseeId: filter.superviseeId, supervisorId: filter.supervisorId, status: filter.status },
      orderBy: [{ date: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    });
    return rows.map(toSession);
  }

  async addAgreement(agreement: SupervisionAgreement, audit: readonly AuditRecord[] = []): Promise<void> {
    await this.db.inTransaction(async (tx) => {
      await tx.q.supervisionAgreement.create({ data: agreement });
      await appendAuditEntries(tx, audit);
    });
  }

  async updateAgreement(agreement: SupervisionAgreement, audit: readonly AuditRecord[] = []): Promise<boolean> {
    const { id, revision, status, signBy, supervisorSignedAt, superviseeSignedAt, reviewBy, updatedAt } = agreement;
    return this.db.inTransaction(async (tx) => {
      const data = { status, signBy, supervisorSignedAt, superviseeSignedAt, reviewBy, updatedAt, revision: revision + 1 };
      const { count } = await tx.q.supervisionAgreement.updateMany({ where: { id, revision }, data });
      if (count === 0) {
        if (!(await tx.q.supervisionAgreement.findUnique({ where: { id } }))) throw new Error(`No supervision agreement ${id}`);
        return false;
      }
      await appendAuditEntries(tx, audit);
      return true;
    });
  }

  async findAgreement(id: string): Promise<SupervisionAgreement | null> {
    const row = await this.db.q.supervisionAgreement.findUnique({ where: { id } });
    return row ? toAgreement(row) : null;
  }

  async agreementsOf(superviseeId: string): Promise<SupervisionAgreement[]> {
    return (await this.db.q.supervisionAgreement.findMany({ where: { superviseeId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })).map(toAgreement);
  }

  async agreementsSupervisedBy(supervisorId: string): Promise<SupervisionAgreement[]> {
    return (await this.db.q.supervisionAgreement.findMany({ where: { supervisorId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })).map(toAgreement);
  }
}

function oneOf<T extends string>(values: readonly T[], value: string, what: string): T {
  if (!(values as readonly string[]).includes(value)) throw new Error(`Stored ${what} "${value}" is not known`);
  return value as T;
}

function toSession(row: SessionRow): SupervisionSession {
  return { ...row, status: oneOf(SUPERVISION_SESSION_STATUSES, row.status, "session status") };
}

function toAgreement(row: AgreementRow): SupervisionAgreement {
  return { ...row, status: oneOf(AGREEMENT_STATUSES, row.status, "agreement status"), reason: oneOf(AGREEMENT_REASONS, row.reason, "agreement reason") };
}
