import { addDays, isoDate, londonDateOf, parseLondonDate, type LondonDate } from "../calendar/london-date.ts";
import { isWorkingDay } from "../calendar/working-days.ts";
import { atLondonTime, isWithinWorkingHours } from "../calendar/working-hours.ts";
import { mayHoldGroupRole } from "../domain/access.ts";
import type { GroupSeries, GroupSession } from "../domain/group-supervision.ts";
import type { Person } from "../domain/people.ts";
import { planRoles, type RoleAssignment, type RotationMember } from "../domain/rotation.ts";
import { availabilityFor, isAway } from "./availability.ts";
import { auditRecord } from "./audit-trail.ts";
import type { Core } from "./core.ts";
import { announcementTime, scheduleGroupReminders } from "./group-reminders.ts";

/** How many sessions are kept planned ahead, so everyone can see their next roles. */
export const SESSIONS_AHEAD = 3;

/**
 * Keeps a series' future in order: roles not yet announced (nor swapped or set by a manager)
 * are re-planned by the rotation (someone who has since booked leave is skipped), and new
 * sessions are added every `cadenceWeeks` until SESSIONS_AHEAD are planned from today. A
 * session that would fall on a weekend or bank holiday moves to the next working day.
 * Idempotent, and safe for two processes at once.
 */
export async function planGroupSessions(core: Core, series: GroupSeries, actorId: string | null = null): Promise<GroupSession[]> {
  const now = core.clock.now();
  const today = isoDate(londonDateOf(now));
  const members = await teamMembers(core, series.team);
  const sessions = await core.storage.groups.sessionsOf(series.id);
  const history: RoleAssignment[] = [];

  for (const session of sessions) {
    if (session.status === "cancelled") continue;
    // Roles stay open to the rotation (leave booked since, someone joining) until announced;
    // a session still missing a role is filled whenever it can be.
    const open = now.getTime() < announcementTime(core, session).getTime() || !assignmentOf(session);
    if (session.status === "planned" && !session.rolesFixed && session.date >= today && open) {
      const roles = planRoles(await rotationMembers(core, members, session.startsAt), history, session.date);
      const changed = roles?.presenter !== session.presenterId || roles?.facilitator !== session.facilitatorId || roles?.advisor !== session.advisorId;
      if (changed) {
        const replanned = { ...session, presenterId: roles?.presenter ?? null, facilitatorId: roles?.facilitator ?? null, advisorId: roles?.advisor ?? null, updatedAt: now };
        // Changed meanwhile (a cancel, a swap): that change stands; the next re-plan sees it.
        if (await core.storage.groups.updateSession(replanned, [auditRecord(core, actorId, "group.roles-set", "group-session", session.id, { by: "rotation" })])) {
          Object.assign(session, replanned, { revision: session.revision + 1 });
        }
      }
    }
    const assignment = assignmentOf(session);
    if (assignment) history.push(assignment);
  }

  const planned = () => sessions.filter((s) => s.status === "planned" && s.date >= today).length;
  let next = nextRegularDate(series, sessions, today);
  while (planned() < SESSIONS_AHEAD) {
    const startsAt = atLondonTime(next, timeOf(series.time));
    const date = isoDate(next);
    const roles = planRoles(await rotationMembers(core, members, startsAt), history, date);
    const session = newSession(core, series, date, startsAt, roles);
    if (await core.storage.groups.addSession(session, [auditRecord(core, actorId, "group.session-planned", "group-session", session.id, { seriesId: series.id, date })])) {
      sessions.push(session);
      if (roles) history.push(roles);
    } else {
      // The day is taken (another process planned it first, or a moved session is on it): take it as it stands.
      const theirs = (await core.storage.groups.sessionsOf(series.id)).find((s) => s.date === date);
      if (theirs && !sessions.some((s) => s.id === theirs.id)) {
        sessions.push(theirs);
        const assignment = theirs.status !== "cancelled" && assignmentOf(theirs);
        if (assignment) history.push(assignment);
      }
    }
    next = regularAfter(series, next);
  }
  const upcoming = sessions.filter((s) => s.status === "planned" && s.date >= today).sort((a, b) => a.date.localeCompare(b.date));
  for (const session of upcoming) await scheduleGroupReminders(core, series, session);
  return upcoming;
}

