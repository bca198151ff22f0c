import { isoDate, londonDateOf, parseLondonDate } from "../calendar/london-date.ts";
import { atLondonTime } from "../calendar/working-hours.ts";
import { isWorkingDay } from "../calendar/working-days.ts";
import { readLondonDateTime } from "../capture/dates.ts";
import type { Form, FormValues } from "../content/message.ts";
import { managesTeam } from "../domain/access.ts";
import { AppError } from "../domain/errors.ts";
import { DEFAULT_GROUP_FORMAT, GROUP_FORMATS, isGroupFormat, SERIES_CHANGED, type GroupFormat, type GroupSeries } from "../domain/group-supervision.ts";
import { londonParts } from "../domain/london-time.ts";
import type { Person } from "../domain/people.ts";
import type { PromptKey } from "../prompts/prompts.ts";
import { auditRecord } from "./audit-trail.ts";
import { teamsOf } from "./compliance-summary.ts";
import type { Core } from "./core.ts";
import { Directory } from "./directory.ts";
import { cancelGroupReminders } from "./group-reminders.ts";
import { planGroupSessions, timeOf } from "./plan-group-sessions.ts";

export const GROUP_SERIES_FORM_ID = "group-series";
const DURATIONS = ["60", "90", "120", "180"];
const CADENCES = ["2", "3", "4"];

/** The teams an actor manages (domain/access.ts), in name order. */
function teamsManagedBy(actor: Person, directory: Directory): string[] {
  return teamsOf(directory).filter((team) => managesTeam(actor, team, directory.byId));
}

/** The profile's cadence for a format (Kent's formats have their own [002]). */
export function cadenceFor(core: Core, format: GroupFormat): number {
  const group = core.settings.profile.groupSupervision;
  return group.formats?.[format]?.cadenceWeeks ?? group.cadenceWeeks;
}

/** The form to set up (or change) a team's series, filled with the series as it stands. */
export async function groupSeriesForm(core: Core, actor: Person, values: FormValues = {}, errors: Record<string, string> = {}): Promise<Form> {
  const say = core.prompts.say;
  const directory = await Directory.load(core.storage.people);
  const teams = teamsManagedBy(actor, directory);
  if (!teams.length) throw new AppError("GROUP.NOT_A_MANAGER", "Only a team's managers set up its group supervision.", {});
  const team = values.team || teams.find((t) => t === actor.team) || teams[0]!;
  const existing = await core.storage.groups.seriesOfTeam(team);
  const format = (values.format || existing?.format || DEFAULT_GROUP_FORMAT) as GroupFormat;
  const option = (value: string, label: string) => ({ value, label });
  return {
    formId: GROUP_SERIES_FORM_ID,
    title: say("group.form.title"),
    submitLabel: say("group.form.submit"),
    inputs: [
      { id: "team", type: "select", label: say("group.form.team"), required: true, value: team, options: teams.map((t) => option(t, t)) },
      { id: "format", type: "select", label: say("group.form.format"), required: true, value: format, options: GROUP_FORMATS.map((f) => option(f, say(`group.format.${f}` as PromptKey))) },
      { id: "cadence", type: "select", label: say("group.form.cadence"), required: true, value: values.cadence || String(existing?.cadenceWeeks ?? cadenceFor(core, format)), options: CADENCES.map((c) => option(c, say("group.form.every", { weeks: c }))) },
      { id: "first", type: "datetime", label: say("group.form.first"), required: true, value: values.first ?? (await nextStart(core, existing)), hint: say("group.form.first-hint") },
      { id: "duration", type: "select", label: say("group.form.duration"), required: true, value: values.duration || String(existing?.durationMinutes ?? 90), options: DURATIONS.map((d) => option(d, say("group.form.minutes", { minutes: d }))) },
      { id: "channel", type: "channel", label: say("group.form.channel"), required: false, value: values.channel ?? existing?.channel ?? "", hint: say("group.form.channel-hint") },
    ],
    errors,
    state: {},
  };
}

/** A series being changed starts from its next planned session (ISO), so only what changes need be typed. */
async function nextStart(core: Core, series: GroupSeries | null): Promise<string> {
  if (!series) return "";
  const now = core.clock.now().getTime();
  const next = (await core.storage.groups.sessionsOf(series.id)).find((s) => s.status === "planned" && s.startsAt.getTime() > now);
  return next?.startsAt.toISOString() ?? "";
}

