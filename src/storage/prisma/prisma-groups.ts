import type { AuditRecord } from "../../domain/audit.ts";
import { isGroupFormat, type GroupSeries, type GroupSession, type GroupSessionStatus } from "../../domain/group-supervision.ts";
import type { GroupRepository } from "../../ports/group-repository.ts";
import { Prisma } from "./generated/client.ts";
import { appendAuditEntries } from "./prisma-audit.ts";
import type { Db } from "./prisma-db.ts";
import { isUniqueViolation } from "./sql.ts";

type SeriesRow = Prisma.GroupSeriesGetPayload<object>;
type SessionRow = Prisma.GroupSessionGetPayload<object>;

export class PrismaGroupRepository implements GroupRepository {
  constructor(private readonly db: Db) {}

  async saveSeries(series: GroupSeries, audit: readonly AuditRecord[] = []): Promise<void> {
    const { id, createdAt, createdById, ...rest } = series;
    await this.db.inTransaction(async (tx) => {
      await tx.q.groupSeries.upsert({ where: { id }, create: series, update: rest });
      await appendAuditEntries(tx, audit);
    });
  }

  async findSeries(id: string): Promise<GroupSeries | null> {
    const row = await this.db.q.groupSeries.findUnique({ where: { id } });
    return row ? toSeries(row) : null;
  }

  async seriesOfTeam(team: string): Promise<GroupSeries | null> {
    const row = await this.db.q.groupSeries.findUnique({ where: { team } });
    return row ? toSeries(row) : null;
  }

  async listSeries(): Promise<GroupSeries[]> {
    return (await this.db.q.groupSeries.findMany({ orderBy: { team: "asc" } })).map(toSeries);
  }

  async addSession(session: GroupSession, audit: readonly AuditRecord[] = []): Promise<boolean> {
    try {
      await this.db.inTransaction(async (tx) => {
        await tx.q.groupSession.create({ data: toRow(session) });
        await appendAuditEntries(tx, audit);
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async updateSession(session: GroupSession, audit: readonly AuditRecord[] = []): Promise<boolean> {
    const { id, seriesId, createdAt, revision, ...rest } = toRow(session);
    return this.db.inTransaction(async (tx) => {
      const { count } = await tx.q.groupSession.updateMany({ where: { id, revision }, data: { ...rest, revision: revision + 1 } });
      if (count === 0) return false;
      await appendAuditEntries(tx, audit);
      return true;
    });
  }

  async findSession(id: string): Promise<GroupSession | null> {
    const row = await this.db.q.groupSession.findUnique({ where: { id } });
    return row ? toSession(row) : null;
  }

  async sessionsOf(seriesId: string): Promise<GroupSession[]> {
    return (await this.db.q.groupSession.findMany({ where: { seriesId }, orderBy: [{ date: "asc" }, { startsAt: "asc" }] })).map(toSession);
  }
}

function toSeries(row: SeriesRow): GroupSeries {
  if (!isGroupFormat(row.format)) throw new Error(`Stored series has unknown format ${row.format}`);
  return { ...row, format: row.format };
}

function toRow(session: GroupSession): SessionRow {
  return { ...session, pendingSwap: session.pendingSwap ? JSON.stringify(session.pendingSwap) : null };
}

function toSession(row: SessionRow): GroupSession {
  return { ...row, status: row.status as GroupSessionStatus, pendingSwap: row.pendingSwap ? (JSON.parse(row.pendingSwap) as GroupSession["pendingSwap"]) : null };
}
