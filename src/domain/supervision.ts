// Formal supervision (docs/design.md#formal-supervision): one-to-one sessions
// between a supervisee and their line manager at the supervisee's cadence, and the supervision
// agreement both sign on appointment, on a change of line manager and at each annual review.

/** A span of the calendar: weeks are 7 days; a month is the same date next month [design §13]. */
export type Interval = { weeks: number } | { months: number };

/** One step of a cadence: sessions every `every` until `until` after the supervisee started. */
export interface CadenceStep {
  every: Interval;
  until: Interval;
}

/** How often someone is supervised: the steps from their start date, then `then` for good. */
export interface Cadence {
  steps: CadenceStep[];
  then: Interval;
  /** The policy paragraph behind it. */
  source: string;
}

/**
 * A planned one-to-one session. Sessions are never moved in place: a move marks the session
 * `moved` with its reason and plans a new one (`replacesId`) on the new day, so the record keeps
 * every date that was agreed and why it changed [001 8.1, 000 Standard One].
 */
export interface SupervisionSession {
  id: string;
  superviseeId: string;
  supervisorId: string;
  /** London calendar day it is planned for, and due by: "2026-12-14". */
  date: string;
  status: SupervisionSessionStatus;
  /** The session this one was planned in place of (a move), if any. */
  replacesId: string | null;
  /** Why it was moved or called off (required for a move); never shown to anyone but the two and their managers. */
  reason: string | null;
  heldAt: Date | null;
  heldById: string | null;
  /** Supervision notes circulated to the supervisee [004 §13]. */
  notesCirculatedAt: Date | null;
  /** The supervisee signed the notes as an accurate record [004 §13]. */
  notesSignedAt: Date | null;
  /** The case supervision reference on the children's records [001 §7]. */
  caseRecordAt: Date | null;
  /** Counts changes: an update made from an out-of-date read is refused. */
  revision: number;
  createdAt: Date;
  createdById: string | null;
  updatedAt: Date;
}

/**
 * planned → held | moved (a new session planned in its place) | cancelled (the supervisee
 * left, or their line manager changed: the new one plans their own).
 */
export type SupervisionSessionStatus = "planned" | "held" | "moved" | "cancelled";
export const SUPERVISION_SESSION_STATUSES: readonly SupervisionSessionStatus[] = ["planned", "held", "moved", "cancelled"];

/** Why an agreement was drawn up [004 5.1, 004 5.2]. */
export type AgreementReason = "appointment" | "manager-change" | "review";
export const AGREEMENT_REASONS: readonly AgreementReason[] = ["appointment", "manager-change", "review"];

/**
 * open (awaiting one or both signatures) → signed (both) → superseded (a later agreement for
 * the supervisee is signed, or a new line manager needs a new one). Signatures are set once.
 */
export type AgreementStatus = "open" | "signed" | "superseded";
export const AGREEMENT_STATUSES: readonly AgreementStatus[] = ["open", "signed", "superseded"];

/** A supervision agreement between a supervisee and their supervisor [004 5.1, 001 §4, 003 5.0]. */
export interface SupervisionAgreement {
  id: string;
  superviseeId: string;
  supervisorId: string;
  reason: AgreementReason;
  status: AgreementStatus;
  /** When both must have signed by. */
  signBy: Date;
  supervisorSignedAt: Date | null;
  superviseeSignedAt: Date | null;
  /** Once both have signed: when it must be reviewed by [004 5.2]. */
  reviewBy: Date | null;
  /** The agreement this one follows (the one reviewed or the previous manager's). */
  previousId: string | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Whether a session still waits to be held. */
export const isPlanned = (session: Pick<SupervisionSession, "status">): boolean => session.status === "planned";

/** Who is supervised: an active person with a line manager, not an auditor. */
export function isSupervisee(person: { active: boolean; lineManagerId: string | null; role: string }): boolean {
  return person.active && person.lineManagerId !== null && person.role !== "auditor";
}
