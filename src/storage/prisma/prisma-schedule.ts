import type { AuditRecord } from "../../domain/audit.ts";
import type { Deadline } from "../../domain/deadline.ts";
import { attemptsAdded, REPLANNED, settledColumns, type Absence, type NewReminder, type Reminder, type ReminderOutcome } from "../../domain/reminder.ts";
import type { DueBacklog, ReminderFilter, ScheduleRepository } from "../../ports/schedule-repository.ts";
import { Prisma } from "./generated/client.ts";
import { appendAuditEntries } from "./prisma-audit.ts";
import type { Db, Unit } from "./prisma-db.ts";
import { chunks, insertRows, selectRows } from "./sql.ts";

type DeadlineRow = Prisma.DeadlineGetPayload<object>;
type ReminderRow = Prisma.ReminderGetPayload<object>;

/**
 * Deadlines and reminders in the database. Claiming is one UPDATE … RETURNING statement: it
 * picks the oldest due rows in a subquery, leases them to the caller's token on condition
 * that they are still pending and available, and returns the rows as it left them, which are
 * the caller's alone. On SQLite the statement runs under the write lock; on PostgreSQL the
 * condition is re-checked on each row as it is updated, so a row another sweep took is skipped.
 */
export class PrismaScheduleRepository implements ScheduleRepository {
  constructor(private readonly db: Db) {}

  async saveDeadline(deadline: Deadline, audit: readonly AuditRecord[] = []): Promise<void> {
    const { id, createdAt, ...rest } = deadline;
    await this.db.inTransaction(async (tx) => {
      const stored = await tx.q.deadline.upsert({ where: { id }, create: deadline, update: rest });
      await appendAuditEntries(tx, audit);
      rememberDeadline(tx.unit, toDeadline(stored));
    });
  }

  async addDeadlines(deadlines: readonly Deadline[], audit: readonly AuditRecord[] = []): Promise<void> {
    if (deadlines.length === 0) return;
    await this.db.inTransaction(async (tx) => {
      await insertRows(tx, "Deadline", deadlines);
      await appendAuditEntries(tx, audit);
      for (const deadline of deadlines) rememberDeadline(tx.unit, deadline);
    });
  }

  async findDeadline(id: string): Promise<Deadline | null> {
    const row = await this.db.q.deadline.findUnique({ where: { id } });
    return row ? toDeadline(row) : null;
  }

  async deadlinesForNote(noteId: string): Promise<Deadline[]> {
    const known = this.db.unit?.deadlines.get(noteId);
    if (known) return structuredClone(known);
    const deadlines = (await this.db.q.deadline.findMany({ where: { noteId }, orderBy: { dueAt: "asc" } })).map(toDeadline);
    this.db.unit?.deadlines.set(noteId, structuredClone(deadlines));
    return deadlines;
  }

  async deadlinesFor(subjectType: Deadline["subjectType"], subjectId: string): Promise<Deadline[]> {
    return (await this.db.q.deadline.findMany({ where: { subjectType, subjectId }, orderBy: { dueAt: "asc" } })).map(toDeadline);
  }

  async openDeadlines(dueBefore?: Date): Promise<Deadline[]> {
    const rows = await this.db.q.deadline.findMany({ where: { status: "open", ...(dueBefore && { dueAt: { lte: dueBefore } }) }, orderBy: { dueAt: "asc" } });
    return rows.map(toDeadline);
  }

  async meetDeadline(id: string, at: Date, audit: readonly AuditRecord[] = []): Promise<boolean> {
    return this.db.inTransaction(async (tx) => {
      const [met] = await tx.q.deadline.updateManyAndReturn({ where: { id, status: "open" }, data: { status: "met", metAt: at, updatedAt: at } });
      if (!met) return false;
      rememberDeadline(tx.unit, toDeadline(met));
      await tx.q.reminder.updateMany({ where: { deadlineId: id, status: "pending" }, data: { status: "cancelled", lastError: "deadline-met", claimToken: null } });
      await appendAuditEntries(tx, audit);
      return true;
    });
  }

  async schedule(reminders: readonly NewReminder[]): Promise<Reminder[]> {
    if (reminders.length === 0) return [];
    // In a transaction, which holds the write lock from its start (SQLite: BEGIN IMMEDIATE),
    // the keys read are the keys there are when the rows go in: one INSERT for all the new ones.
    return this.db.inTransaction(async ({ q: tx }) => {
      const known = new Set<string>();
      for (const keys of chunks(reminders.map((r) => r.key))) {
        for (const row of await tx.reminder.findMany({ where: { key: { in: keys } }, select: { key: true } })) known.add(row.key);
      }
      const rows = reminders.filter((r) => !known.has(r.key) && (known.add(r.key), true)).map(pendingRow);
      if (rows.length > 0) await tx.reminder.createMany({ data: rows });
      return rows;
    });
  }

