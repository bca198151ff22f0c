import { describe, expect, it } from "vitest";
import { addWorkingDays, bankHoliday, isoDate, isWorkingDay, parseLondonDate, walkWorkingDays } from "../../src/calendar/index.ts";

const d = parseLondonDate;

describe("bank holidays (England & Wales, from date-holidays)", () => {
  it.each([
    ["2026-04-03", "Good Friday"],
    ["2026-04-06", "Easter Monday"],
    ["2026-12-25", "Christmas Day"],
    ["2026-12-28", "Boxing Day (substitute day)"],
    ["2027-12-27", "Christmas Day (substitute day)"],
    ["2027-12-28", "Boxing Day (substitute day)"],
    ["2028-01-03", "New Year's Day (substitute day)"],
  ])("%s is %s", (date, name) => {
    expect(bankHoliday(d(date))).toBe(name);
    expect(isWorkingDay(d(date))).toBe(false);
  });

  it("lists the weekend date too, which is no working day anyway", () => {
    expect(bankHoliday(d("2026-12-26"))).toBe("Boxing Day");
    expect(isWorkingDay(d("2026-12-26"))).toBe(false);
  });

  it.each(["2026-04-02", "2026-04-07", "2026-12-24", "2026-12-29", "2027-12-29", "2028-01-04", "2026-03-30", "2026-10-26"])(
    "%s is an ordinary working day",
    (date) => {
      expect(bankHoliday(d(date))).toBeNull();
      expect(isWorkingDay(d(date))).toBe(true);
    },
  );

  it("skips weekends and weekdays the hours leave out; never counts a weekend even if listed", () => {
    expect(isWorkingDay(d("2026-03-28"))).toBe(false); // Saturday
    expect(isWorkingDay(d("2026-03-29"))).toBe(false); // Sunday, the clocks go forward
    expect(isWorkingDay(d("2026-06-05"), [1, 2, 3, 4])).toBe(false); // a Friday, not worked
    expect(isWorkingDay(d("2026-06-06"), [1, 2, 3, 4, 5, 6])).toBe(false); // Saturday stays off
  });
});

describe("adding working days", () => {
  it.each([
    // [from, n, expected, skipped bank holidays]
    ["2026-12-23", 5, "2027-01-04", ["2026-12-25", "2026-12-28", "2027-01-01"]],
    ["2026-04-02", 1, "2026-04-07", ["2026-04-03", "2026-04-06"]], // Maundy Thursday → Tuesday after Easter
    ["2026-04-01", 2, "2026-04-07", ["2026-04-03", "2026-04-06"]],
    ["2027-12-24", 1, "2027-12-29", ["2027-12-27", "2027-12-28"]],
    ["2027-12-31", 1, "2028-01-04", ["2028-01-03"]],
    ["2026-03-27", 1, "2026-03-30", []], // over the spring clock change
    ["2026-10-23", 1, "2026-10-26", []], // over the autumn clock change
    ["2026-03-28", 1, "2026-03-30", []], // Saturday: Monday is working day 1
    ["2026-03-29", 1, "2026-03-30", []], // Sunday: likewise
    ["2026-06-01", 5, "2026-06-08", []],
  ])("%s + %i working days = %s", (from, n, expected, skipped) => {
    const walk = walkWorkingDays(d(from), n);
    expect(isoDate(walk.date)).toBe(expected);
    expect(walk.skippedHolidays.map(isoDate)).toEqual(skipped);
    expect(isoDate(addWorkingDays(d(from), n))).toBe(expected);
  });

  it("counts backwards for negative N (an action reminder one working day before)", () => {
    expect(isoDate(addWorkingDays(d("2026-04-07"), -1))).toBe("2026-04-02");
    expect(isoDate(addWorkingDays(d("2027-01-04"), -1))).toBe("2026-12-31");
    expect(isoDate(addWorkingDays(d("2026-03-30"), -1))).toBe("2026-03-27");
  });

  it("a four-day week counts only the days worked", () => {
    expect(isoDate(addWorkingDays(d("2026-06-04"), 1, [1, 2, 3, 4]))).toBe("2026-06-08");
  });

  it("refuses working days that never come round", () => {
    expect(() => addWorkingDays(d("2026-06-04"), 1, [6, 7])).toThrow(expect.objectContaining({ code: "CALENDAR.NO_WORKING_DAYS" }));
  });
});
