import type { AuditRecord } from "../../domain/audit.ts";
import type { Deadline } from "../../domain/deadline.ts";
import { attemptsAdded, reschedulable, settledColumns, type Absence, type NewReminder, type Reminder, type ReminderOutcome } from "../../domain/reminder.ts";
import type { DueBacklog, ReminderFilter, ScheduleRepository } from "../../ports/schedule-repository.ts";
import type { MemoryAuditLog } from "./memory-audit.ts";
import { snapshotOf, type Snapshotting } from "./memory-transactions.ts";

/** In-memory ScheduleRepository for fast tests; behaves as the Prisma one (same contract suite). */
export class MemoryScheduleRepository implements ScheduleRepository, Snapshotting {
  constructor(private readonly auditLog: MemoryAuditLog) {}

  private readonly deadlines = new Map<string, Deadline>();
  private readonly rows = new Map<string, Reminder>();
  private readonly keys = new Set<string>();
  private readonly away = new Map<string, Absence>();

  snapshot(): () => void {
    return snapshotOf(this.deadlines, this.rows, this.keys, this.away);
  }

  async saveDeadline(deadline: Deadline, audit: readonly AuditRecord[] = []): Promise<void> {
    const existing = this.deadlines.get(deadline.id);
    this.deadlines.set(deadline.id, clone({ ...deadline, createdAt: existing?.createdAt ?? deadline.createdAt }));
    this.auditLog.appendAll(audit);
  }

  async addDeadlines(deadlines: readonly Deadline[], audit: readonly AuditRecord[] = []): Promise<void> {
    const taken = deadlines.find((d) => this.deadlines.has(d.id));
    if (taken) throw new Error(`Deadline ${taken.id} is already stored`);
    for (const deadline of deadlines) this.deadlines.set(deadline.id, clone(deadline));
    this.auditLog.appendAll(audit);
  }

  async findDeadline(id: string): Promise<Deadline | null> {
    return clone(this.deadlines.get(id) ?? null);
  }

  async deadlinesForNote(noteId: string): Promise<Deadline[]> {
    return clone(byDue([...this.deadlines.values()].filter((d) => d.noteId === noteId)));
  }

  async deadlinesFor(subjectType: Deadline["subjectType"], subjectId: string): Promise<Deadline[]> {
    return clone(byDue([...this.deadlines.values()].filter((d) => d.subjectType === subjectType && d.subjectId === subjectId)));
  }

  async openDeadlines(dueBefore?: Date): Promise<Deadline[]> {
    const open = [...this.deadlines.values()].filter((d) => d.status === "open" && (!dueBefore || d.dueAt.getTime() <= dueBefore.getTime()));
    return clone(byDue(open));
  }

  async meetDeadline(id: string, at: Date, audit: readonly AuditRecord[] = []): Promise<boolean> {
    const deadline = this.deadlines.get(id);
    if (!deadline || deadline.status !== "open") return false;
    Object.assign(deadline, { status: "met", metAt: at, updatedAt: at });
    await this.cancelPending(id, "deadline-met");
    this.auditLog.appendAll(audit);
    return true;
  }

  async addReminders(reminders: readonly NewReminder[]): Promise<Reminder[]> {
    const taken = reminders.find((r, i) => this.keys.has(r.key) || reminders.findIndex((o) => o.key === r.key) !== i);
    if (taken) throw new Error(`Reminder ${taken.key} is already stored`);
    return this.schedule(reminders);
  }

  async schedule(reminders: readonly NewReminder[]): Promise<Reminder[]> {
    const inserted: Reminder[] = [];
    for (const r of reminders) {
      if (this.keys.has(r.key)) continue;
      const row: Reminder = { ...clone(r), message: r.message ?? null, availableAt: r.dueAt, status: "pending", attempts: 0, claimToken: null, lastError: null, sentAt: null };
      this.keys.add(r.key);
      this.rows.set(r.id, row);
      inserted.push(clone(row));
    }
    return inserted;
  }

