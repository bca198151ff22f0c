import type { TimeOfDay, WorkingHours } from "./timescale.ts";

const DAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/**
 * Reads a person's working hours as written in the roster: "Mon-Fri 08:30-17:30",
 * "Mon,Tue,Thu 09:00-15:00". Returns the problem in words when it cannot.
 */
export function parseWorkingHours(spec: string): WorkingHours | { problem: string } {
  const match = /^\s*([A-Za-z,\- ]+?)\s+(\d{1,2}):(\d\d)\s*-\s*(\d{1,2}):(\d\d)\s*$/.exec(spec);
  if (!match) return { problem: `"${spec}" is not like "Mon-Fri 08:30-17:30"` };
  const days = new Set<number>();
  for (const part of match[1]!.toLowerCase().split(",").map((p) => p.trim())) {
    const [from, to] = part.split("-").map((d) => DAY_NAMES.indexOf(d.trim().slice(0, 3)) + 1);
    if (!from || (to !== undefined && !to)) return { problem: `"${part}" is not a day or range of days (Mon … Sun)` };
    for (let day = from; ; day = (day % 7) + 1) {
      days.add(day);
      if (day === (to ?? from)) break;
    }
  }
  const start = { hour: Number(match[2]), minute: Number(match[3]) };
  const end = { hour: Number(match[4]), minute: Number(match[5]) };
  if (!validTime(start) || !validTime(end)) return { problem: `"${spec}" has a time that does not exist` };
  if (minutes(start) >= minutes(end)) return { problem: `"${spec}" ends before it starts` };
  return { start, end, days: [...days].sort((a, b) => a - b) };
}

const minutes = (t: TimeOfDay): number => t.hour * 60 + t.minute;

const validTime = (t: TimeOfDay) => t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59;
