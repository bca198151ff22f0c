import type { CalendarPeriod, Duration } from "./timescale.ts";

/**
 * How often a case of one category must be discussed (docs/design.md#the-case-register), with the
 * policy paragraph behind it. Example (Merton's children looked after [001 §9]):
 * { name: "Child looked after", every: { weeks: 8 }, extended: { every: { weeks: 12 }, agreedBy: "head-of-service", source }, source }.
 */
export interface CategoryFrequency {
  /** How people name it, e.g. "Child in need". */
  name: string;
  /** From one discussion to the next. */
  every: CalendarPeriod;
  /** The first discussion, counted from the day the case entered the category (an assessment's 10 days), when it differs. */
  first?: CalendarPeriod;
  /** A longer period someone may agree for one case, with their rationale recorded. */
  extended?: { every: CalendarPeriod; agreedBy: string; source: string };
  source: string;
}

/** A profile's case discussion settings: a frequency per category, and when people are reminded ahead. */
export interface CaseDiscussionRules {
  /** Category id (lower-case, e.g. "cin", "cp", "cla") → its frequency. */
  categories: Record<string, CategoryFrequency>;
  /** Reminders ahead of a case's discussion date, e.g. [{ workingDays: 5 }, { workingDays: 1 }]. */
  remindBefore: Duration[];
  source: string;
}
