import { addDays, londonDateOf } from "../calendar/london-date.ts";
import { atLondonTime, nextWorkingStart } from "../calendar/working-hours.ts";
import { AppError } from "../domain/errors.ts";
import type { Person } from "../domain/people.ts";
import { SNOOZABLE_KINDS } from "../domain/reminder.ts";
import { audit } from "../services/audit-trail.ts";
import type { Core } from "../services/core.ts";
import { availabilityFor, deliveryTime, type Availability } from "../services/availability.ts";

export const SNOOZE_SPANS = ["1h", "3h", "tomorrow"] as const;
export type SnoozeSpan = (typeof SNOOZE_SPANS)[number];

/** A snoozed reminder still comes this long before the deadline at the latest. */
const BEFORE_DEADLINE_MS = 30 * 60_000;
const TOMORROW_AT = { hour: 9, minute: 0 };

export interface Snoozed {
  at: Date;
  /** The snooze asked for more than the deadline allows: it comes earlier. */
  capped: boolean;
  /** The button was pressed before: the first snooze stands. */
  already: boolean;
}

/**
 * Puts off a reminder its recipient was sent: 1 hour, 3 hours or tomorrow at 09:00, moved
 * into their working hours and never past the deadline (docs/design.md#reminders-and-escalation). Pressing the button
 * twice snoozes once.
 */
export async function snoozeReminder(core: Core, actor: Person, reminderId: string, span: SnoozeSpan): Promise<Snoozed> {
  const reminder = await core.storage.schedule.findReminder(reminderId);
  if (!reminder || reminder.recipientId !== actor.id || reminder.status !== "sent") {
    throw new AppError("REMINDER.NOT_FOUND", "There is no reminder of yours with that id.", { reminderId });
  }
  if (!SNOOZABLE_KINDS.includes(reminder.kind)) throw new AppError("REMINDER.NOT_SNOOZABLE", "Only a reminder before a deadline can be snoozed.", { reminderId });
  const deadline = reminder.deadlineId ? await core.storage.schedule.findDeadline(reminder.deadlineId) : null;
  if (!deadline || deadline.status !== "open") throw new AppError("REMINDER.SETTLED", "That is done: there is nothing left to remind you about.", { reminderId });

  const key = `snooze|${reminder.id}`;
  const earlier = (await core.storage.schedule.reminders({ deadlineId: deadline.id, kind: "snoozed", recipientId: actor.id })).find((r) => r.key === key);
  if (earlier) return { at: earlier.dueAt, capped: false, already: true };

  const now = core.clock.now();
  const hours = await availabilityFor(core, actor, now);
  const asked = span === "tomorrow" ? nextWorkingMorning(now, hours) : new Date(now.getTime() + (span === "1h" ? 1 : 3) * 3_600_000);
  const latest = new Date(deadline.dueAt.getTime() - BEFORE_DEADLINE_MS);
  const intended = asked.getTime() > latest.getTime() ? latest : asked;
  const at = intended.getTime() > now.getTime() ? deliveryTime(intended, hours, { deadline: latest, now }) : null;
  if (!at) throw new AppError("REMINDER.TOO_LATE", "The deadline is too close to snooze this reminder.", { reminderId });

  const [inserted] = await core.storage.schedule.schedule([
    { id: core.newId(), key, kind: "snoozed", deadlineId: deadline.id, aboutId: reminder.aboutId, recipientId: actor.id, dueAt: at, createdAt: now },
  ]);
  if (!inserted) return { at, capped: false, already: true }; // a concurrent press got there first
  await audit(core, actor.id, "reminder.snoozed", "reminder", reminder.id, { until: at.toISOString(), span, deadlineId: deadline.id });
  return { at, capped: at.getTime() < asked.getTime(), already: false };
}

/** 09:00 on the person's next working day (Friday's "tomorrow" is Monday), or their start if later. */
function nextWorkingMorning(now: Date, hours: Availability): Date {
  const start = nextWorkingStart(atLondonTime(addDays(londonDateOf(now), 1), { hour: 0, minute: 0 }), hours);
  const nine = atLondonTime(londonDateOf(start), TOMORROW_AT);
  return start.getTime() > nine.getTime() ? start : nine;
}
