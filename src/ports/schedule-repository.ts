import type { AuditRecord } from "../domain/audit.ts";
import type { Deadline } from "../domain/deadline.ts";
import type { Absence, NewReminder, Reminder, ReminderOutcome } from "../domain/reminder.ts";

/** Which reminders: every condition given must hold; `deadlineIds`, any of those deadlines'. */
export interface ReminderFilter {
  recipientId?: string;
  deadlineId?: string;
  deadlineIds?: readonly string[];
  status?: Reminder["status"];
  kind?: Reminder["kind"];
}

/** What `dueBacklog` reports. Example: { overdue: 3, oldestDueAt: 2026-11-24T10:59:00Z }. */
export interface DueBacklog {
  overdue: number;
  oldestDueAt: Date | null;
}

/**
 * Deadlines and the reminders that chase them. Every pending reminder is a row with the
 * time it may be sent; `claimDue` hands each due row to exactly one caller at a time.
 */
export interface ScheduleRepository {
  /** Inserts or replaces a deadline by id (its due time, explanation and status). */
  saveDeadline(deadline: Deadline, audit?: readonly AuditRecord[]): Promise<void>;
  /** Inserts deadlines not yet stored, all in one go; an id already stored fails the call. */
  addDeadlines(deadlines: readonly Deadline[], audit?: readonly AuditRecord[]): Promise<void>;
  findDeadline(id: string): Promise<Deadline | null>;
  /** A note's deadlines and its actions', in due order. Example: deadlinesForNote("k7m2q9x"). */
  deadlinesForNote(noteId: string): Promise<Deadline[]>;
  /** The deadlines about one subject other than a note, in due order. Example: deadlinesFor("case", "4471-JB"). */
  deadlinesFor(subjectType: Deadline["subjectType"], subjectId: string): Promise<Deadline[]>;
  /** Deadlines still open, in due order; with `dueBefore`, only those due by then. */
  openDeadlines(dueBefore?: Date): Promise<Deadline[]>;
  /** open → met at `at`; pending reminders for it are cancelled. `false` if it was not open. */
  meetDeadline(id: string, at: Date, audit?: readonly AuditRecord[]): Promise<boolean>;

  /** Inserts reminders whose key is new; returns the ones inserted (an existing key is left as it is). */
  schedule(reminders: readonly NewReminder[]): Promise<Reminder[]>;
  /**
   * Inserts reminders the caller knows to be new, in one go, without looking for their keys
   * first: it has read their deadlines' reminders in the same transaction (a key names its
   * deadline), or the deadlines are new. A key already stored fails the call.
   */
  addReminders(reminders: readonly NewReminder[]): Promise<Reminder[]>;
  /**
   * Moves a reminder not yet sent to a new time: a pending one (unless a sweep holds a live
   * claim on it at `now`), or one cancelled as "replanned", which comes back. False when it
   * was sent, failed, cancelled for another reason, or is being sent right now.
   */
  reschedule(key: string, dueAt: Date, now: Date): Promise<boolean>;
  /** Cancels a deadline's pending reminders, except those with the given keys; returns how many. */
  cancelPending(deadlineId: string, reason: string, keepKeys?: readonly string[]): Promise<number>;
  findReminder(id: string): Promise<Reminder | null>;
  /** Reminders matching the filter, in due order. Example: reminders({ recipientId: "p1", status: "sent", kind: "escalation" }). */
  reminders(filter: ReminderFilter): Promise<Reminder[]>;

  /**
   * Claims up to `limit` pending reminders whose availableAt is at or before `now`: each is
   * leased to `token` until now + leaseMs (after which another sweep may claim it again).
   * Concurrent callers never receive the same row under a live lease.
   */
  claimDue(now: Date, limit: number, leaseMs: number, token: string): Promise<Reminder[]>;
  /** Settles a claimed reminder; `false` when the claim was lost (lease expired and taken). */
  settle(id: string, token: string, outcome: ReminderOutcome, audit?: readonly AuditRecord[]): Promise<boolean>;
  /**
   * Hands back every reminder still claimed under `token` (pending, not settled), available
   * again at `now`: a process shutting down releases its claims so another replica can send
   * them at once rather than when their leases end. Returns how many it released.
   */
  releaseClaims(token: string, now: Date): Promise<number>;
  /**
   * The reminders waiting to be sent: pending ones available at or before `now` and not under
   * a live claim, how many, and the earliest time one of them became available (null when
   * none). For the operator's gauges: a backlog that grows means no sweep is keeping up.
   */
  dueBacklog(now: Date): Promise<DueBacklog>;

  addAbsence(absence: Absence, audit?: readonly AuditRecord[]): Promise<void>;
  removeAbsence(id: string, audit?: readonly AuditRecord[]): Promise<boolean>;
  /** A person's absences overlapping [fromDate, toDate] (London dates), or all of them. */
  absences(personId: string, range?: { fromDate: string; toDate: string }): Promise<Absence[]>;
}
