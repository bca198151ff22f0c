import type { Button } from "../content/message.ts";
import type { Deadline, DeadlineSubject } from "../domain/deadline.ts";
import type { NoteAction, OversightNote } from "../domain/note.ts";
import type { Person } from "../domain/people.ts";
import type { Reminder } from "../domain/reminder.ts";
import type { Core } from "../services/core.ts";
import { caseTopic } from "./case-subject.ts";
import { noteTopic } from "./note-subject.ts";
import { agreementTopic, supervisionTopic } from "./supervision-subject.ts";

/**
 * What a reminder is about, loaded fresh when it is sent: the deadline, whose it is, and how
 * to word it. A note's deadlines carry the note (and the action); a case's or a supervision's
 * carry only what their message names.
 */
export interface ReminderSubject extends Topic {
  deadline: Deadline;
  /** Whose deadline it is. */
  about: Person;
}

/** The part of a subject its own loader supplies. */
export interface Topic {
  /** The note the deadline belongs to; null for a case's, a supervision's or an agreement's. */
  note: OversightNote | null;
  action: NoteAction | null;
  /**
   * How the message is worded: prompts `reminder.<area>`, `overdue.<area>`, `escalation.<area>`
   * (and `rule.<area>` in a digest), e.g. "note", "record", "action", "group-note", "case-discussion".
   */
  area: string;
  /** The id the message names (a note's, an action's, a session's), and the case reference, never a name. */
  id: string;
  caseRef: string | null;
  /** An action's text, or "". */
  what: string;
  /** The one-click button that settles it, or null when nothing in chat does. */
  settle: Button | null;
  /** What an escalation offers its manager to look at, or null. */
  show: Button | null;
}

/** Reads what a deadline of one subject type is about; null when it is gone or no longer needs chasing. */
export type TopicLoader = (core: Core, deadline: Deadline) => Promise<Topic | null>;

const LOADERS: Partial<Record<DeadlineSubject, TopicLoader>> = {
  note: noteTopic,
  action: noteTopic,
  case: caseTopic,
  supervision: supervisionTopic,
  agreement: agreementTopic,
};

/** The deadline, its topic and the person a reminder is about, as they stand now; null when gone. */
export async function loadSubject(core: Core, reminder: Pick<Reminder, "deadlineId" | "aboutId">): Promise<ReminderSubject | null> {
  if (!reminder.deadlineId) return null;
  const deadline = await core.storage.schedule.findDeadline(reminder.deadlineId);
  const load = deadline && LOADERS[deadline.subjectType];
  if (!deadline || !load) return null;
  const [topic, about] = await Promise.all([load(core, deadline), core.storage.people.findById(reminder.aboutId)]);
  return topic && about ? { ...topic, deadline, about } : null;
}