export type SeriesOutcome = { status: "invalid"; form: Form } | { status: "saved"; series: GroupSeries; created: boolean };

/**
 * Sets up or changes a team's series from the submitted form: checked field by field, then
 * stored, and its next sessions planned with fair roles. Planned sessions that no longer fit
 * a changed series are cancelled (nobody is left expecting them).
 */
export async function submitGroupSeries(core: Core, actor: Person, values: FormValues): Promise<SeriesOutcome> {
  const say = core.prompts.say;
  const now = core.clock.now();
  const directory = await Directory.load(core.storage.people);
  const errors: Record<string, string> = {};
  const team = (values.team ?? "").trim();
  if (!managesTeam(actor, team, directory.byId)) errors.team = say("group.form.not-your-team");
  const format = (values.format ?? "").trim();
  if (!isGroupFormat(format)) errors.format = say("group.form.pick");
  const cadence = Number(values.cadence);
  if (!CADENCES.includes(String(cadence))) errors.cadence = say("group.form.pick");
  const duration = Number(values.duration);
  if (!DURATIONS.includes(String(duration))) errors.duration = say("group.form.pick");
  const first = readInstant(values.first ?? "", now);
  if (!first) errors.first = say("group.form.first-unreadable", { typed: values.first ?? "" });
  else if (first.getTime() <= now.getTime()) errors.first = say("group.form.first-past");
  else if (!isWorkingDay(londonDateOf(first))) errors.first = say("group.form.first-not-working-day");
  const channel = channelOf(values.channel ?? "");
  if (Object.keys(errors).length) return { status: "invalid", form: await groupSeriesForm(core, actor, values, errors) };

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
 * A changed series' future: planned sessions still on its days move to its new time; those
 * off its new days are called off (reason SERIES_CHANGED), without replacement.
 */
async function dropUnfitSessions(core: Core, actor: Person, series: GroupSeries): Promise<void> {
  const now = core.clock.now();
  const today = isoDate(londonDateOf(now));
  for (const session of await core.storage.groups.sessionsOf(series.id)) {
    if (session.status !== "planned" || session.date < today || session.replacesId) continue;
    if (onPattern(series, session.date)) {
      const startsAt = atLondonTime(parseLondonDate(session.date), timeOf(series.time));
      if (startsAt.getTime() === session.startsAt.getTime()) continue;
      // A session changed meanwhile keeps that change; the series' next re-plan sees it.
      await core.storage.groups.updateSession({ ...session, startsAt, updatedAt: now }, [auditRecord(core, actor.id, "group.session-planned", "group-session", session.id, { moved: "series-changed" })]);
      continue;
    }
    const cancelled = { ...session, status: "cancelled" as const, cancelReason: SERIES_CHANGED, updatedAt: now };
    await core.storage.groups.updateSession(cancelled, [auditRecord(core, actor.id, "group.session-cancelled", "group-session", session.id, { reason: SERIES_CHANGED })]);
    await cancelGroupReminders(core, cancelled, "session-cancelled");
  }
}

/** Whether a date is one of the series' regular days (counting whole cadences from the first). */
function onPattern(series: GroupSeries, date: string): boolean {
  const days = Math.round((Date.parse(`${date}T12:00:00Z`) - Date.parse(`${series.firstDate}T12:00:00Z`)) / 86_400_000);
  // A regular day moved off a weekend or bank holiday lands up to a few days later.
  return days >= 0 && days % (7 * series.cadenceWeeks) < 5;
}

/** An ISO instant from a picker, or natural language ("next Tuesday 2pm") read in London time. */
function readInstant(typed: string, now: Date): Date | null {
  const text = typed.trim();
  if (!text) return null;
  if (/^\d{4}-\d\d-\d\dT/.test(text)) {
    const at = new Date(text);
    return Number.isNaN(at.getTime()) ? null : at;
  }
  return readLondonDateTime(text, now, { forwardDates: true })?.instant ?? null;
}

/** "slack:C0123ABC" as given; a bare name ("north-team") is a console channel; empty for none. */
function channelOf(typed: string): string | null {
  const text = typed.trim().replace(/^#/, "");
  if (!text) return null;
  return /^[a-z]+:.+/.test(text) ? text : `console:${text}`;
}
