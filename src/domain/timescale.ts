// The words of timescales: rule ids, durations and working hours, which policy profiles
// give values to and the domain reasons with.

/** Rule ids, used in profiles, the CLI and the database. */
export const RULE_IDS = [
  "note.complete",
  "note.on-case-record",
  "allocation.oversight",
  "supervision.notes-circulated",
  "supervision.notes-signed",
  "case-supervision.on-case-record",
  "group.note-recorded",
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/** Elapsed real hours, or working days (end of working hours on the Nth working day after). */
export type Duration = { hours: number } | { workingDays: number };

/** A London wall-clock time of day. */
export interface TimeOfDay {
  hour: number;
  minute: number;
}

export interface WorkingHours {
  start: TimeOfDay;
  end: TimeOfDay;
  /** ISO weekdays worked: 1 = Monday … 7 = Sunday. */
  days: number[];
}

/**
 * A calendar period: days or weeks are counted on the calendar from a London day; months land on
 * the same date that many months on (the month's last day when it has no such date).
 */
export type CalendarPeriod = { days: number } | { weeks: number } | { months: number };
