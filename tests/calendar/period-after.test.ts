import { describe, expect, it } from "vitest";
import { parseLondonDate } from "../../src/calendar/london-date.ts";
import { periodAfter } from "../../src/calendar/period-after.ts";
import type { CalendarPeriod, WorkingHours } from "../../src/domain/timescale.ts";

const HOURS: WorkingHours = { start: { hour: 8, minute: 30 }, end: { hour: 17, minute: 30 }, days: [1, 2, 3, 4, 5] };

describe("a calendar period from a London day", () => {
  it.each<[string, CalendarPeriod, string, string]>([
    ["2026-12-07", { weeks: 4 }, "2027-01-04T17:30:00.000Z", "4 weeks after Mon 7 Dec 2026: end of Mon 4 Jan 2027"],
    // New Year's Day is a bank holiday: the working day before.
    ["2026-12-04", { weeks: 4 }, "2026-12-31T17:30:00.000Z", "4 weeks after Fri 4 Dec 2026 is Fri 1 Jan 2027, New Year's Day: end of Thu 31 Dec 2026"],
    // Easter Monday 2027 is 29 March; Good Friday 26 March: back to Thursday.
    ["2027-02-01", { weeks: 8 }, "2027-03-25T17:30:00.000Z", "8 weeks after Mon 1 Feb 2027 is Mon 29 Mar 2027, Easter Monday: end of Thu 25 Mar 2027"],
    // A Saturday: back to Friday.
    ["2026-11-07", { weeks: 4 }, "2026-12-04T17:30:00.000Z", "4 weeks after Sat 7 Nov 2026 is Sat 5 Dec 2026, not a working day: end of Fri 4 Dec 2026"],
    // Monthly: the same date next month, or the month's last day.
    ["2027-01-31", { months: 1 }, "2027-02-26T17:30:00.000Z", "1 month after Sun 31 Jan 2027 (28 Feb 2027, the month's last day) is Sun 28 Feb 2027, not a working day: end of Fri 26 Feb 2027"],
    ["2026-12-15", { months: 1 }, "2027-01-15T17:30:00.000Z", "1 month after Tue 15 Dec 2026: end of Fri 15 Jan 2027"],
    // Across the spring clock change: 17:30 in London is 16:30 UTC in summer time.
    ["2027-03-15", { days: 10 }, "2027-03-25T17:30:00.000Z", "10 days after Mon 15 Mar 2027: end of Thu 25 Mar 2027"],
    ["2027-03-15", { weeks: 3 }, "2027-04-05T16:30:00.000Z", "3 weeks after Mon 15 Mar 2027: end of Mon 5 Apr 2027"],
  ])("%s + %j → %s", (from, period, due, explain) => {
    const result = periodAfter(parseLondonDate(from), period, HOURS);
    expect({ due: result.due.toISOString(), explain: result.explain }).toEqual({ due, explain });
  });
});
