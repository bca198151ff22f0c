import { isoDate, londonDateOf, parseLondonDate, type LondonDate } from "../calendar/london-date.ts";
import { atLondonTime } from "../calendar/working-hours.ts";
import { isWorkingDay } from "../calendar/working-days.ts";
import { readLondonDateTime } from "../capture/dates.ts";
import { plainText, type Answer, type Answers } from "../domain/answers.ts";
import { managesTeam } from "../domain/access.ts";
import { AppError } from "../domain/errors.ts";
import { isGroupFormat, SERIES_CHANGED, type GroupFormat, type GroupSeries, type GroupSession } from "../domain/group-supervision.ts";
import { londonParts } from "../domain/london-time.ts";
import type { Person } from "../domain/people.ts";
import { auditRecord } from "./audit-trail.ts";
import { teamsOf } from "./compliance-summary.ts";
import type { Core } from "./core.ts";
import { Directory } from "./directory.ts";
import type { FieldProblem } from "./note-form.ts";
import { cancelGroupReminders } from "./group-reminders.ts";
import { planGroupSessions, regularDate, rotationMembers, teamMembers, timeOf } from "./plan-group-sessions.ts";


/** The teams an actor manages (domain/access.ts), in name order. */
function teamsManagedBy(actor: Person, directory: Directory): string[] {
  return teamsOf(directory).filter((team) => managesTeam(actor, team, directory.byId));
}

/** The profile's cadence for a format (Kent's formats have their own [002]). */
export function cadenceFor(core: Core, format: GroupFormat): number {
  const group = core.settings.profile.groupSupervision;
  return group.formats?.[format]?.cadenceWeeks ?? group.cadenceWeeks;
}

export const GROUP_DURATIONS = ["60", "90", "120", "180"];
export const GROUP_CADENCES = ["2", "3", "4"];

/** What the series form offers an actor: the teams they manage, the one shown, and its series as it stands. */
export interface SeriesFormFacts {
  teams: string[];
  team: string;
  existing: GroupSeries | null;
  /** The series' next planned session (ISO), so only what changes need be typed; "" for none. */
  nextStart: string;
}

/** The facts the series form is built from, for the team given (or the actor's own, or their first). */
export async function seriesFormFacts(core: Core, actor: Person, team = ""): Promise<SeriesFormFacts> {
  const directory = await Directory.load(core.storage.people);
  const teams = teamsManagedBy(actor, directory);
  if (!teams.length) throw new AppError("GROUP.NOT_A_MANAGER", "Only a team's managers set up its group supervision.", {});
  const shown = team || teams.find((t) => t === actor.team) || teams[0]!;
  const existing = await core.storage.groups.seriesOfTeam(shown);
  return { teams, team: shown, existing, nextStart: await nextStart(core, existing) };
}

/** A series being changed starts from its next planned session (ISO), so only what changes need be typed. */
async function nextStart(core: Core, series: GroupSeries | null): Promise<string> {
  if (!series) return "";
  const now = core.clock.now().getTime();
  const next = (await core.storage.groups.sessionsOf(series.id)).find((s) => s.status === "planned" && s.startsAt.getTime() > now);
  return next?.startsAt.toISOString() ?? "";
}

export type SeriesOutcome = { status: "invalid"; problems: Record<string, FieldProblem> } | { status: "saved"; series: GroupSeries; created: boolean };

/**
 * Sets up or changes a team's series from the submitted form: checked field by field, then
 * stored, and its next sessions planned with fair roles. Planned sessions that no longer fit
 * a changed series are cancelled (nobody is left expecting them).
 */
export async function submitGroupSeries(core: Core, actor: Person, answers: Answers): Promise<SeriesOutcome> {
  const now = core.clock.now();
  const directory = await Directory.load(core.storage.people);
  const errors: Record<string, FieldProblem> = {};
  const values = (id: string) => plainText(answers[id]).trim();
  const team = values("team");
  if (!managesTeam(actor, team, directory.byId)) errors.team = { key: "group.form.not-your-team" };
  const format = values("format");
  if (!isGroupFormat(format)) errors.format = { key: "group.form.pick" };
  const cadence = Number(values("cadence"));
  if (!GROUP_CADENCES.includes(String(cadence))) errors.cadence = { key: "group.form.pick" };
  const duration = Number(values("duration"));
  if (!GROUP_DURATIONS.includes(String(duration))) errors.duration = { key: "group.form.pick" };
  const first = readInstant(answers.first, now);
  if (!first) errors.first = { key: "group.form.first-unreadable", params: { typed: plainText(answers.first) } };
  else if (first.getTime() <= now.getTime()) errors.first = { key: "group.form.first-past" };
  else if (!isWorkingDay(londonDateOf(first))) errors.first = { key: "group.form.first-not-working-day" };
  const channel = channelOf(values("channel"));
  if (!errors.team && first && !errors.first) {
    // Roles go only to people working then: at 08:00, or with half the team on leave, the
    // rotation would leave the roles empty without a word, so the form says so instead.
    const members = await teamMembers(core, team);
    const free = (await rotationMembers(core, members, first)).filter((m) => !m.unavailable?.length).length;
    if (free < 3) errors.first = { key: "group.form.first-too-few-free", params: { free: String(free), members: String(members.length) } };
  }
  if (Object.keys(errors).length) return { status: "invalid", problems: errors };

  const existing = await core.storage.groups.seriesOfTeam(team);
  const p = londonParts(first!);
  const series: GroupSeries = {
    id: existing?.id ?? core.newId(),
    team,
    format: format as GroupFormat,
    cadenceWeeks: cadence,
    firstDate: isoDate(londonDateOf(first!)),
    time: `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`,
    durationMinutes: duration,
    channel,
    createdAt: existing?.createdAt ?? now,
    createdById: existing?.createdById ?? actor.id,
    updatedAt: now,
  };
  await core.storage.groups.saveSeries(series, [auditRecord(core, actor.id, "group.series-set", "group-series", series.id, { team, format, cadenceWeeks: cadence, changed: existing !== null })]);
  if (existing) await dropUnfitSessions(core, actor, series);
  await planGroupSessions(core, series, actor.id);
  return { status: "saved", series, created: !existing };
}

