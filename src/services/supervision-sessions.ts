// What supervisor and supervisee do with their sessions (docs/design.md#formal-supervision):
// record one held, move one (with the reason, never past the longest gap since the last one
// held [003 4.2]; re-planned at once [001 8.1, 000 Standard One]), circulate the notes, sign
// them, and put the case supervision reference on the children's records [001 §7].
import { addDays, isoDate, londonDateOf, parseLondonDate } from "../calendar/london-date.ts";
import { isWorkingDay } from "../calendar/working-days.ts";
import { atLondonTime } from "../calendar/working-hours.ts";
import { readLondonDateTime } from "../capture/dates.ts";
import { isSupervisionParty, maySupervise } from "../domain/access.ts";
import { AppError } from "../domain/errors.ts";
import type { Person } from "../domain/people.ts";
import type { SupervisionSession } from "../domain/supervision.ts";
import { latestAllowed } from "../policy/supervision-cadence.ts";
import { auditRecord } from "./audit-trail.ts";
import { availabilityFor } from "./availability.ts";
import type { Core } from "./core.ts";
import { heldDay, lastHeldDay, newSession, planSupervision } from "./plan-supervision.ts";
import { syncSessionDeadlines } from "./supervision-deadlines.ts";

type AuditAction = Parameters<typeof auditRecord>[2];

/** A London day from what was typed: "2026-12-14", "14/12", "today", "Tuesday". Forward for a move, back for a held session. */
export function readDay(core: Core, typed: string, direction: "forward" | "back"): string {
  const text = typed.trim();
  if (/^\d{4}-\d\d-\d\d$/.test(text)) {
    try {
      return isoDate(parseLondonDate(text));
    } catch {
      // not a real day: said below
    }
  }
  const read = text ? readLondonDateTime(text, core.clock.now(), { forwardDates: direction === "forward" }) : null;
  if (!read) throw new AppError("SUPERVISION.DATE", `"${text}" is not a day: write it as YYYY-MM-DD, e.g. 2026-12-14.`, {});
  return isoDate(londonDateOf(read.instant));
}

async function load(core: Core, sessionId: string): Promise<SupervisionSession> {
  const session = await core.storage.supervision.findSession(sessionId.trim());
  if (!session) throw new AppError("SUPERVISION.NO_SESSION", "There is no supervision session with that id.", {});
  return session;
}

/** Stores a change made to the session as read; refused if someone changed it meanwhile. Then its deadlines follow. */
async function save(core: Core, actor: Person, session: SupervisionSession, action: AuditAction, detail: Record<string, string | number | boolean> = {}): Promise<SupervisionSession> {
  const changed = { ...session, updatedAt: core.clock.now() };
  const record = auditRecord(core, actor.id, action, "supervision-session", session.id, { supervisee: session.superviseeId, ...detail });
  if (!(await core.storage.supervision.updateSession(changed, [record]))) {
    throw new AppError("SUPERVISION.CHANGED", "That session was changed by someone else just now.", {});
  }
  changed.revision++;
  await syncSessionDeadlines(core, changed, actor.id);
  return changed;
}

async function superviseeOf(core: Core, actor: Person, written: Person | null): Promise<Person> {
  const supervisee = written ?? actor;
  if (supervisee.id === actor.id) {
    if (!supervisee.lineManagerId) throw new AppError("SUPERVISION.NO_SUPERVISOR", "You have no line manager on the roster, so no formal supervision to record.", {});
    return supervisee;
  }
  if (!maySupervise(actor, supervisee)) throw new AppError("SUPERVISION.NOT_SUPERVISOR", `Only ${supervisee.name}'s line manager records their supervision.`, {});
  return supervisee;
}

/**
 * A session held on `day` (default today): the next planned one is marked held (or, with
 * none planned, one is added held), its notes' deadlines start, and the sessions ahead are
 * topped up. By the supervisee themselves (no person named) or their line manager.
 */
