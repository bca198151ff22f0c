import { londonDateOf } from "../calendar/london-date.ts";
import { atLondonTime } from "../calendar/working-hours.ts";
import { addWorkingDays } from "../calendar/working-days.ts";
import type { NewReminder, ReminderKind } from "../domain/reminder.ts";
import type { Duration, PolicyProfile } from "../policy/profile.ts";
import { deliveryTime, type Availability } from "./availability.ts";
import type { PlannedDeadline } from "./plan-deadlines.ts";

/** Kinds a deadline's plan owns: re-planning replaces these, and leaves snoozes and the like alone. */
export const PLANNED_KINDS: readonly ReminderKind[] = ["before", "action-before", "action-due", "overdue", "escalation"];

/** How long a deadline that had already passed when planned waits before its overdue notice and escalation. */
export const LATE_CAPTURE_GRACE_MS = 60 * 60_000;

export interface Recipient {
  id: string;
  availability: Availability;
}

/**
 * The reminders that chase one open deadline for each person who has to act (docs/design.md#reminders-and-escalation):
 * before it by the profile's offsets (an action: a working day before and on the due day),
 * then at breach an overdue notice to them and an escalation about them. Times are moved
 * into the person's working hours; one that has passed, or that quiet hours push to the
 * same moment as another, is left out. A key names the deadline, the reminder and the
 * person, not the time: re-planning a moved deadline moves the same rows, and a notice
 * already sent is never planned again.
 */
export function planReminders(deadline: PlannedDeadline, recipients: readonly Recipient[], profile: PolicyProfile, now: Date, newId: () => string): NewReminder[] {
  const due = deadline.dueAt;
  const reminders: NewReminder[] = [];
  for (const recipient of recipients) {
    const at = new Set<number>();
    const add = (kind: ReminderKind, label: string, time: Date | null) => {
      if (!time || at.has(time.getTime())) return;
      at.add(time.getTime());
      reminders.push({
        id: newId(),
        key: `${deadline.id}|${kind}${label && `-${label}`}|${recipient.id}`,
        kind,
        deadlineId: deadline.id,
        aboutId: recipient.id,
        recipientId: recipient.id,
        dueAt: time,
        createdAt: now,
      });
    };
    const ahead = (intended: Date) => (intended.getTime() > now.getTime() ? deliveryTime(intended, recipient.availability, { deadline: due, now }) : null);

    if (deadline.rule === "action.due") {
      const dueDay = londonDateOf(due);
      const dayBefore = addWorkingDays(dueDay, -profile.reminders.actionWorkingDaysBefore, recipient.availability.days);
      add("action-before", "", ahead(atLondonTime(dayBefore, recipient.availability.start)));
      const morning = atLondonTime(dueDay, recipient.availability.start);
      if (morning.getTime() < due.getTime()) add("action-due", "", ahead(morning));
    } else {
      for (const offset of deadline.remindBefore ?? profile.reminders.before) add("before", label(offset), ahead(before(deadline, offset, recipient)));
    }
    // Captured after its deadline (a discussion written up late): an hour to finish it first.
    const breach = due.getTime() > now.getTime() ? due : new Date(now.getTime() + LATE_CAPTURE_GRACE_MS);
    add("overdue", "", deliveryTime(breach, recipient.availability));
    // The escalation's recipient is settled when it is sent (who is on leave that day).
    if (deadline.noEscalationFor?.includes(recipient.id)) continue;
    reminders.push({ id: newId(), key: `${deadline.id}|escalation|${recipient.id}`, kind: "escalation", deadlineId: deadline.id, aboutId: recipient.id, recipientId: deadline.escalateToId ?? recipient.id, dueAt: breach, createdAt: now });
  }
  return reminders;
}

/** When an offset before the deadline falls: hours are real hours; working days count back to the person's start of day. */
function before(deadline: PlannedDeadline, offset: Duration, recipient: Recipient): Date {
  if ("hours" in offset) return new Date(deadline.dueAt.getTime() - offset.hours * 3_600_000);
  const day = addWorkingDays(londonDateOf(deadline.dueAt), -offset.workingDays, recipient.availability.days);
  return atLondonTime(day, recipient.availability.start);
}

const label = (offset: Duration) => ("hours" in offset ? `${offset.hours}h` : `${offset.workingDays}wd`);
