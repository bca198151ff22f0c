import { addDays, isoDate, londonDateOf, parseLondonDate } from "../calendar/london-date.ts";
import { isWorkingDay } from "../calendar/working-days.ts";
import { atLondonTime } from "../calendar/working-hours.ts";
import { managesTeam, mayChooseGroupCase, mayHoldGroupRole, mayJoinGroupSession, mayRecordGroupNote, mayRunGroupSession } from "../domain/access.ts";
import { AppError } from "../domain/errors.ts";
import { roleOf, rolesOf, STAGE_COUNTS, type GroupRoleId, type GroupSeries, type GroupSession } from "../domain/group-supervision.ts";
import { findNameInCaseRef } from "../domain/names-guard.ts";
import { emptyFields } from "../domain/note.ts";
import { GROUP_SUPERVISION } from "../domain/note-kinds.ts";
import type { Person } from "../domain/people.ts";
import { planRoles, ROLES, type RoleStanding } from "../domain/rotation.ts";
import { canonicalCaseRef, isCaseRef } from "../domain/vocabulary.ts";
import { cancelGroupReminders, scheduleGroupReminders } from "./group-reminders.ts";
import { syncNoteDeadlines } from "./sync-note-deadlines.ts";
import { auditRecord } from "./audit-trail.ts";
import type { Core } from "./core.ts";
import { Directory } from "./directory.ts";
import { assignmentOf, newSession, planGroupSessions, rotationMembers, teamMembers, timeOf } from "./plan-group-sessions.ts";

/** A session with its series, for a member of its team (or a manager of it). */
export interface SessionInContext {
  session: GroupSession;
  series: GroupSeries;
  directory: Directory;
}

async function load(core: Core, actor: Person, sessionId: string): Promise<SessionInContext> {
  const session = await core.storage.groups.findSession(sessionId.trim());
  const series = session ? await core.storage.groups.findSeries(session.seriesId) : null;
  const directory = await Directory.load(core.storage.people);
  if (!session || !series) throw new AppError("GROUP.NO_SESSION", "There is no group supervision session with that id.", { sessionId });
  if (!mayJoinGroupSession(actor, series.team, directory.byId)) throw new AppError("GROUP.NOT_YOUR_TEAM", "That session belongs to another team.", { sessionId });
  return { session, series, directory };
}

function mustBePlanned(session: GroupSession): void {
  if (session.status !== "planned") throw new AppError("GROUP.NOT_PLANNED", `That session is ${session.status}.`, { status: session.status });
}

/** Roles and the case are settled before a session starts: after that the record stands. */
function mustNotHaveStarted(core: Core, session: GroupSession): void {
  if (core.clock.now().getTime() >= session.startsAt.getTime()) throw new AppError("GROUP.STARTED", "That session has already started.", {});
}

/** What the facilitator runs, or a manager of the team (cancelling, stepping the stages, marking held, posting the roles again). */
function mustBeFacilitatorOrManager(actor: Person, { session, series, directory }: SessionInContext): void {
  if (!mayRunGroupSession(actor, session, series.team, directory.byId)) throw new AppError("GROUP.NOT_FACILITATOR", "The facilitator (or a manager of the team) does that.", {});
}

/** Stores a change made to the session as read; refused if someone changed it meanwhile. */
async function save(core: Core, actor: Person, session: GroupSession, action: Parameters<typeof auditRecord>[2], detail: Record<string, string | number | boolean> = {}): Promise<void> {
  session.updatedAt = core.clock.now();
  if (!(await core.storage.groups.updateSession(session, [auditRecord(core, actor.id, action, "group-session", session.id, detail)]))) {
    throw new AppError("GROUP.CHANGED", "That session was changed by someone else just now.", {});
  }
  session.revision++;
}

/** The actor's team's series and its sessions from today, or null when the team has none. */
export async function upcomingSessions(core: Core, actor: Person, team = actor.team): Promise<{ series: GroupSeries; sessions: GroupSession[]; directory: Directory } | null> {
  if (!team) return null;
  const series = await core.storage.groups.seriesOfTeam(team);
  if (!series) return null;
  const today = isoDate(londonDateOf(core.clock.now()));
  const sessions = (await core.storage.groups.sessionsOf(series.id)).filter((s) => s.date >= today && s.status !== "cancelled");
  return { series, sessions, directory: await Directory.load(core.storage.people) };
}

