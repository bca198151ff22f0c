// When a timescale rule falls due (docs/design.md#timescales), with one English sentence saying why, so
// a person can check the bot's arithmetic (docs/design.md#command-line).
import { AppError } from "../domain/errors.ts";
import { formatLondon } from "../domain/london-time.ts";
import type { Duration, WorkingHours } from "../domain/timescale.ts";
import { clockChangesBetween } from "./clock-changes.ts";
import { formatDay, londonDateOf } from "./london-date.ts";
import { atLondonTime } from "./working-hours.ts";
import { walkWorkingDays } from "./working-days.ts";

export interface Due {
  due: Date;
  /** e.g. "5 working days after Wed 23 Dec 2026, skipping 25 Dec, 28 Dec and 1 Jan: end of Mon 4 Jan 2027" */
  explain: string;
}

/**
 * Hours are elapsed real hours (48 h across the spring clock change are 48 h, shown as
 * 49 on the wall clock). N working days is the end of working hours on the Nth working
 * day strictly after the event's London calendar day.
 */
export function dueAfter(from: Date, after: Duration, hours: WorkingHours): Due {
  if (Number.isNaN(from.getTime())) throw new AppError("CALENDAR.INVALID_DATE", "The event time is not a real date");
  return "hours" in after ? hoursAfter(from, after.hours) : workingDaysAfter(from, after.workingDays, hours);
}

function hoursAfter(from: Date, hours: number): Due {
  const due = new Date(from.getTime() + hours * 3_600_000);
  const changes = clockChangesBetween(from, due).map(
    (change, i) => `${i === 0 ? "the clocks went " : ""}${change.direction} on ${formatDay(change.date, { year: false })}`,
  );
  const note = changes.length ? ` (${listed(changes)})` : "";
  return { due, explain: `${plural(hours, "hour")} after ${formatLondon(from)}: ${formatLondon(due)}${note}` };
}

function workingDaysAfter(from: Date, n: number, hours: WorkingHours): Due {
  const event = londonDateOf(from);
  const { date, skippedHolidays } = walkWorkingDays(event, n, hours.days);
  const skipping = skippedHolidays.length
    ? `, skipping ${listed(skippedHolidays.map((d) => formatDay(d, { weekday: false, year: false })))}`
    : "";
  return {
    due: atLondonTime(date, hours.end),
    explain: `${plural(n, "working day")} after ${formatDay(event)}${skipping}: end of ${formatDay(date)}`,
  };
}

/** "a", "a and b", "a, b and c" */
function listed(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}
