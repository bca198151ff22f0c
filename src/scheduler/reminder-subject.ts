import type { Reminder } from "../domain/reminder.ts";
import type { Core } from "../services/core.ts";
import type { ReminderSubject } from "./reminder-message.ts";

/** The deadline, note, action and person a reminder is about, as they stand now; null when gone. */
export async function loadSubject(core: Core, reminder: Pick<Reminder, "deadlineId" | "aboutId">): Promise<ReminderSubject | null> {
  if (!reminder.deadlineId) return null;
  const deadline = await core.storage.schedule.findDeadline(reminder.deadlineId);
  if (!deadline?.noteId) return null;
  const [note, about] = await Promise.all([core.storage.notes.findById(deadline.noteId), core.storage.people.findById(reminder.aboutId)]);
  if (!note || !about || note.status === "discarded") return null;
  const action = deadline.subjectType === "action" ? (note.actions.find((a) => a.id === deadline.subjectId) ?? null) : null;
  if (deadline.subjectType === "action" && !action) return null;
  return { deadline, note, action, about };
}
