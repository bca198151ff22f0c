import { REPLANNED, reschedulable, type NewReminder } from "../domain/reminder.ts";
import type { Core } from "./core.ts";
import { availabilityFor } from "./availability.ts";
import type { PlannedDeadline } from "./plan-deadlines.ts";
import { PLANNED_KINDS, planReminders } from "./plan-reminders.ts";

/** What a sync changed, as counts (for the start-up check's log: no case content). */
export interface DeadlineChanges {
  deadlinesSet: number;
  deadlinesMet: number;
  deadlinesCancelled: number;
  remindersAdded: number;
  remindersMoved: number;
  remindersCancelled: number;
}

export const noChanges = (): DeadlineChanges => ({ deadlinesSet: 0, deadlinesMet: 0, deadlinesCancelled: 0, remindersAdded: 0, remindersMoved: 0, remindersCancelled: 0 });

/**
 * Schedules the reminders the deadlines now need: new ones inserted (all in one go), planned
 * ones moved to their new times (or brought back if a re-plan had cancelled them). Pending ones
 * for someone no longer responsible are cancelled; one whose time has simply passed is left
 * for the sweep, which sends it or drops it as stale. Sent ones are never planned again.
 * The stored reminders are read once, for the deadlines that were stored before this sync.
 */
export async function replanReminders(core: Core, deadlines: readonly { plan: PlannedDeadline; isNew: boolean }[], now: Date, changes: DeadlineChanges): Promise<void> {
  const storedIds = deadlines.filter((d) => !d.isNew).map((d) => d.plan.id);
  const stored = storedIds.length ? await core.storage.schedule.reminders({ deadlineIds: storedIds }) : [];
  const fresh: NewReminder[] = [];
  for (const { plan } of deadlines) {
    const recipients = [];
    for (const id of plan.responsibleIds) {
      const person = await core.storage.people.findById(id);
      if (person?.active) recipients.push({ id, availability: await availabilityFor(core, person, now) });
    }
    const wanted = planReminders(plan, recipients, core.settings.profile, now, core.newId);
    const existing = new Map(stored.filter((r) => r.deadlineId === plan.id).map((r) => [r.key, r]));
    fresh.push(...wanted.filter((r) => !existing.has(r.key)));
    for (const reminder of wanted) {
      const known = existing.get(reminder.key);
      if (known && reschedulable(known, now) && (known.status === "cancelled" || known.dueAt.getTime() !== reminder.dueAt.getTime())) {
        if (await core.storage.schedule.reschedule(reminder.key, reminder.dueAt, now)) changes.remindersMoved++;
      }
    }
    const responsible = new Set(recipients.map((r) => r.id));
    const pending = [...existing.values()].filter((r) => r.status === "pending");
    const leftOver = pending.filter((r) => PLANNED_KINDS.includes(r.kind) && !responsible.has(r.aboutId));
    if (leftOver.length) {
      const keep = [...wanted.map((r) => r.key), ...pending.filter((r) => !leftOver.includes(r)).map((r) => r.key)];
      changes.remindersCancelled += await core.storage.schedule.cancelPending(plan.id, REPLANNED, keep);
    }
  }
  changes.remindersAdded += (await core.storage.schedule.addReminders(fresh)).length;
}