/**
 * A changed series' future: planned sessions still on its days move to its new time. One off
 * its new days that people have prepared for (a swap agreed, a role set, the case chosen)
 * moves to the series' first free day on or after it, keeping its roles and case when those
 * people are free then (else the rotation fills it); the others are called off (reason
 * SERIES_CHANGED), without replacement.
 */
async function dropUnfitSessions(core: Core, actor: Person, series: GroupSeries): Promise<void> {
  const now = core.clock.now();
  const today = isoDate(londonDateOf(now));
  const sessions = await core.storage.groups.sessionsOf(series.id);
  // One session per day, a cancelled one included (it keeps its slot).
  const taken = new Set(sessions.map((s) => s.date));
  const members = await teamMembers(core, series.team);
  for (const session of sessions) {
    if (session.status !== "planned" || session.date < today || session.replacesId) continue;
    if (onPattern(series, session.date)) {
      const startsAt = atLondonTime(parseLondonDate(session.date), timeOf(series.time));
      if (startsAt.getTime() === session.startsAt.getTime()) continue;
      // A session changed meanwhile keeps that change; the series' next re-plan sees it.
      await core.storage.groups.updateSession({ ...session, startsAt, updatedAt: now }, [auditRecord(core, actor.id, "group.session-planned", "group-session", session.id, { moved: "series-changed" })]);
      continue;
    }
    if (session.rolesFixed || session.caseRef) {
      const day = firstFreeRegularDay(series, session.date < today ? today : session.date, taken);
      const startsAt = atLondonTime(day, timeOf(series.time));
      const free = (await rotationMembers(core, members, startsAt)).filter((m) => !m.unavailable?.length).map((m) => m.id);
      const same = [session.presenterId, session.facilitatorId, session.advisorId].every((id) => id && free.includes(id));
      const moved: GroupSession = same
        ? { ...session, date: isoDate(day), startsAt, pendingSwap: null, updatedAt: now }
        : { ...session, date: isoDate(day), startsAt, pendingSwap: null, presenterId: null, facilitatorId: null, advisorId: null, rolesFixed: false, caseRef: null, updatedAt: now };
      if (startsAt.getTime() > now.getTime() && (await core.storage.groups.updateSession(moved, [auditRecord(core, actor.id, "group.session-planned", "group-session", session.id, { moved: "series-changed", kept: same })]))) {
        taken.delete(session.date);
        taken.add(moved.date);
        continue; // its reminders follow it when the series is planned next
      }
    }
    const cancelled = { ...session, status: "cancelled" as const, cancelReason: SERIES_CHANGED, updatedAt: now };
    await core.storage.groups.updateSession(cancelled, [auditRecord(core, actor.id, "group.session-cancelled", "group-session", session.id, { reason: SERIES_CHANGED })]);
    await cancelGroupReminders(core, cancelled, "session-cancelled");
  }
}

/** The series' first regular day on or after `from` (ISO) with no session. */
function firstFreeRegularDay(series: GroupSeries, from: string, taken: ReadonlySet<string>): LondonDate {
  for (let k = 0; ; k++) {
    const day = regularDate(series, k);
    if (isoDate(day) >= from && !taken.has(isoDate(day))) return day;
  }
}

/** Whether a date is one of the series' regular days (counting whole cadences from the first). */
function onPattern(series: GroupSeries, date: string): boolean {
  const days = Math.round((Date.parse(`${date}T12:00:00Z`) - Date.parse(`${series.firstDate}T12:00:00Z`)) / 86_400_000);
  // A regular day moved off a weekend or bank holiday lands up to a few days later.
  return days >= 0 && days % (7 * series.cadenceWeeks) < 5;
}

/** A picker's instant as it is, or typed words ("next Tuesday 2pm") read once in London time. */
function readInstant(answer: Answer | undefined, now: Date): Date | null {
  if (answer?.type === "instant") return answer.at ? new Date(answer.at) : null;
  const text = plainText(answer).trim();
  return text ? (readLondonDateTime(text, now, { forwardDates: true })?.instant ?? null) : null;
}

/** "slack:C0123ABC" as given; a bare name ("north-team") is a console channel; empty for none. */
function channelOf(typed: string): string | null {
  const text = typed.trim().replace(/^#/, "");
  if (!text) return null;
  return /^[a-z]+:.+/.test(text) ? text : `console:${text}`;
}
