import type { AuditRecord } from "../../domain/audit.ts";
import { historyOrder, type CaseChange, type CaseExtension, type CaseField, type RegisteredCase } from "../../domain/case-register.ts";
import type { CaseFilter, CaseRegister } from "../../ports/case-register.ts";
import { Prisma } from "./generated/client.ts";
import { appendAuditEntries } from "./prisma-audit.ts";
import type { Db } from "./prisma-db.ts";

type CaseRow = Prisma.CaseGetPayload<object>;
type ChangeRow = Prisma.CaseChangeGetPayload<object>;

/** The case register in the database: `Case` as cases stand, `CaseChange` (append-only) as they came to. */
export class PrismaCaseRegister implements CaseRegister {
  constructor(private readonly db: Db) {}

  async find(caseRef: string): Promise<RegisteredCase | null> {
    const row = await this.db.q.case.findUnique({ where: { caseRef } });
    return row ? toCase(row) : null;
  }

  async save(cases: readonly RegisteredCase[], changes: readonly CaseChange[], audit: readonly AuditRecord[] = []): Promise<void> {
    await this.db.inTransaction(async (tx) => {
      for (const kase of cases) {
        const { caseRef, createdAt, ...rest } = toRow(kase);
        await tx.q.case.upsert({ where: { caseRef }, create: toRow(kase), update: rest });
      }
      if (changes.length) await tx.q.caseChange.createMany({ data: [...changes] });
      await appendAuditEntries(tx, audit);
    });
  }

  async list(filter: CaseFilter = {}): Promise<RegisteredCase[]> {
    const where: Prisma.CaseWhereInput = {
      ...(filter.workerId !== undefined && { workerId: filter.workerId }),
      ...(filter.workerIds !== undefined && { workerId: { in: [...filter.workerIds] } }),
      ...(filter.team !== undefined && { team: filter.team }),
      ...(filter.open !== undefined && { closedOn: filter.open ? null : { not: null } }),
    };
    return (await this.db.q.case.findMany({ where, orderBy: { caseRef: "asc" } })).map(toCase);
  }

  async history(caseRef: string): Promise<CaseChange[]> {
    return (await this.db.q.caseChange.findMany({ where: { caseRef }, orderBy: [{ at: "asc" }, { id: "asc" }] })).map(toChange).sort(historyOrder);
  }
}

function toRow(kase: RegisteredCase): CaseRow {
  return { ...kase, extension: kase.extension ? JSON.stringify({ ...kase.extension, at: kase.extension.at.toISOString() }) : null };
}

function toCase(row: CaseRow): RegisteredCase {
  const extension = row.extension ? (JSON.parse(row.extension) as Omit<CaseExtension, "at"> & { at: string }) : null;
  return { ...row, extension: extension && { ...extension, at: new Date(extension.at) } };
}

function toChange(row: ChangeRow): CaseChange {
  return { ...row, field: row.field as CaseField };
}