  async addReminders(reminders: readonly NewReminder[]): Promise<Reminder[]> {
    const rows = reminders.map(pendingRow);
    await insertRows(this.db, "Reminder", rows);
    return rows;
  }

  async reschedule(key: string, dueAt: Date, now: Date): Promise<boolean> {
    // One conditional update: the same test as `reschedulable`, so a sweep's claim cannot slip in between.
    const { count } = await this.db.q.reminder.updateMany({
      where: {
        key,
        OR: [
          { status: "cancelled", lastError: REPLANNED },
          { status: "pending", OR: [{ claimToken: null }, { availableAt: { lte: now } }] },
        ],
      },
      data: { status: "pending", dueAt, availableAt: dueAt, claimToken: null, lastError: null },
    });
    return count === 1;
  }

  async cancelPending(deadlineId: string, reason: string, keepKeys: readonly string[] = []): Promise<number> {
    const { count } = await this.db.q.reminder.updateMany({
      where: { deadlineId, status: "pending", key: { notIn: [...keepKeys] } },
      data: { status: "cancelled", lastError: reason, claimToken: null },
    });
    return count;
  }

  async findReminder(id: string): Promise<Reminder | null> {
    const row = await this.db.q.reminder.findUnique({ where: { id } });
    return row ? toReminder(row) : null;
  }

  async reminders(filter: ReminderFilter): Promise<Reminder[]> {
    const { deadlineIds, deadlineId, ...rest } = filter;
    const where: Prisma.ReminderWhereInput = { ...rest, ...(deadlineId !== undefined && { deadlineId }) };
    if (!deadlineIds) return (await this.db.q.reminder.findMany({ where, orderBy: { dueAt: "asc" } })).map(toReminder);
    const rows = [];
    for (const ids of chunks(deadlineIds)) {
      rows.push(...(await this.db.q.reminder.findMany({ where: { ...where, AND: [{ deadlineId: { in: ids } }] } })));
    }
    return rows.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime()).map(toReminder);
  }

  async claimDue(now: Date, limit: number, leaseMs: number, token: string): Promise<Reminder[]> {
    if (limit <= 0) return [];
    // A plain read first: an idle sweep writes nothing, and it gives the oldest-first order the
    // UPDATE cannot (RETURNING gives rows in no set order, and only their new availableAt).
    const due = await this.db.q.reminder.findMany({
      where: { status: "pending", availableAt: { lte: now } },
      orderBy: [{ availableAt: "asc" }, { id: "asc" }],
      take: limit,
      select: { id: true },
    });
    if (due.length === 0) return [];
    // One statement rather than update-by-ids then read-back: no list of `limit` bound ids (Prisma
    // allows SQLite 999 bound values a statement: a batch of 1,000 failed), one round trip fewer
    // through the query engine, and no transaction. Identifiers quoted as Prisma creates them.
    const claimed = await this.db.q.$queryRaw<ReminderRow[]>(this.db.provider === "postgres" ? claimSkippingLocked(now, limit, leaseMs, token) : Prisma.sql`
      UPDATE "Reminder" SET "claimToken" = ${token}, "availableAt" = ${new Date(now.getTime() + leaseMs)}
      WHERE "id" IN (
        SELECT "id" FROM "Reminder" WHERE "status" = 'pending' AND "availableAt" <= ${now}
        ORDER BY "availableAt", "id" LIMIT ${limit}
      ) AND "status" = 'pending' AND "availableAt" <= ${now}
      RETURNING *`);
    // In the order the read found them; a row that fell due in between goes last.
    const found = new Map(due.map((r, i) => [r.id, i]));
    const place = (id: string) => found.get(id) ?? due.length;
    return claimed.sort((a, b) => place(a.id) - place(b.id) || a.id.localeCompare(b.id)).map(toReminder);
  }

  async settle(id: string, token: string, outcome: ReminderOutcome, audit: readonly AuditRecord[] = []): Promise<boolean> {
    const update = () => ({
      where: { id, status: "pending", claimToken: token },
      data: { ...settledColumns(outcome), attempts: { increment: attemptsAdded(outcome) } },
    });
    if (audit.length === 0) return (await this.db.q.reminder.updateMany(update())).count === 1;
    return this.db.inTransaction(async (tx) => {
      if ((await tx.q.reminder.updateMany(update())).count === 0) return false;
      await appendAuditEntries(tx, audit);
      return true;
    });
  }

  async releaseClaims(token: string, now: Date): Promise<number> {
    const { count } = await this.db.q.reminder.updateMany({ where: { status: "pending", claimToken: token }, data: { claimToken: null, availableAt: now } });
    return count;
  }

  async dueBacklog(now: Date): Promise<DueBacklog> {
    const found = await this.db.q.reminder.aggregate({ where: { status: "pending", availableAt: { lte: now } }, _count: { _all: true }, _min: { availableAt: true } });
    return { overdue: found._count._all, oldestDueAt: found._min.availableAt ?? null };
  }

  async addAbsence(absence: Absence, audit: readonly AuditRecord[] = []): Promise<void> {
    await this.db.inTransaction(async (tx) => {
      tx.unit.absences.clear();
      await tx.q.absence.create({ data: absence, select: { id: true } });
      await appendAuditEntries(tx, audit);
    });
  }

  async removeAbsence(id: string, audit: readonly AuditRecord[] = []): Promise<boolean> {
    return this.db.inTransaction(async (tx) => {
      tx.unit.absences.clear();
      const { count } = await tx.q.absence.deleteMany({ where: { id } });
      if (count === 0) return false;
      await appendAuditEntries(tx, audit);
      return true;
    });
  }

  async absences(personId: string, range?: { fromDate: string; toDate: string }): Promise<Absence[]> {
    // A turn plans reminders deadline by deadline, for the same people: read once per transaction.
    const key = `${personId}|${range?.fromDate ?? ""}|${range?.toDate ?? ""}`;
    const known = this.db.unit?.absences.get(key);
    if (known) return structuredClone(known);
    // Read by every turn that plans reminders, so SQL (see sql.ts).
    const overlapping = range ? Prisma.sql`AND "fromDate" <= ${range.toDate} AND "toDate" >= ${range.fromDate}` : Prisma.empty;
    const rows = await selectRows<Absence>(this.db, Prisma.sql`
      SELECT "id", "personId", "fromDate", "toDate", "createdAt", "createdById" FROM "Absence"
      WHERE "personId" = ${personId} ${overlapping} ORDER BY "fromDate", "id"`);
    this.db.unit?.absences.set(key, structuredClone(rows));
    return rows;
  }
}

