// The deadlines formal supervision sets (docs/design.md#formal-supervision), kept
// as Deadline rows chased by reminders like a note's: a session held by its day; after it, the
// notes circulated [004 §13] and signed [004 §13], and (where the profile says so) the case
// supervision reference on the children's records [001 §7]; an agreement signed by both, and
// reviewed at least annually [004 5.1, 004 5.2].
import { dueAfter } from "../calendar/due-after.ts";
import { formatDay, parseLondonDate } from "../calendar/london-date.ts";
import { atLondonTime } from "../calendar/working-hours.ts";
import { deadlineId } from "../domain/deadline.ts";
import { formatLondon } from "../domain/london-time.ts";
import type { SupervisionAgreement, SupervisionSession } from "../domain/supervision.ts";
import type { PolicyProfile, RuleId } from "../policy/profile.ts";
import type { Core } from "./core.ts";
import type { PlannedDeadline } from "./plan-deadlines.ts";
import { applyDeadlinePlan } from "./apply-deadline-plan.ts";
import { noChanges, type DeadlineChanges } from "./replan-reminders.ts";

/** The end of working hours on a session's day: when it is due. */
export function sessionDueAt(date: string, profile: PolicyProfile): Date {
  return atLondonTime(parseLondonDate(date), profile.workingHours.end);
}

/** A session's deadlines as it now stands. A moved or cancelled session has none: its open ones are cancelled. */
export function planSessionDeadlines(session: SupervisionSession, profile: PolicyProfile): PlannedDeadline[] {
  if (session.status === "moved" || session.status === "cancelled") return [];
  const base = { subjectType: "supervision" as const, subjectId: session.id, noteId: null, remind: true, escalateToId: null };
  const dueAt = sessionDueAt(session.date, profile);
  const planned: PlannedDeadline[] = [
    {
      ...base,
      id: deadlineId("supervision.session", session.id),
      rule: "supervision.session",
      fromAt: session.createdAt,
      dueAt,
      explain: `Supervision planned for ${formatDay(parseLondonDate(session.date))}: held by the end of that day, ${formatLondon(dueAt)}`,
      source: `${profile.supervision.usual.source}; ${profile.supervision.maxGap.source}`,
      metAt: session.heldAt,
      // Both are reminded; the supervisor arranges it, so an overdue session goes to their manager.
      responsibleIds: [session.supervisorId, session.superviseeId],
      noEscalationFor: [session.superviseeId],
    },
  ];
  if (!session.heldAt) return planned;
  const fromRule = (rule: RuleId, from: Date, responsibleIds: string[], metAt: Date | null): PlannedDeadline => {
    const { due, explain } = dueAfter(from, profile.rules[rule].after, profile.workingHours);
    return { ...base, id: deadlineId(rule, session.id), rule, fromAt: from, dueAt: due, explain, source: profile.rules[rule].source, metAt, responsibleIds };
  };
  // The supervisor types up and circulates the notes; the supervisee signs them [004 §13].
  planned.push(fromRule("supervision.notes-circulated", session.heldAt, [session.supervisorId], session.notesCirculatedAt));
  if (session.notesCirculatedAt) planned.push(fromRule("supervision.notes-signed", session.notesCirculatedAt, [session.superviseeId], session.notesSignedAt));
  // The supervisee records the case supervision reference on the child's record [001 §7].
  if (profile.supervision.caseRecord.required) planned.push(fromRule("case-supervision.on-case-record", session.heldAt, [session.superviseeId], session.caseRecordAt));
  return planned;
}

/** An agreement's deadlines: signed by both by `signBy`, then reviewed by `reviewBy`. A superseded one has none left open. */
export function planAgreementDeadlines(agreement: SupervisionAgreement, profile: PolicyProfile, reviewedAt: Date | null = null): PlannedDeadline[] {
  const base = { subjectType: "agreement" as const, subjectId: agreement.id, noteId: null, remind: true, escalateToId: null };
  const signedAt = agreement.supervisorSignedAt && agreement.superviseeSignedAt ? new Date(Math.max(agreement.supervisorSignedAt.getTime(), agreement.superviseeSignedAt.getTime())) : null;
  const planned: PlannedDeadline[] = [];
  if (agreement.status !== "superseded" || signedAt) {
    const unsigned = [agreement.supervisorSignedAt ? null : agreement.supervisorId, agreement.superviseeSignedAt ? null : agreement.superviseeId].filter((id): id is string => id !== null);
    planned.push({
      ...base,
      id: deadlineId("agreement.signed", agreement.id),
      rule: "agreement.signed",
      fromAt: agreement.createdAt,
      dueAt: agreement.signBy,
      explain: `Supervision agreement (${agreement.reason}) signed by both by ${formatLondon(agreement.signBy)}`,
      source: profile.supervision.agreement.source,
      metAt: signedAt,
      responsibleIds: unsigned.length ? unsigned : [agreement.supervisorId],
    });
  }
  if (signedAt && agreement.reviewBy && (agreement.status === "signed" || reviewedAt)) {
    planned.push({
      ...base,
      id: deadlineId("agreement.review", agreement.id),
      rule: "agreement.review",
      fromAt: signedAt,
      dueAt: agreement.reviewBy,
      explain: `Supervision agreement signed ${formatLondon(signedAt)}: reviewed together by ${formatLondon(agreement.reviewBy)}`,
      source: profile.supervision.agreement.source,
      metAt: reviewedAt,
      responsibleIds: [agreement.supervisorId, agreement.superviseeId],
      noEscalationFor: [agreement.superviseeId],
    });
  }
  return planned;
}

/** Brings a session's stored deadlines and reminders in line with it (idempotent, in the caller's transaction). */
export async function syncSessionDeadlines(core: Core, session: SupervisionSession, actorId: string | null, changes: DeadlineChanges = noChanges()): Promise<DeadlineChanges> {
  return syncSubject(core, planSessionDeadlines(session, core.settings.profile), { type: "supervision", id: session.id }, actorId, changes, session.status === "moved" ? "session-moved" : "session-cancelled");
}

/** As `syncSessionDeadlines`, for an agreement. `reviewedAt`: when a later agreement reviewing it was signed. */
export async function syncAgreementDeadlines(core: Core, agreement: SupervisionAgreement, actorId: string | null, reviewedAt: Date | null = null, changes: DeadlineChanges = noChanges()): Promise<DeadlineChanges> {
  return syncSubject(core, planAgreementDeadlines(agreement, core.settings.profile, reviewedAt), { type: "agreement", id: agreement.id }, actorId, changes, "agreement-superseded");
}

/**
 * New deadlines stored, moved ones re-planned, met ones closed (their reminders cancelled) and
 * ones the subject no longer has cancelled. A deadline met or cancelled stays settled.
 */
async function syncSubject(core: Core, planned: PlannedDeadline[], subject: { type: "supervision" | "agreement"; id: string }, actorId: string | null, changes: DeadlineChanges, goneReason: string): Promise<DeadlineChanges> {
  await applyDeadlinePlan(core, planned, await core.storage.schedule.deadlinesFor(subject.type, subject.id), { actorId, about: { subjectId: subject.id }, goneReason, changes });
  return changes;
}
