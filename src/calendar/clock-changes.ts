// Clock changes between two instants, so an "N hours after" explanation can say why the
// wall clock moved by more or less than N.
import { londonOffsetMinutes } from "../domain/london-time.ts";
import { londonDateOf, type LondonDate } from "./london-date.ts";

export interface ClockChange {
  /** The first instant on the new offset (01:00 UTC on the last Sunday of March/October). */
  at: Date;
  direction: "forward" | "back";
  /** The London day it happened on. */
  date: LondonDate;
}

const DAY_MS = 86_400_000;

/** Clock changes in the half-open span (from, to]. */
export function clockChangesBetween(from: Date, to: Date): ClockChange[] {
  const changes: ClockChange[] = [];
  // London changes at most twice a year, months apart: one per day-long step at most.
  for (let lo = from.getTime(); lo < to.getTime(); lo += DAY_MS) {
    const hi = Math.min(lo + DAY_MS, to.getTime());
    const before = londonOffsetMinutes(new Date(lo));
    const after = londonOffsetMinutes(new Date(hi));
    if (before === after) continue;
    const at = firstInstantWithOffset(lo, hi, after);
    changes.push({ at, direction: after > before ? "forward" : "back", date: londonDateOf(at) });
  }
  return changes;
}

/** Binary search to the minute for the first instant in (lo, hi] on `offset`. */
function firstInstantWithOffset(lo: number, hi: number, offset: number): Date {
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (londonOffsetMinutes(new Date(mid)) === offset) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}
