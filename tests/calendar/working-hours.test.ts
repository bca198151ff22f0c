import { describe, expect, it } from "vitest";
import { isWithinWorkingHours, lastWorkingMomentBefore, nextWorkingStart } from "../../src/calendar/index.ts";
import type { WorkingHours } from "../../src/policy/profile.ts";

const hours: WorkingHours = { start: { hour: 8, minute: 30 }, end: { hour: 17, minute: 30 }, days: [1, 2, 3, 4, 5] };
const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

describe("working hours [start, end], in London", () => {
  it.each([
    ["2026-06-01T07:30:00.000Z", true], // Mon 08:30 BST: the start
    ["2026-06-01T07:29:59.999Z", false],
    ["2026-06-01T16:30:00.000Z", true], // Mon 17:30 BST: the exact end is the last working moment
    ["2026-06-01T16:30:00.001Z", false],
    ["2026-12-01T08:30:00.000Z", true], // Tue 08:30 GMT
    ["2026-12-01T07:30:00.000Z", false], // 07:30 GMT: 08:30 only in summer
    ["2026-06-06T10:00:00.000Z", false], // Saturday
    ["2026-04-03T10:00:00.000Z", false], // Good Friday
  ])("%s within hours: %s", (instant, within) => {
    expect(isWithinWorkingHours(at(instant), hours)).toBe(within);
  });

  it("a weekend day counts when a person's hours list it", () => {
    expect(isWithinWorkingHours(at("2026-06-06T10:00:00Z"), { ...hours, days: [6, 7] })).toBe(true);
  });
});

describe("next working start", () => {
  it.each([
    ["within hours: the instant itself", "2026-06-01T10:00:00.000Z", "2026-06-01T10:00:00.000Z"],
    ["early morning: today's start", "2026-06-01T05:00:00.000Z", "2026-06-01T07:30:00.000Z"],
    ["Friday evening: Monday 08:30", "2026-06-05T18:00:00.000Z", "2026-06-08T07:30:00.000Z"],
    ["over the spring clock change: Monday 08:30 BST", "2026-03-27T19:00:00.000Z", "2026-03-30T07:30:00.000Z"],
    ["over the autumn clock change: Monday 08:30 GMT", "2026-10-23T19:00:00.000Z", "2026-10-26T08:30:00.000Z"],
    ["over Easter: the Tuesday", "2026-04-02T18:00:00.000Z", "2026-04-07T07:30:00.000Z"],
    ["over Christmas 2026: Tuesday 29 Dec", "2026-12-24T18:00:00.000Z", "2026-12-29T08:30:00.000Z"],
  ])("%s", (_case, instant, expected) => {
    expect(iso(nextWorkingStart(at(instant), hours))).toBe(expected);
  });
});

describe("last working moment before", () => {
  it.each([
    ["within hours: the instant itself", "2026-06-01T10:00:00.000Z", "2026-06-01T10:00:00.000Z"],
    ["evening: today's end", "2026-06-01T20:00:00.000Z", "2026-06-01T16:30:00.000Z"],
    ["Monday before work: Friday's end", "2026-06-08T06:00:00.000Z", "2026-06-05T16:30:00.000Z"],
    ["Tuesday after Easter before work: Maundy Thursday's end", "2026-04-07T06:00:00.000Z", "2026-04-02T16:30:00.000Z"],
    ["Monday after the autumn change: Friday 17:30 BST", "2026-10-26T07:00:00.000Z", "2026-10-23T16:30:00.000Z"],
  ])("%s", (_case, instant, expected) => {
    expect(iso(lastWorkingMomentBefore(at(instant), hours))).toBe(expected);
  });
});

describe("quiet hours as the scheduler applies them (docs/design.md#reminders-and-escalation)", () => {
  /** A reminder outside working hours moves to the next start, unless that is after the deadline. */
  function quiet(reminder: Date, deadline: Date): Date {
    if (isWithinWorkingHours(reminder, hours)) return reminder;
    const next = nextWorkingStart(reminder, hours);
    return next <= deadline ? next : lastWorkingMomentBefore(deadline, hours);
  }

  it("a Sunday reminder for a Monday 10:00 deadline goes at Monday 08:30", () => {
    expect(iso(quiet(at("2026-06-07T06:00:00Z"), at("2026-06-08T09:00:00Z")))).toBe("2026-06-08T07:30:00.000Z");
  });

  it("a Sunday reminder for a Monday 08:00 deadline goes at Friday's end of hours", () => {
    expect(iso(quiet(at("2026-06-07T04:00:00Z"), at("2026-06-08T07:00:00Z")))).toBe("2026-06-05T16:30:00.000Z");
  });
});