/** The presenter (or a manager) chooses the case: a case reference, never a name [000 group Standard Two]. */
export async function chooseCase(core: Core, actor: Person, sessionId: string, caseRef: string): Promise<SessionInContext> {
  const ctx = await load(core, actor, sessionId);
  const { session, series, directory } = ctx;
  mustBePlanned(session);
  mustNotHaveStarted(core, session);
  if (!mayChooseGroupCase(actor, session, series.team, directory.byId)) throw new AppError("GROUP.NOT_PRESENTER", "Only the presenter (or a manager) chooses the case.", {});
  const ref = caseRef.trim();
  // The names advice comes first: it is the more important thing to say.
  const flag = findNameInCaseRef(ref, directory.staffWords);
  if (flag) throw new AppError("GROUP.CASE_LOOKS_LIKE_NAME", `"${flag.words}" looks like a name: use the case reference.`, { words: flag.words });
  if (!isCaseRef(ref)) throw new AppError("GROUP.CASE_REF", "A case reference is the case system's id: letters, digits, - / . and at least one digit.", {});
  session.caseRef = canonicalCaseRef(ref);
  // The presenter has started preparing: the rotation leaves this session's roles alone.
  session.rolesFixed = true;
  await save(core, actor, session, "group.case-chosen");
  return ctx;
}

/**
 * Asks to swap roles with a willing colleague, or agrees to the swap they asked for. The
 * first asks; the second, naming the first, agrees: then they exchange roles (or the other
 * takes the role, if they had none) and the roles are fixed.
 */
export async function swapRole(core: Core, actor: Person, sessionId: string, other: Person): Promise<{ ctx: SessionInContext; done: boolean }> {
  const ctx = await load(core, actor, sessionId);
  const { session, series } = ctx;
  mustBePlanned(session);
  mustNotHaveStarted(core, session);
  if (other.id === actor.id || !mayHoldGroupRole(other, series.team)) throw new AppError("GROUP.SWAP_WHO", "Swap with someone else in your team.", {});
  const pending = session.pendingSwap;
  if (pending && pending.fromId === other.id && pending.toId === actor.id) {
    if (!roleOf(session, other.id)) throw new AppError("GROUP.NO_ROLE", "They no longer have a role in that session to swap.", {});
    exchange(session, other.id, actor.id);
    session.pendingSwap = null;
    session.rolesFixed = true;
    await save(core, actor, session, "group.swap-done", { with: other.id });
    await scheduleGroupReminders(core, series, session);
    // Later sessions were planned on the roles before the swap: re-planned on the roles now
    // held, so nobody gets the role they have just swapped into twice running.
    await planGroupSessions(core, series, actor.id);
    return { ctx, done: true };
  }
  if (!roleOf(session, actor.id)) throw new AppError("GROUP.NO_ROLE", "You have no role in that session to swap.", {});
  const [free] = await rotationMembers(core, [other], session.startsAt);
  if (free?.unavailable?.length) throw new AppError("GROUP.AWAY", `${other.name} is not available that day.`, { name: other.name });
  session.pendingSwap = { fromId: actor.id, toId: other.id };
  session.rolesFixed = true;
  await save(core, actor, session, "group.swap-asked", { with: other.id });
  return { ctx, done: false };
}

/** A manager's override: gives a role to someone (who swaps roles if they already had one). */
export async function assignRole(core: Core, actor: Person, sessionId: string, role: GroupRoleId, to: Person): Promise<SessionInContext & { displacedId: string | null }> {
  const ctx = await load(core, actor, sessionId);
  const { session, series, directory } = ctx;
  mustBePlanned(session);
  mustNotHaveStarted(core, session);
  if (!managesTeam(actor, series.team, directory.byId)) throw new AppError("GROUP.NOT_A_MANAGER", "Only a manager of the team sets roles.", {});
  if (!mayHoldGroupRole(to, series.team)) throw new AppError("GROUP.SWAP_WHO", "Choose someone in the team.", {});
  const holder = rolesOf(session)[role];
  const previous = roleOf(session, to.id);
  if (holder) exchange(session, holder, to.id);
  else {
    // Nobody held it: they leave the role they had (nobody holds two).
    if (previous) setRole(session, previous, null);
    setRole(session, role, to.id);
  }
  session.rolesFixed = true;
  session.pendingSwap = null;
  await save(core, actor, session, "group.roles-set", { by: "manager", role, to: to.id });
  await scheduleGroupReminders(core, series, session);
  await planGroupSessions(core, series, actor.id);
  // Whoever held the role and now holds none is told too.
  return { ...ctx, displacedId: holder && holder !== to.id && !roleOf(session, holder) ? holder : null };
}

/**
 * A session's roles to post in the team channel again, e.g. once the bot has been added to
 * a channel that refused the announcement: the facilitator's or a manager's to ask for.
 */
