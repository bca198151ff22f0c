// Plans a supervisee's formal supervision ahead (docs/design.md#formal-supervision):
// the next few sessions with their line manager, each due by the cadence that applies on the
// day before it (a newly qualified worker's steps from their start date, or everyone's), never
// further apart than the longest gap. Dates once planned stay: a session is moved only by
// someone saying why (supervision-sessions.ts).
import { isoDate, londonDateOf } from "../calendar/london-date.ts";
import type { AuditRecord } from "../domain/audit.ts";
import type { Person } from "../domain/people.ts";
import { isSupervisee, type SupervisionSession } from "../domain/supervision.ts";
import { nextDue } from "../policy/supervision-cadence.ts";
import { auditRecord } from "./audit-trail.ts";
import type { Core } from "./core.ts";
import { syncSessionDeadlines } from "./supervision-deadlines.ts";

/** Why planned sessions were called off without a move: the supervisee left, or has a new line manager. */
export const SUPERVISEE_LEFT = "supervisee-left";
export const NEW_LINE_MANAGER = "line-manager-changed";

/** The London day a held session was held on. */
export const heldDay = (session: SupervisionSession): string => isoDate(londonDateOf(session.heldAt ?? session.createdAt));

/** A new planned session. */
export function newSession(core: Core, superviseeId: string, supervisorId: string, date: string, createdById: string | null, replacesId: string | null = null): SupervisionSession {
  const now = core.clock.now();
  return {
    id: core.newId(),
    superviseeId,
    supervisorId,
    date,
    status: "planned",
    replacesId,
    reason: null,
    heldAt: null,
    heldById: null,
    notesCirculatedAt: null,
    notesSignedAt: null,
    caseRecordAt: null,
    revision: 0,
    createdAt: now,
    createdById,
    updatedAt: now,
  };
}

/** The day the chain of sessions runs from: the last one held, or when supervision here began (start date or today). */
export function lastHeldDay(sessions: readonly SupervisionSession[]): string | null {
  const held = sessions.filter((s) => s.status === "held").map(heldDay).sort();
  return held.at(-1) ?? null;
}

/**
 * Tops up a supervisee's planned sessions to the profile's number ahead, with their line
 * manager; calls off planned ones with someone who is no longer their line manager (keeping
 * the dates, with the new one), or all of them once they have left. Idempotent.
 */
export async function planSupervision(core: Core, supervisee: Person, actorId: string | null): Promise<SupervisionSession[]> {
  const policy = core.settings.profile.supervision;
  const today = isoDate(londonDateOf(core.clock.now()));
  const all = await core.storage.supervision.sessions({ superviseeId: supervisee.id });
  const planned = all.filter((s) => s.status === "planned");
  const supervising = isSupervisee(supervisee) ? supervisee.lineManagerId : null;
  const keep: SupervisionSession[] = [];
  const added: SupervisionSession[] = [];
  const audit: AuditRecord[] = [];
  for (const session of planned) {
    if (session.supervisorId === supervising) {
      keep.push(session);
      continue;
    }
    await cancel(core, session, supervising ? NEW_LINE_MANAGER : SUPERVISEE_LEFT, actorId);
    // The dates agreed stand; the new line manager holds them (an overdue one stays overdue).
    if (supervising) {
      const replacement = newSession(core, supervisee.id, supervising, session.date, actorId, session.id);
      added.push(replacement);
      audit.push(auditRecord(core, actorId, "supervision.session-planned", "supervision-session", replacement.id, { supervisee: supervisee.id, supervisor: supervising, date: replacement.date, replaces: session.id }));
    }
  }
  if (supervising) {
    const dates = [...keep, ...added].map((s) => s.date).sort();
    const start = supervisee.startedOn && supervisee.startedOn > today ? supervisee.startedOn : today;
    let previous = dates.at(-1) ?? lastHeldDay(all) ?? start;
    while (keep.length + added.length < policy.planAhead.sessions) {
      const date = nextDue(previous, supervisee, policy);
      const session = newSession(core, supervisee.id, supervising, date, actorId);
      added.push(session);
      audit.push(auditRecord(core, actorId, "supervision.session-planned", "supervision-session", session.id, { supervisee: supervisee.id, supervisor: supervising, date }));
      previous = date;
    }
  }
  if (added.length) await core.storage.supervision.addSessions(added, audit);
  for (const session of added) await syncSessionDeadlines(core, session, actorId);
  return [...keep, ...added].sort((a, b) => a.date.localeCompare(b.date));
}

async function cancel(core: Core, session: SupervisionSession, reason: string, actorId: string | null): Promise<void> {
  const changed = { ...session, status: "cancelled" as const, reason, updatedAt: core.clock.now() };
  const record = auditRecord(core, actorId, "supervision.session-cancelled", "supervision-session", session.id, { reason });
  if (!(await core.storage.supervision.updateSession(changed, [record]))) return;
  changed.revision++;
  await syncSessionDeadlines(core, changed, actorId);
}
