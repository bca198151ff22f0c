import type { OutboundMessage } from "../content/message.ts";
import { announceMessage, caseChaseMessage, rolePromptMessage, unpostedMessage } from "./group-messages.ts";
import type { AuditRecord } from "../domain/audit.ts";
import { roleOf } from "../domain/group-supervision.ts";
import type { Person } from "../domain/people.ts";
import { GAVE_UP, type Reminder } from "../domain/reminder.ts";
import { auditRecord } from "../services/audit-trail.ts";
import { announcedChannel, announceIdOf } from "../services/group-reminders.ts";
import type { Core } from "../services/core.ts";
import { Directory } from "../services/directory.ts";

/** What the sweep lends a group reminder to settle itself, as it settles every other. */
export interface GroupSendHelpers<S> {
  cancel(reason: string): Promise<S>;
  defer(until: Date): Promise<S>;
  /** Undefined: the person can be messaged now; a time: not before then; null: not before `deadline`. */
  wait(person: Person, deadline?: Date): Promise<Date | null | undefined>;
  send(person: Person, message: OutboundMessage, audit: AuditRecord): Promise<S>;
  post(channel: string, message: OutboundMessage, audit: AuditRecord): Promise<S>;
}

/**
 * A group supervision session's announcement (team channel), a role prompt, the
 * presenter's second ask for the case, or the facilitator told the announcement could not be
 * posted; each sent only while it still applies: the session still planned and ahead, the
 * person still in the role, the case still not chosen.
 */
export async function sendGroupReminder<S>(core: Core, reminder: Reminder, h: GroupSendHelpers<S>): Promise<S> {
  const now = core.clock.now();
  const sessionId = (reminder.deadlineId ?? "").replace(/^group\.session:/, "");
  const session = await core.storage.groups.findSession(sessionId);
  const series = session ? await core.storage.groups.findSeries(session.seriesId) : null;
  if (!session || !series || session.status !== "planned") return h.cancel("no-longer-needed");
  if (now.getTime() >= session.startsAt.getTime()) return h.cancel("session-started");
  const directory = await Directory.load(core.storage.people);
  const audit = (to: string) => auditRecord(core, null, "reminder.sent", "reminder", reminder.id, { kind: reminder.kind, sessionId, to });

  if (reminder.kind === "group-announce") {
    if (!series.channel) return h.cancel("no-channel");
    return h.post(series.channel, announceMessage(series, session, directory, core.prompts), audit(series.channel));
  }
  if (reminder.kind === "group-case" && session.caseRef) return h.cancel("case-chosen");
  // Told only while the channel that refused is still the series' channel.
  const refused = reminder.kind === "group-unposted" ? await core.storage.schedule.findReminder(announceIdOf(reminder)) : null;
  if (reminder.kind === "group-unposted" && (!refused || announcedChannel(refused) !== series.channel)) return h.cancel("channel-changed");
  const person = await core.storage.people.findById(reminder.recipientId);
  const role = person?.active ? roleOf(session, person.id) : null;
  const roleNeeded = reminder.kind === "group-case" ? "presenter" : reminder.kind === "group-unposted" ? "facilitator" : role;
  if (!person || !role || role !== roleNeeded) return h.cancel("not-in-role");
  const wait = await h.wait(person, session.startsAt);
  if (wait === null) return h.cancel("quiet-hours");
  if (wait) return h.defer(wait);
  const message =
    reminder.kind === "group-case"
      ? caseChaseMessage(series, session, directory, core.prompts)
      : reminder.kind === "group-unposted"
        ? unpostedMessage(series, session, directory, core.prompts, refused?.lastError?.startsWith(GAVE_UP) ?? false)
        : rolePromptMessage(role, series, session, directory, core.prompts);
  return h.send(person, message, audit(person.id));
}
