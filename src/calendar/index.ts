// The working-day calendar: bank holidays, working days, working hours and due dates,
// all in Europe/London whatever the process's TZ.
export { bankHoliday } from "./bank-holidays.ts";
export { clockChangesBetween, type ClockChange } from "./clock-changes.ts";
export { dueAfter, type Due } from "./due-after.ts";
export { addDays, compareDates, formatDay, isoDate, isoWeekday, londonDateOf, parseLondonDate, type LondonDate } from "./london-date.ts";
export { addWorkingDays, isWorkingDay, MONDAY_TO_FRIDAY, walkWorkingDays, type WorkingDayWalk } from "./working-days.ts";
export { atLondonTime, isWithinWorkingHours, lastWorkingMomentBefore, nextWorkingStart, workingPeriod } from "./working-hours.ts";
