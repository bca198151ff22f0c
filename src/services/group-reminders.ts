import { parseLondonDate } from "../calendar/london-date.ts";
import { addWorkingDays } from "../calendar/working-days.ts";
import { atLondonTime } from "../calendar/working-hours.ts";
import { deadlineId } from "../domain/deadline.ts";
import { formatLondon } from "../domain/london-time.ts";
import { rolesOf, type GroupSeries, type GroupSession } from "../domain/group-supervision.ts";
import { REPLANNED, reschedulable, type NewReminder, type Reminder } from "../domain/reminder.ts";
import { auditRecord } from "./audit-trail.ts";
import type { Core } from "./core.ts";

/** The presenter is asked again for the case this many working days before, if it is not chosen. */
const CASE_CHASE_WORKING_DAYS = 2;

/** The deadline a session's announcement and prompts lead up to: its start. */
export const sessionDeadlineId = (sessionId: string) => deadlineId("group.session", sessionId);

/**
 * The messages a planned session needs before it starts (docs/design.md#group-supervision), as durable reminder
 * rows: the roles announced in the team channel and each role-holder's prompt, the profile's
 * working days before (at the start of the working day, or at once if that has passed), and
 * the presenter asked again two working days before if no case is chosen by then. Stable
 * keys make it idempotent; someone who no longer holds a role loses their pending prompt.
 */
export async function scheduleGroupReminders(core: Core, series: GroupSeries, session: GroupSession): Promise<void> {
  const now = core.clock.now();
  const profile = core.settings.profile;
  const id = sessionDeadlineId(session.id);
  if (session.status !== "planned" || session.startsAt.getTime() <= now.getTime()) {
    await cancelGroupReminders(core, session, session.status === "cancelled" ? "session-cancelled" : "session-started");
    return;
  }
  const existing = await core.storage.schedule.findDeadline(id);
  if (!existing || existing.dueAt.getTime() !== session.startsAt.getTime() || existing.status !== "open") {
    await core.storage.schedule.saveDeadline(
      {
        id,
        rule: "group.session",
        subjectType: "group-session",
        subjectId: session.id,
        noteId: null,
        profileId: profile.id,
        fromAt: session.createdAt,
        dueAt: session.startsAt,
        explain: `Group supervision on ${formatLondon(session.startsAt)}`,
        source: profile.groupSupervision.source,
        status: "open",
        metAt: null,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      },
      [auditRecord(core, null, "deadline.set", "deadline", id, { rule: "group.session", sessionId: session.id, dueAt: session.startsAt.toISOString() })],
    );
  }
  const day = parseLondonDate(session.date);
  const notAfter = (at: Date) => new Date(Math.max(at.getTime(), now.getTime()));
  const announceAt = notAfter(announcementTime(core, session));
  const chaseAt = notAfter(atLondonTime(addWorkingDays(day, -CASE_CHASE_WORKING_DAYS), profile.workingHours.start));
  const roles = rolesOf(session);
  const wanted: NewReminder[] = [];
  // Keys name the role: after a swap each person is sent the prompt for their new role.
  const add = (kind: NewReminder["kind"], what: string, recipientId: string, dueAt: Date) =>
    wanted.push({ id: core.newId(), key: `${id}|${kind}|${what}|${recipientId}`, kind, deadlineId: id, aboutId: session.presenterId ?? recipientId, recipientId, dueAt, createdAt: now });
  // The announcement names all three: roles that change after it are announced again.
  if (series.channel && roles.facilitator) add("group-announce", `${series.channel}|${roles.presenter}.${roles.facilitator}.${roles.advisor}`, roles.facilitator, announceAt);
  for (const [role, personId] of Object.entries(roles)) if (personId) add("group-role", role, personId, announceAt);
  // Asked again only if still not chosen then (checked when it is due); never before the first ask.
  if (roles.presenter && !session.caseRef && chaseAt.getTime() > announceAt.getTime()) add("group-case", "presenter", roles.presenter, chaseAt);

  const stored = new Map((await core.storage.schedule.reminders({ deadlineId: id })).map((r) => [r.key, r]));
  await core.storage.schedule.schedule(wanted.filter((r) => !stored.has(r.key)));
  // A message cancelled when roles changed comes back if they change back (never one already sent).
  for (const reminder of wanted) {
    const was = stored.get(reminder.key);
    if (was && reschedulable(was, now) && (was.status === "cancelled" || was.dueAt.getTime() !== reminder.dueAt.getTime())) {
      await core.storage.schedule.reschedule(reminder.key, reminder.dueAt, now);
    }
  }
  // A notice that the channel refused the announcement stands until it is sent.
  const keep = [...wanted.map((r) => r.key), ...[...stored.values()].filter((r) => r.status !== "pending" || r.kind === "group-unposted").map((r) => r.key)];
  await core.storage.schedule.cancelPending(id, REPLANNED, keep);
}

const UNPOSTED = "group-unposted|";

/** The key of the notice that an announcement (by its reminder id) could not be posted. */
export const unpostedKey = (announceId: string) => `${UNPOSTED}${announceId}`;

/** The announcement a could-not-post notice is about (its reminder id), from the notice's key. */
export const announceIdOf = (unposted: Reminder) => unposted.key.slice(UNPOSTED.length);

/** The channel an announcement was for, from its key (`<deadline>|group-announce|<channel>|<roles>|<to>`). */
export const announcedChannel = (announce: Reminder) => announce.key.split("|")[2] ?? null;

/** When a session's roles are announced: the profile's working days before, at the start of the working day. */
export function announcementTime(core: Core, session: GroupSession): Date {
  const profile = core.settings.profile;
  return atLondonTime(addWorkingDays(parseLondonDate(session.date), -profile.groupSupervision.announceWorkingDaysBefore), profile.workingHours.start);
}

/** A session cancelled, started or held: nothing more is sent ahead of it. */
export async function cancelGroupReminders(core: Core, session: GroupSession, reason: string): Promise<void> {
  const id = sessionDeadlineId(session.id);
  const deadline = await core.storage.schedule.findDeadline(id);
  if (!deadline) return;
  await core.storage.schedule.cancelPending(id, reason);
  if (deadline.status === "open" && reason === "session-cancelled") {
    await core.storage.schedule.saveDeadline({ ...deadline, status: "cancelled", updatedAt: core.clock.now() }, [auditRecord(core, null, "deadline.cancelled", "deadline", id, { rule: "group.session" })]);
  }
}