export async function recordHeld(core: Core, actor: Person, who: Person | null, typedDay = ""): Promise<{ session: SupervisionSession; next: SupervisionSession[] }> {
  const supervisee = await superviseeOf(core, actor, who);
  const now = core.clock.now();
  const today = isoDate(londonDateOf(now));
  const day = typedDay ? readDay(core, typedDay, "back") : today;
  if (day > today) throw new AppError("SUPERVISION.HELD_IN_FUTURE", "A session can only be recorded as held on or before today.", {});
  // A day without a time: noon that day, so the notes' deadlines run from within it.
  const heldAt = day === today ? now : atLondonTime(parseLondonDate(day), { hour: 12, minute: 0 });
  const all = await core.storage.supervision.sessions({ superviseeId: supervisee.id });
  if (all.some((s) => s.status === "held" && heldDay(s) === day)) throw new AppError("SUPERVISION.ALREADY_HELD", `A session on ${day} is already recorded as held.`, {});
  const next = all.find((s) => s.status === "planned");
  let held: SupervisionSession;
  if (next) {
    held = await save(core, actor, { ...next, status: "held", heldAt, heldById: actor.id }, "supervision.session-held", { day, planned: next.date });
  } else {
    const session = { ...newSession(core, supervisee.id, supervisee.lineManagerId!, day, actor.id), status: "held" as const, heldAt, heldById: actor.id };
    await core.storage.supervision.addSessions([session], [auditRecord(core, actor.id, "supervision.session-held", "supervision-session", session.id, { supervisee: supervisee.id, day, planned: "none" })]);
    await syncSessionDeadlines(core, session, actor.id);
    held = session;
  }
  return { session: held, next: await planSupervision(core, supervisee, actor.id) };
}

/**
 * Moves a planned session to `typedDay`, with the reason (required) [001 8.1]: the session is
 * marked moved and a new one planned that day. Refused when the new day would leave longer
 * than the profile's gap since the last session held [003 4.2], naming the latest day allowed.
 */
export async function moveSession(core: Core, actor: Person, sessionId: string, typedDay: string, reason: string): Promise<{ from: SupervisionSession; to: SupervisionSession }> {
  const session = await load(core, sessionId);
  if (!isSupervisionParty(actor, session)) throw new AppError("SUPERVISION.NOT_PARTY", "Only the supervisor or the supervisee moves a session.", {});
  if (session.status !== "planned") throw new AppError("SUPERVISION.NOT_PLANNED", `That session is ${session.status}.`, { status: session.status });
  const why = reason.trim();
  if (!why) throw new AppError("SUPERVISION.REASON_REQUIRED", "Say why it is moved: the reason is kept with the record.", {});
  const day = readDay(core, typedDay, "forward");
  const today = isoDate(londonDateOf(core.clock.now()));
  if (day < today) throw new AppError("SUPERVISION.MOVE_TO_PAST", "A session can only be moved to today or a later day.", {});
  if (day === session.date) throw new AppError("SUPERVISION.SAME_DAY", "The session is already on that day.", {});
  const all = await core.storage.supervision.sessions({ superviseeId: session.superviseeId });
  const supervisee = await core.storage.people.findById(session.superviseeId);
  const since = lastHeldDay(all) ?? firstDay(all, supervisee?.startedOn ?? null);
  const latest = latestAllowed(since, core.settings.profile.supervision);
  if (day > latest) {
    throw new AppError("SUPERVISION.GAP_TOO_LONG", `No: that would leave more than the longest gap allowed since ${since}. Move it to ${latest} at the latest.`, { since, latest });
  }
  if (all.some((s) => s.status === "planned" && s.date === day)) throw new AppError("SUPERVISION.DAY_TAKEN", `There is already a session planned on ${day}.`, {});
  const from = await save(core, actor, { ...session, status: "moved", reason: why }, "supervision.session-moved", { from: session.date, to: day });
  const to = newSession(core, session.superviseeId, session.supervisorId, day, actor.id, session.id);
  await core.storage.supervision.addSessions([to], [auditRecord(core, actor.id, "supervision.session-planned", "supervision-session", to.id, { supervisee: session.superviseeId, supervisor: session.supervisorId, date: day, replaces: session.id })]);
  await syncSessionDeadlines(core, to, actor.id);
  if (supervisee) await planSupervision(core, supervisee, actor.id);
  return { from, to };
}

/**
 * Calls off a planned session, with the reason, and re-plans it at the earliest opportunity
 * [000 Standard One, 001 8.1]: the first working day from tomorrow that both work and neither
 * is away, with no other session planned, and never past the longest gap. Refused (saying
 * so) when there is no such day before the gap runs out.
 */
