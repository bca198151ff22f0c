import type { RuleId } from "./timescale.ts";

/**
 * Policy rules, plus the action's own due date (the note sets it, not a policy), a group
 * supervision session's start (what its announcement and prompts lead up to), and the date a
 * case must next be discussed by (its category's frequency, docs/design.md#the-case-register).
 */
export type DeadlineRule = RuleId | "action.due" | "group.session" | "case.discussion" | SupervisionRule;

/**
 * What a deadline is about: a note or one of its actions, a group session, a case on the
 * register (its next discussion), a formal supervision session or a supervision agreement.
 */
export type DeadlineSubject = "note" | "action" | "group-session" | "case" | "supervision" | "agreement";

/**
 * Formal supervision's own deadlines: a session held by its day, a supervision agreement
 * signed by both, and its annual review (docs/design.md#formal-supervision).
 */
export const SUPERVISION_RULES = ["supervision.session", "agreement.signed", "agreement.review"] as const;
export type SupervisionRule = (typeof SUPERVISION_RULES)[number];

export type DeadlineStatus = "open" | "met" | "cancelled";

/**
 * A timescale something must meet: a note completed, a note on the case record, an action
 * done, a group note recorded. Kept with how it was derived, so the record shows the
 * deadline that applied at the time even if the profile changes later.
 */
export interface Deadline {
  /** `<rule>:<subjectId>`: one deadline per rule and subject. */
  id: string;
  rule: DeadlineRule;
  subjectType: DeadlineSubject;
  subjectId: string;
  /** The note the subject belongs to (the note itself, or an action's note); null for other subjects. */
  noteId: string | null;
  profileId: string;
  /** The event the timescale runs from (discussed-at, the session, the note for an action, a case's last discussion). */
  fromAt: Date;
  dueAt: Date;
  /** One sentence: "48 hours after Mon 23 Nov 2026 14:10: Wed 25 Nov 2026 14:10". */
  explain: string;
  /** The policy paragraph behind it. */
  source: string;
  status: DeadlineStatus;
  metAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const deadlineId = (rule: DeadlineRule, subjectId: string): string => `${rule}:${subjectId}`;

/** Met on time, met late, still open or overdue at `now`. */
export function deadlineState(deadline: Deadline, now: Date): "on-time" | "late" | "pending" | "overdue" | "cancelled" {
  if (deadline.status === "cancelled") return "cancelled";
  if (deadline.status === "met") return deadline.metAt!.getTime() <= deadline.dueAt.getTime() ? "on-time" : "late";
  return now.getTime() > deadline.dueAt.getTime() ? "overdue" : "pending";
}