export async function announceAgain(core: Core, actor: Person, sessionId: string): Promise<SessionInContext & { channel: string }> {
  const ctx = await load(core, actor, sessionId);
  mustBePlanned(ctx.session);
  mustNotHaveStarted(core, ctx.session);
  mustBeFacilitatorOrManager(actor, ctx);
  if (!ctx.series.channel) throw new AppError("GROUP.NO_CHANNEL", "The team's group supervision has no channel.", {});
  return { ...ctx, channel: ctx.series.channel };
}

/** "Why me?": for each role the person holds, their turns in it before this session and the team's range. */
export async function whyMe(core: Core, actor: Person, sessionId: string): Promise<{ ctx: SessionInContext; standings: { role: GroupRoleId; standing: RoleStanding; fewest: number; most: number; sessions: number }[] }> {
  const ctx = await load(core, actor, sessionId);
  const { session, series } = ctx;
  const earlier = (await core.storage.groups.sessionsOf(series.id)).filter((s) => s.status !== "cancelled" && s.date < session.date).map(assignmentOf).filter((a) => a !== null);
  const members = (await teamMembers(core, series.team)).map((p) => p.id);
  const standings = ROLES.filter((role) => rolesOf(session)[role] === actor.id).map((role) => {
    const counts = members.map((id) => earlier.filter((s) => s[role] === id).length);
    const last = [...earlier].reverse().find((s) => s[role] === actor.id)?.date ?? null;
    return { role, standing: { id: actor.id, turns: earlier.filter((s) => s[role] === actor.id).length, lastTurn: last }, fewest: Math.min(...counts), most: Math.max(...counts), sessions: earlier.length };
  });
  return { ctx, standings };
}

/**
 * Cancels a session and re-schedules it at the earliest opportunity [000 group Standard
 * One]: the first working day after it (and after today) with no other session of the
 * series, at the series' time, keeping its roles and case when those people are free,
 * otherwise with roles the rotation chooses.
 */
export async function cancelSession(core: Core, actor: Person, sessionId: string, reason: string): Promise<{ ctx: SessionInContext; replacement: GroupSession | null }> {
  const ctx = await load(core, actor, sessionId);
  const { session, series } = ctx;
  mustBePlanned(session);
  mustBeFacilitatorOrManager(actor, ctx);
  session.status = "cancelled";
  session.cancelReason = reason.trim() || null;
  await save(core, actor, session, "group.session-cancelled", { reason: session.cancelReason ? "given" : "none" });
  await cancelGroupReminders(core, session, "session-cancelled");

  const taken = new Set((await core.storage.groups.sessionsOf(series.id)).filter((s) => s.status !== "cancelled").map((s) => s.date));
  const tomorrow = addDays(londonDateOf(core.clock.now()), 1);
  let day = addDays(parseLondonDate(session.date), 1);
  if (isoDate(day) < isoDate(tomorrow)) day = tomorrow;
  const members = await teamMembers(core, series.team);
  let replacement: GroupSession | null = null;
  for (let tries = 0; tries < 28 && !replacement; tries++, day = addDays(day, 1)) {
    if (!isWorkingDay(day) || taken.has(isoDate(day))) continue;
    const startsAt = atLondonTime(day, timeOf(series.time));
    const available = (await rotationMembers(core, members, startsAt)).filter((m) => !m.unavailable?.length).map((m) => m.id);
    const same = [session.presenterId, session.facilitatorId, session.advisorId].every((id) => id && available.includes(id));
    if (available.length < 3) continue;
    const history = (await core.storage.groups.sessionsOf(series.id)).filter((s) => s.status !== "cancelled" && s.date < isoDate(day)).map(assignmentOf).filter((a) => a !== null);
    const roles = same ? assignmentOf(session) : planRoles(await rotationMembers(core, members, startsAt), history, isoDate(day));
    replacement = newSession(core, series, isoDate(day), startsAt, roles, { replacesId: session.id, caseRef: same ? session.caseRef : null, rolesFixed: same });
    if (!(await core.storage.groups.addSession(replacement, [auditRecord(core, actor.id, "group.session-planned", "group-session", replacement.id, { replaces: session.id })]))) replacement = null;
  }
  // Roles for a replacement with other people, and the sessions after it, come from the rotation.
  await planGroupSessions(core, series, actor.id);
  if (replacement) replacement = await core.storage.groups.findSession(replacement.id);
  return { ctx, replacement };
}

/**
 * The facilitator (or a manager) moves the session through its format's stages, on the day.
 * Past the last stage the session is held; the presenter is then asked for the group note.
 */