export async function cancelSession(core: Core, actor: Person, sessionId: string, reason: string): Promise<{ from: SupervisionSession; to: SupervisionSession }> {
  const session = await load(core, sessionId);
  if (!isSupervisionParty(actor, session)) throw new AppError("SUPERVISION.NOT_PARTY", "Only the supervisor or the supervisee moves a session.", {});
  if (!reason.trim()) throw new AppError("SUPERVISION.REASON_REQUIRED", "Say why it is moved: the reason is kept with the record.", {});
  const now = core.clock.now();
  const all = await core.storage.supervision.sessions({ superviseeId: session.superviseeId });
  const [supervisor, supervisee] = await Promise.all([core.storage.people.findById(session.supervisorId), core.storage.people.findById(session.superviseeId)]);
  const since = lastHeldDay(all) ?? firstDay(all, supervisee?.startedOn ?? null);
  const latest = latestAllowed(since, core.settings.profile.supervision);
  const hours = await Promise.all([supervisor, supervisee].filter((p): p is Person => p !== null).map((p) => availabilityFor(core, p, now)));
  const taken = new Set(all.filter((s) => s.status === "planned").map((s) => s.date));
  for (let day = addDays(londonDateOf(now), 1); isoDate(day) <= latest; day = addDays(day, 1)) {
    const iso = isoDate(day);
    if (iso === session.date || taken.has(iso)) continue;
    if (hours.every((h) => isWorkingDay(day, h.days) && !h.away.has(iso))) return moveSession(core, actor, sessionId, iso, reason);
  }
  throw new AppError("SUPERVISION.GAP_TOO_LONG", `No: there is no day you both work before the longest gap allowed since ${since} runs out. Move it to ${latest} at the latest.`, { since, latest });
}

/** When supervision began here, for the gap before anything is held: the start date, or the first session planned. */
function firstDay(all: readonly SupervisionSession[], startedOn: string | null): string {
  const planned = all.map((s) => isoDate(londonDateOf(s.createdAt))).sort()[0];
  const candidates = [startedOn, planned].filter((d): d is string => !!d).sort();
  return candidates.at(-1) ?? planned ?? startedOn!;
}

/** The supervisor circulated the notes of a held session [004 §13]: the supervisee's signing deadline starts. */
export async function notesCirculated(core: Core, actor: Person, sessionId: string): Promise<{ session: SupervisionSession; changed: boolean }> {
  const session = await heldSession(core, sessionId);
  if (actor.id !== session.supervisorId || !isSupervisionParty(actor, session)) throw new AppError("SUPERVISION.NOT_SUPERVISOR", "The supervisor circulates the notes.", {});
  if (session.notesCirculatedAt) return { session, changed: false };
  return { session: await save(core, actor, { ...session, notesCirculatedAt: core.clock.now() }, "supervision.notes-circulated"), changed: true };
}

/** The supervisee signed the notes as an accurate record [004 §13, 003 8.11]. */
export async function notesSigned(core: Core, actor: Person, sessionId: string): Promise<{ session: SupervisionSession; changed: boolean }> {
  const session = await heldSession(core, sessionId);
  if (actor.id !== session.superviseeId || !isSupervisionParty(actor, session)) throw new AppError("SUPERVISION.NOT_SUPERVISEE", "The supervisee signs the notes.", {});
  if (!session.notesCirculatedAt) throw new AppError("SUPERVISION.NOT_CIRCULATED", "The notes have not been circulated yet: the supervisor circulates them first.", {});
  if (session.notesSignedAt) return { session, changed: false };
  return { session: await save(core, actor, { ...session, notesSignedAt: core.clock.now() }, "supervision.notes-signed"), changed: true };
}

/** The case supervision reference is on the children's records [001 §7], where the profile asks for one. */
export async function caseRecordDone(core: Core, actor: Person, sessionId: string): Promise<{ session: SupervisionSession; changed: boolean }> {
  const session = await heldSession(core, sessionId);
  if (!isSupervisionParty(actor, session)) throw new AppError("SUPERVISION.NOT_PARTY", "Only the supervisor or the supervisee marks that.", {});
  if (!core.settings.profile.supervision.caseRecord.required) throw new AppError("SUPERVISION.NO_CASE_RECORD", "This authority's policy has no separate case supervision reference to record.", {});
  if (session.caseRecordAt) return { session, changed: false };
  return { session: await save(core, actor, { ...session, caseRecordAt: core.clock.now() }, "supervision.on-case-record"), changed: true };
}

async function heldSession(core: Core, sessionId: string): Promise<SupervisionSession> {
  const session = await load(core, sessionId);
  if (session.status !== "held") throw new AppError("SUPERVISION.NOT_HELD", "That session has not been recorded as held yet.", { status: session.status });
  return session;
}