/** Every team's series kept planned ahead (the scheduler runs this as the days pass). */
export async function planAllGroupSessions(core: Core): Promise<number> {
  const all = await core.storage.groups.listSeries();
  const failed: unknown[] = [];
  // One series' trouble does not stop the others being planned.
  for (const series of all) await planGroupSessions(core, series).catch((error: unknown) => failed.push(error));
  if (failed.length) throw failed[0];
  return all.length;
}

/** The team's members who rotate: whoever may hold a role (domain/access.ts), managers included [000]. */
export async function teamMembers(core: Core, team: string): Promise<Person[]> {
  return (await core.storage.people.list()).filter((p) => mayHoldGroupRole(p, team)).sort((a, b) => a.handle.localeCompare(b.handle));
}

/** Members as the rotation sees them on a session's day: away, or not working at its time, is unavailable. */
export async function rotationMembers(core: Core, members: readonly Person[], startsAt: Date): Promise<RotationMember[]> {
  const date = isoDate(londonDateOf(startsAt));
  const out: RotationMember[] = [];
  for (const person of members) {
    const availability = await availabilityFor(core, person, core.clock.now());
    const unavailable = isAway(availability, startsAt) || !isWithinWorkingHours(startsAt, availability);
    out.push({ id: person.id, manager: person.role.includes("manager") || person.role === "head-of-service", unavailable: unavailable ? [date] : [] });
  }
  return out;
}

/** A session's roles as rotation history, once it has all three. */
export function assignmentOf(session: GroupSession): RoleAssignment | null {
  if (!session.presenterId || !session.facilitatorId || !session.advisorId) return null;
  return { date: session.date, presenter: session.presenterId, facilitator: session.facilitatorId, advisor: session.advisorId };
}

export function newSession(core: Core, series: GroupSeries, date: string, startsAt: Date, roles: RoleAssignment | null, extra: Partial<GroupSession> = {}): GroupSession {
  const now = core.clock.now();
  return {
    id: core.newId(),
    seriesId: series.id,
    date,
    startsAt,
    status: "planned",
    presenterId: roles?.presenter ?? null,
    facilitatorId: roles?.facilitator ?? null,
    advisorId: roles?.advisor ?? null,
    rolesFixed: false,
    caseRef: null,
    replacesId: null,
    stage: 0,
    pendingSwap: null,
    noteId: null,
    cancelReason: null,
    revision: 0,
    createdAt: now,
    updatedAt: now,
    ...extra,
  };
}

export function timeOf(time: string): { hour: number; minute: number } {
  const [hour, minute] = time.split(":").map(Number);
  return { hour: hour!, minute: minute! };
}

/** The series' k-th regular day (first date + k × cadence weeks), moved to a working day. */
export function regularDate(series: GroupSeries, k: number): LondonDate {
  let day = addDays(parseLondonDate(series.firstDate), k * 7 * series.cadenceWeeks);
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** The first regular day from today on that has no session yet (a cancelled one keeps its slot). */
function nextRegularDate(series: GroupSeries, sessions: readonly GroupSession[], today: string): LondonDate {
  const regular = new Set(sessions.filter((s) => !s.replacesId).map((s) => s.date));
  for (let k = 0; ; k++) {
    const day = regularDate(series, k);
    if (isoDate(day) >= today && !regular.has(isoDate(day))) return day;
  }
}

function regularAfter(series: GroupSeries, day: LondonDate): LondonDate {
  for (let k = 0; ; k++) {
    const next = regularDate(series, k);
    if (isoDate(next) > isoDate(day)) return next;
  }
}