export async function stepStage(core: Core, actor: Person, sessionId: string, direction: "next" | "back"): Promise<SessionInContext & { finished: boolean }> {
  const ctx = await load(core, actor, sessionId);
  const { session, series } = ctx;
  mustBePlanned(session);
  mustBeFacilitatorOrManager(actor, ctx);
  const today = isoDate(londonDateOf(core.clock.now()));
  if (session.date !== today) throw new AppError("GROUP.NOT_TODAY", `That session is on ${session.date}: stages run on the day.`, { date: session.date });
  const count = STAGE_COUNTS[series.format];
  session.stage = direction === "back" ? Math.max(1, session.stage - 1) : session.stage + 1;
  const finished = session.stage > count;
  if (finished) {
    session.stage = count + 1;
    session.status = "held";
  }
  if (finished) await ensureGroupNote(core, actor.id, series, session);
  await save(core, actor, session, finished ? "group.session-held" : "group.stage", { stage: session.stage });
  if (finished) await cancelGroupReminders(core, session, "session-held");
  return { ...ctx, finished };
}

/** A session run without the bot's stages, marked held by the facilitator or a manager. */
export async function markHeld(core: Core, actor: Person, sessionId: string): Promise<SessionInContext> {
  const ctx = await load(core, actor, sessionId);
  const { session, series } = ctx;
  mustBePlanned(session);
  mustBeFacilitatorOrManager(actor, ctx);
  if (session.startsAt.getTime() > core.clock.now().getTime()) throw new AppError("GROUP.NOT_YET", "That session has not started yet.", {});
  session.status = "held";
  await ensureGroupNote(core, actor.id, series, session);
  await save(core, actor, session, "group.session-held", { stage: session.stage });
  await cancelGroupReminders(core, session, "session-held");
  return ctx;
}

/**
 * The presenter's group note (questions, issues, insights, next steps) as a draft note of
 * its own kind: the case chosen, the session's start, the team taking part, the presenter
 * recording. Started once; opening it again finds the same draft. Opening it ends a session
 * whose stages were not used; one the facilitator is stepping through runs on.
 */
export async function startGroupNote(core: Core, actor: Person, sessionId: string): Promise<{ noteId: string; ctx: SessionInContext }> {
  const ctx = await load(core, actor, sessionId);
  const { session, series } = ctx;
  if (session.status === "cancelled") throw new AppError("GROUP.NOT_PLANNED", "That session was cancelled.", { status: session.status });
  if (!mayRecordGroupNote(actor, session)) throw new AppError("GROUP.NOT_PRESENTER", "The presenter records the group note.", {});
  if (session.startsAt.getTime() > core.clock.now().getTime()) throw new AppError("GROUP.NOT_YET", "That session has not started yet.", {});
  const linked = session.noteId;
  const noteId = await ensureGroupNote(core, actor.id, series, session);
  if (session.status === "planned" && session.stage === 0) {
    session.status = "held";
    await save(core, actor, session, "group.session-held", { noteId });
    await cancelGroupReminders(core, session, "session-held");
  } else if (linked !== noteId) await save(core, actor, session, "group.stage", { noteId });
  return { noteId, ctx };
}

/**
 * The group note's draft, made when the session is held (or the presenter opens it), so its
 * deadline, reminders and escalation run whether or not anyone opens it [000 group Standard Four].
 */
async function ensureGroupNote(core: Core, actorId: string, series: GroupSeries, session: GroupSession): Promise<string> {
  if (!session.presenterId) throw new AppError("GROUP.NO_PRESENTER", "That session has no presenter.", {});
  const members = await teamMembers(core, series.team);
  const fields = { ...emptyFields(session.startsAt), kind: GROUP_SUPERVISION, caseRef: session.caseRef, participantIds: members.map((p) => p.id) };
  const id = core.newId();
  const { note, created } = await core.storage.notes.create(
    { id, sourceKey: `group-note:${session.id}`, status: "draft", fields, createdAt: core.clock.now(), createdById: session.presenterId, recorderId: session.presenterId },
    [auditRecord(core, actorId, "note.create", "note", id, { from: "group-session", sessionId: session.id })],
  );
  if (created) await syncNoteDeadlines(core, note.id, actorId);
  if (session.noteId !== note.id) session.noteId = note.id;
  return note.id;
}

function setRole(session: GroupSession, role: GroupRoleId, personId: string | null): void {
  if (role === "presenter") session.presenterId = personId;
  else if (role === "facilitator") session.facilitatorId = personId;
  else session.advisorId = personId;
}

/** `a`'s role goes to `b`; `b`'s (if any) to `a`. */
function exchange(session: GroupSession, a: string, b: string): void {
  const roleA = roleOf(session, a);
  const roleB = roleOf(session, b);
  if (roleA) setRole(session, roleA, b);
  if (roleB) setRole(session, roleB, a);
}