  async reschedule(key: string, dueAt: Date, now: Date): Promise<boolean> {
    const row = [...this.rows.values()].find((r) => r.key === key);
    if (!row || !reschedulable(row, now)) return false;
    Object.assign(row, { status: "pending", dueAt, availableAt: dueAt, claimToken: null, lastError: null });
    return true;
  }

  async cancelPending(deadlineId: string, reason: string, keepKeys: readonly string[] = []): Promise<number> {
    let count = 0;
    for (const row of this.rows.values()) {
      if (row.deadlineId === deadlineId && row.status === "pending" && !keepKeys.includes(row.key)) {
        Object.assign(row, { status: "cancelled", lastError: reason, claimToken: null });
        count++;
      }
    }
    return count;
  }

  async findReminder(id: string): Promise<Reminder | null> {
    return clone(this.rows.get(id) ?? null);
  }

  async reminders(filter: ReminderFilter): Promise<Reminder[]> {
    const rows = [...this.rows.values()].filter(
      (r) =>
        (!filter.recipientId || r.recipientId === filter.recipientId) &&
        (!filter.deadlineId || r.deadlineId === filter.deadlineId) &&
        (!filter.deadlineIds || filter.deadlineIds.includes(r.deadlineId ?? "")) &&
        (!filter.status || r.status === filter.status) &&
        (!filter.kind || r.kind === filter.kind),
    );
    return clone(byDue(rows));
  }

  async claimDue(now: Date, limit: number, leaseMs: number, token: string): Promise<Reminder[]> {
    const due = [...this.rows.values()]
      .filter((r) => r.status === "pending" && r.availableAt.getTime() <= now.getTime())
      .sort((a, b) => a.availableAt.getTime() - b.availableAt.getTime())
      .slice(0, limit);
    for (const row of due) Object.assign(row, { claimToken: token, availableAt: new Date(now.getTime() + leaseMs) });
    return clone(due);
  }

  async settle(id: string, token: string, outcome: ReminderOutcome, audit: readonly AuditRecord[] = []): Promise<boolean> {
    const row = this.rows.get(id);
    if (!row || row.status !== "pending" || row.claimToken !== token) return false;
    Object.assign(row, settledColumns(outcome), { attempts: row.attempts + attemptsAdded(outcome) });
    this.auditLog.appendAll(audit);
    return true;
  }

  async releaseClaims(token: string, now: Date): Promise<number> {
    let count = 0;
    for (const row of this.rows.values()) {
      if (row.status === "pending" && row.claimToken === token) {
        Object.assign(row, { claimToken: null, availableAt: new Date(now) });
        count++;
      }
    }
    return count;
  }

  async dueBacklog(now: Date): Promise<DueBacklog> {
    const due = [...this.rows.values()].filter((r) => r.status === "pending" && r.availableAt.getTime() <= now.getTime());
    const oldest = due.reduce<Date | null>((min, r) => (min === null || r.availableAt.getTime() < min.getTime() ? r.availableAt : min), null);
    return { overdue: due.length, oldestDueAt: oldest && new Date(oldest) };
  }

  async addAbsence(absence: Absence, audit: readonly AuditRecord[] = []): Promise<void> {
    this.away.set(absence.id, clone(absence));
    this.auditLog.appendAll(audit);
  }

  async removeAbsence(id: string, audit: readonly AuditRecord[] = []): Promise<boolean> {
    if (!this.away.delete(id)) return false;
    this.auditLog.appendAll(audit);
    return true;
  }

  async absences(personId: string, range?: { fromDate: string; toDate: string }): Promise<Absence[]> {
    const rows = [...this.away.values()].filter((a) => a.personId === personId && (!range || (a.fromDate <= range.toDate && a.toDate >= range.fromDate)));
    return clone(rows.sort((a, b) => a.fromDate.localeCompare(b.fromDate)));
  }
}

function byDue<T extends { dueAt: Date }>(rows: T[]): T[] {
  return rows.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

const clone = <T>(value: T): T => structuredClone(value);