/**
 * claimDue's statement on PostgreSQL, where sweeps in several processes claim at once: each
 * skips the rows another is claiming (SKIP LOCKED) instead of queueing behind it, then finding
 * them gone. The due rows are chosen in a CTE, which PostgreSQL runs once (a LIMIT in an `IN`
 * subquery with FOR UPDATE may be run again and claim more than the limit).
 */
function claimSkippingLocked(now: Date, limit: number, leaseMs: number, token: string): Prisma.Sql {
  return Prisma.sql`
    WITH due AS (
      SELECT "id" FROM "Reminder" WHERE "status" = 'pending' AND "availableAt" <= ${now}
      ORDER BY "availableAt", "id" LIMIT ${limit} FOR UPDATE SKIP LOCKED
    )
    UPDATE "Reminder" AS r SET "claimToken" = ${token}, "availableAt" = ${new Date(now.getTime() + leaseMs)}
    FROM due WHERE r."id" = due."id"
    RETURNING r.*`;
}

/** A new reminder as its row: pending, available at its due time. */
function pendingRow(r: NewReminder): Reminder {
  const { id, key, kind, deadlineId, aboutId, recipientId, dueAt, createdAt } = r;
  return { id, key, kind, deadlineId, aboutId, recipientId, dueAt, availableAt: dueAt, status: "pending", attempts: 0, claimToken: null, lastError: null, sentAt: null, createdAt, message: r.message ?? null };
}

/** Keeps a transaction's knowledge of its notes' deadlines up to date with one it has just written. */
function rememberDeadline(unit: Unit, deadline: Deadline): void {
  for (const [noteId, list] of unit.deadlines) {
    const rest = list.filter((d) => d.id !== deadline.id);
    if (noteId === deadline.noteId) rest.push(structuredClone(deadline));
    // Stable: deadlines due at the same time stay in the order they were stored.
    unit.deadlines.set(noteId, rest.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime()));
  }
}

function toDeadline(row: DeadlineRow): Deadline {
  return { ...row, rule: row.rule as Deadline["rule"], subjectType: row.subjectType as Deadline["subjectType"], status: row.status as Deadline["status"] };
}

function toReminder(row: ReminderRow): Reminder {
  return { ...row, kind: row.kind as Reminder["kind"], status: row.status as Reminder["status"] };
}
