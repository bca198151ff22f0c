import { dueAfter } from "../calendar/due-after.ts";
import { deadlineId, type DeadlineRule, type DeadlineSubject } from "../domain/deadline.ts";
import { formatLondon } from "../domain/london-time.ts";
import type { OversightNote } from "../domain/note.ts";
import type { NoteKind } from "../domain/note-kinds.ts";
import type { Duration, PolicyProfile, RuleId } from "../policy/profile.ts";

/** A deadline as its subject (a note, a case, a supervision) now implies it, with who has to act on it. */
export interface PlannedDeadline {
  id: string;
  rule: DeadlineRule;
  subjectType: DeadlineSubject;
  subjectId: string;
  noteId: string | null;
  fromAt: Date;
  dueAt: Date;
  explain: string;
  source: string;
  /** When it was met, if it has been. */
  metAt: Date | null;
  /** Whoever still has to act: reminded before, told at breach. */
  responsibleIds: string[];
  /** Whether reminders run yet (a note goes on the case record only once recorded). */
  remind: boolean;
  /** Who is told at breach instead of the responsible person's line manager (an action's recorder). */
  escalateToId: string | null;
  /** Reminders ahead of it, when not the profile's `reminders.before` (a case's discussion: days ahead, not hours). */
  remindBefore?: readonly Duration[];
  /** People reminded and told at breach about whom no one is escalated (a supervisee, when their supervisor is). */
  noEscalationFor?: readonly string[];
}

/**
 * The rule a note's completion is measured by: allocation oversight has its own, shorter one
 * [002]; a group supervision note its own [000 group Standard Four], and a child's outcome of
 * it the same (it is complete when the group note is recorded).
 */
export function completionRule(kind: NoteKind): RuleId {
  if (kind === "allocation") return "allocation.oversight";
  return kind === "group-supervision" || kind === "group-outcome" ? "group.note-recorded" : "note.complete";
}

/** When a note discussed at `discussedAt` must be complete by (the 48-hour rule, or the profile's). */
export function completionDue(kind: NoteKind, discussedAt: Date, profile: PolicyProfile): Date {
  return dueAfter(discussedAt, profile.rules[completionRule(kind)].after, profile.workingHours).due;
}

/**
 * Every deadline a note has (docs/design.md#timescales): complete, on the case record, and each of
 * its actions with a due date once it is recorded (a draft's actions are not agreed yet).
 * A discarded draft has none: a sync cancels whatever it had, with their reminders.
 */
export function planNoteDeadlines(note: OversightNote, profile: PolicyProfile): PlannedDeadline[] {
  if (note.status === "discarded") return [];
  const discussedAt = note.fields.discussedAt;
  const recorderId = note.recorderId ?? note.createdById;
  const fromPolicy = (rule: RuleId, fromAt = discussedAt) => {
    const { due, explain } = dueAfter(fromAt, profile.rules[rule].after, profile.workingHours);
    return { rule, fromAt, dueAt: due, explain, source: profile.rules[rule].source };
  };
  const recorded = note.status !== "draft";
  // The practitioners put the note on the child's file; a manager who discussed it alone does it
  // themselves. A group note is the presenter's to record on the file [000 group Standard Four],
  // and so are its children's outcomes.
  const outcome = note.fields.kind === "group-outcome";
  const practitioners = note.fields.kind === "group-supervision" || outcome ? [] : note.fields.participantIds.filter((id) => id !== recorderId);
  const completion = completionRule(note.fields.kind);
  const planned: PlannedDeadline[] = [
    {
      id: deadlineId(completion, note.id),
      subjectType: "note",
      subjectId: note.id,
      noteId: note.id,
      ...fromPolicy(completion),
      metAt: note.recordedAt,
      responsibleIds: [recorderId],
      remind: true,
      escalateToId: null,
    },
    {
      id: deadlineId("note.on-case-record", note.id),
      subjectType: "note",
      subjectId: note.id,
      noteId: note.id,
      // A group note goes on the file as it is recorded [000 group Standard Four]: its own timescale.
      // A child's outcome of it exists only once the group note is recorded: the oversight
      // timescale runs from then, so an outcome is never born overdue.
      ...(note.fields.kind === "group-supervision" ? fromPolicy("group.note-recorded") : fromPolicy("note.on-case-record", outcome ? (note.recordedAt ?? discussedAt) : discussedAt)),
      rule: "note.on-case-record",
      metAt: note.onCaseRecordAt,
      responsibleIds: practitioners.length ? practitioners : [recorderId],
      remind: recorded,
      escalateToId: null,
    },
  ];
  if (!recorded) return planned;
  for (const action of note.actions) {
    if (!action.dueAt) continue;
    planned.push({
      id: deadlineId("action.due", action.id),
      rule: "action.due",
      subjectType: "action",
      subjectId: action.id,
      noteId: note.id,
      fromAt: discussedAt,
      dueAt: action.dueAt,
      explain: `Due date agreed in the note: ${formatLondon(action.dueAt)}`,
      source: "SMART action agreed in the note [002]",
      metAt: action.doneAt,
      responsibleIds: action.ownerId ? [action.ownerId] : [recorderId],
      remind: true,
      // Overdue actions are shown to the recorder (docs/design.md#reminders-and-escalation), unless they own it themselves.
      escalateToId: action.ownerId && action.ownerId !== recorderId ? recorderId : null,
    });
  }
  return planned;
}
