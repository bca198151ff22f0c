// When a supervisee's next formal supervision is due (docs/design.md#formal-supervision):
// the cadence that applies on a day (a newly qualified worker's steps from their start date, or
// everyone's), and the longest gap allowed since the last session held. All on London calendar
// days: a clock change moves no session, and bank holidays do not count here.
import { isoDate, parseLondonDate } from "../calendar/london-date.ts";
import { addPeriod } from "../calendar/period-after.ts";
import type { Cadence, Interval } from "../domain/supervision.ts";
import type { SupervisionPolicy } from "./profile.ts";

/** What the cadence needs of a person (roster started_on and newly_qualified). */
export interface SuperviseeFacts {
  /** London day they started ("2026-09-01"), or null when the roster does not say. */
  startedOn: string | null;
  newlyQualified: boolean;
}

/** `date` plus an interval `times` over: weeks as 7 days; months as the same date next month (31 Jan + 1 month → 28 Feb). */
export function addInterval(date: string, interval: Interval, times = 1): string {
  const period = "weeks" in interval ? { weeks: interval.weeks * times } : { months: interval.months * times };
  return isoDate(addPeriod(parseLondonDate(date), period).day);
}

/** The cadence a person is supervised at: the newly qualified one for an NQSW, else everyone's. */
export function cadenceFor(person: SuperviseeFacts, policy: SupervisionPolicy): Cadence {
  return person.newlyQualified ? policy.newlyQualified : policy.usual;
}

/** The interval that applies after a session on `date`: the first step whose end is still ahead, or the cadence's `then`. */
export function intervalAfter(date: string, person: SuperviseeFacts, policy: SupervisionPolicy): Interval {
  const cadence = cadenceFor(person, policy);
  if (!person.startedOn) return cadence.then;
  for (const step of cadence.steps) if (date < addInterval(person.startedOn, step.until)) return step.every;
  return cadence.then;
}

/** The day the session after one on `date` is due: by the cadence, and never later than the longest gap allowed. */
export function nextDue(date: string, person: SuperviseeFacts, policy: SupervisionPolicy): string {
  const byCadence = addInterval(date, intervalAfter(date, person, policy));
  const byGap = latestAllowed(date, policy);
  return byCadence < byGap ? byCadence : byGap;
}

/** The latest day the next session may be after one held on `date` [003 4.2]. */
export function latestAllowed(lastHeld: string, policy: SupervisionPolicy): string {
  return addInterval(lastHeld, policy.maxGap.after);
}
