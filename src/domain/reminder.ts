/**
 * What a reminder row asks the scheduler to send (docs/design.md#reminders-and-escalation):
 * - `before`: a reminder ahead of a deadline (24 h and 4 h by default);
 * - `action-before`, `action-due`: an action's owner, a working day before and on the due day;
 * - `overdue`: to the person at breach; `escalation`: to their line manager at breach;
 * - `digest`: the daily list of overdue items to a manager who had an escalation;
 * - `snoozed`: a reminder put off by its recipient;
 * - `undeliverable`: a person could not be reached at all, told to their line manager;
 * - `group-announce`, `group-role`, `group-case`: a group supervision session's roles in the
 *   team channel, each role-holder's prompt, and the presenter asked again for the case;
 * - `group-unposted`: the announcement could not be posted in the channel, told to the facilitator;
 * - `notice`: a message composed when something happened (a note recorded, a swap asked for),
 *   for someone other than the person who did it; it carries its message.
 */
export const REMINDER_KINDS = ["before", "action-before", "action-due", "overdue", "escalation", "digest", "snoozed", "undeliverable", "group-announce", "group-role", "group-case", "group-unposted", "notice"] as const;

export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** Reminders ahead of a deadline: the ones their recipient may snooze (an overdue notice is not put off). */
export const SNOOZABLE_KINDS: readonly ReminderKind[] = ["before", "action-before", "action-due", "snoozed"];

export const GROUP_REMINDER_KINDS: readonly ReminderKind[] = ["group-announce", "group-role", "group-case", "group-unposted"];

/** How a failed reminder's `lastError` starts when it failed for now every time, rather than for good. */
export const GAVE_UP = "gave-up:";

/** pending → sent | cancelled (no longer needed) | failed (could not be delivered, escalated). */
export type ReminderStatus = "pending" | "sent" | "cancelled" | "failed";

export interface Reminder {
  id: string;
  /** Makes scheduling idempotent: scheduling the same key twice keeps one row. */
  key: string;
  kind: ReminderKind;
  deadlineId: string | null;
  /** Whose deadline it is: the reminded person, or the one an escalation is about. */
  aboutId: string;
  recipientId: string;
  /** When it is meant to go (already moved into the recipient's working hours). */
  dueAt: Date;
  /** When a sweep may next claim it: dueAt, a retry's time, or the end of a claim's lease. */
  availableAt: Date;
  status: ReminderStatus;
  attempts: number;
  claimToken: string | null;
  /** Why the last attempt failed or why it was cancelled: a code, never case content. */
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
  /**
   * A notice's message as composed when it was queued (the bot's message model, as JSON);
   * null for every other kind, whose message is composed when it is sent.
   */
  message: string | null;
}

export type NewReminder = Pick<Reminder, "id" | "key" | "kind" | "deadlineId" | "aboutId" | "recipientId" | "dueAt" | "createdAt"> & { message?: string | null };

/** A London calendar day range a person is away, inclusive: "2026-12-21" to "2027-01-01". */
export interface Absence {
  id: string;
  personId: string;
  fromDate: string;
  toDate: string;
  createdAt: Date;
  createdById: string | null;
}

/** A claimed reminder's outcome, conditional on the claim still being the caller's. */
export type ReminderOutcome =
  | { status: "sent"; at: Date; recipientId: string }
  | { status: "cancelled"; reason: string }
  | { status: "failed"; reason: string }
  /** Back to pending, claimable again at `availableAt` (a retry or a quiet-hours wait). */
  | { status: "retry"; availableAt: Date; reason: string; countsAsAttempt: boolean };

/** The columns a settled reminder ends with (attempts aside): shared by both implementations. */
export function settledColumns(outcome: ReminderOutcome): Partial<Omit<Reminder, "attempts">> {
  switch (outcome.status) {
    case "sent":
      return { status: "sent", sentAt: outcome.at, recipientId: outcome.recipientId, claimToken: null, lastError: null };
    case "cancelled":
    case "failed":
      return { status: outcome.status, lastError: outcome.reason, claimToken: null };
    case "retry":
      return { availableAt: outcome.availableAt, lastError: outcome.reason, claimToken: null };
  }
}

/** Whether settling counts as a delivery attempt (a quiet-hours wait or a cancellation does not). */
export function attemptsAdded(outcome: ReminderOutcome): number {
  if (outcome.status === "retry") return outcome.countsAsAttempt ? 1 : 0;
  return outcome.status === "cancelled" ? 0 : 1;
}

/** Cancelled by re-planning (a deadline moved, or someone else became responsible): may come back. */
export const REPLANNED = "replanned";

/** Whether a reminder may be moved to a new time: not sent, not failed, not in a sender's hands. */
export function reschedulable(row: Pick<Reminder, "status" | "lastError" | "claimToken" | "availableAt">, now: Date): boolean {
  if (row.status === "cancelled") return row.lastError === REPLANNED;
  return row.status === "pending" && (row.claimToken === null || row.availableAt.getTime() <= now.getTime());
}
