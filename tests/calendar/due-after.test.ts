import { afterEach, describe, expect, it } from "vitest";
import { dueAfter } from "../../src/calendar/index.ts";
import type { WorkingHours } from "../../src/policy/profile.ts";

const hours: WorkingHours = { start: { hour: 8, minute: 30 }, end: { hour: 17, minute: 30 }, days: [1, 2, 3, 4, 5] };
const at = (iso: string) => new Date(iso);

describe("due after N hours: elapsed real hours", () => {
  it("48 hours across the spring clock change are 48 real hours (49 on the wall clock)", () => {
    const { due, explain } = dueAfter(at("2026-03-28T10:00:00Z"), { hours: 48 }, hours);
    expect(due.toISOString()).toBe("2026-03-30T10:00:00.000Z");
    expect(explain).toBe("48 hours after Sat 28 Mar 2026 10:00: Mon 30 Mar 2026 11:00 (the clocks went forward on Sun 29 Mar)");
  });

  it("48 hours across the autumn clock change are 48 real hours (47 on the wall clock)", () => {
    const { due, explain } = dueAfter(at("2026-10-24T09:00:00Z"), { hours: 48 }, hours); // 10:00 BST
    expect(due.toISOString()).toBe("2026-10-26T09:00:00.000Z");
    expect(explain).toBe("48 hours after Sat 24 Oct 2026 10:00: Mon 26 Oct 2026 09:00 (the clocks went back on Sun 25 Oct)");
  });

  it("says nothing of clocks when none change", () => {
    const { due, explain } = dueAfter(at("2026-11-23T14:10:00Z"), { hours: 48 }, hours);
    expect(due.toISOString()).toBe("2026-11-25T14:10:00.000Z");
    expect(explain).toBe("48 hours after Mon 23 Nov 2026 14:10: Wed 25 Nov 2026 14:10");
  });

  it("ignores weekends and bank holidays: hours are hours", () => {
    const { due, explain } = dueAfter(at("2026-12-24T16:00:00Z"), { hours: 24 }, hours);
    expect(due.toISOString()).toBe("2026-12-25T16:00:00.000Z");
    expect(explain).toBe("24 hours after Thu 24 Dec 2026 16:00: Fri 25 Dec 2026 16:00");
  });

  it("names a change in the small hours of the clock-change night itself", () => {
    const { due, explain } = dueAfter(at("2026-03-29T00:30:00Z"), { hours: 1 }, hours);
    expect(due.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(explain).toBe("1 hour after Sun 29 Mar 2026 00:30: Sun 29 Mar 2026 02:30 (the clocks went forward on Sun 29 Mar)");
  });
});

describe("due after N working days: end of hours on the Nth working day after the London day", () => {
  it("docs/design.md's example, word for word", () => {
    const { due, explain } = dueAfter(at("2026-12-23T11:00:00Z"), { workingDays: 5 }, hours);
    expect(due.toISOString()).toBe("2027-01-04T17:30:00.000Z");
    expect(explain).toBe("5 working days after Wed 23 Dec 2026, skipping 25 Dec, 28 Dec and 1 Jan: end of Mon 4 Jan 2027");
  });

  it("over Easter 2026: Good Friday and Easter Monday are skipped", () => {
    const { due, explain } = dueAfter(at("2026-04-02T09:00:00Z"), { workingDays: 2 }, hours);
    expect(due.toISOString()).toBe("2026-04-08T16:30:00.000Z"); // 17:30 BST
    expect(explain).toBe("2 working days after Thu 2 Apr 2026, skipping 3 Apr and 6 Apr: end of Wed 8 Apr 2026");
  });

  it("over Christmas 2027, with both substitute days, and into 2028's substitute New Year", () => {
    expect(dueAfter(at("2027-12-23T12:00:00Z"), { workingDays: 2 }, hours)).toEqual({
      due: at("2027-12-29T17:30:00Z"),
      explain: "2 working days after Thu 23 Dec 2027, skipping 27 Dec and 28 Dec: end of Wed 29 Dec 2027",
    });
    expect(dueAfter(at("2027-12-30T12:00:00Z"), { workingDays: 2 }, hours)).toEqual({
      due: at("2028-01-04T17:30:00Z"),
      explain: "2 working days after Thu 30 Dec 2027, skipping 3 Jan: end of Tue 4 Jan 2028",
    });
  });

  it("across the spring clock change the end of hours is 17:30 BST", () => {
    const { due, explain } = dueAfter(at("2026-03-27T12:00:00Z"), { workingDays: 1 }, hours);
    expect(due.toISOString()).toBe("2026-03-30T16:30:00.000Z");
    expect(explain).toBe("1 working day after Fri 27 Mar 2026: end of Mon 30 Mar 2026");
  });

  it("across the autumn clock change the end of hours is 17:30 GMT", () => {
    const { due } = dueAfter(at("2026-10-23T12:00:00Z"), { workingDays: 1 }, hours);
    expect(due.toISOString()).toBe("2026-10-26T17:30:00.000Z");
  });

  it.each([
    ["Saturday", "2026-06-06T10:00:00Z", "2026-06-08T16:30:00.000Z"],
    ["Sunday", "2026-06-07T10:00:00Z", "2026-06-08T16:30:00.000Z"],
    ["Friday 23:30 BST", "2026-06-05T22:30:00Z", "2026-06-08T16:30:00.000Z"],
    ["Friday 23:30 GMT", "2026-11-27T23:30:00Z", "2026-11-30T17:30:00.000Z"],
    // 00:30 BST on Saturday is Friday 23:30 UTC: the London day (Saturday) counts.
    ["Saturday 00:30 BST", "2026-06-05T23:30:00Z", "2026-06-08T16:30:00.000Z"],
    // 00:30 BST on Tuesday is Monday in UTC: working day 1 is Wednesday, not Tuesday.
    ["Tuesday 00:30 BST", "2026-06-01T23:30:00Z", "2026-06-03T16:30:00.000Z"],
  ])("an event on %s: working day 1 is the next working London day", (_when, from, due) => {
    expect(dueAfter(at(from), { workingDays: 1 }, hours).due.toISOString()).toBe(due);
  });

  it("ends at the profile's end of hours", () => {
    const early = { ...hours, end: { hour: 16, minute: 0 } };
    expect(dueAfter(at("2026-12-01T10:00:00Z"), { workingDays: 1 }, early).due.toISOString()).toBe("2026-12-02T16:00:00.000Z");
  });

  it("refuses an invalid event time", () => {
    expect(() => dueAfter(new Date("nonsense"), { hours: 1 }, hours)).toThrow(expect.objectContaining({ code: "CALENDAR.INVALID_DATE" }));
  });
});

describe("whatever the process TZ", () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it.each([
    ["America/New_York", 240],
    ["Asia/Kolkata", -330],
    ["Pacific/Chatham", -765],
    ["UTC", 0],
  ])("gives the same answers under TZ=%s", (tz, june) => {
    process.env.TZ = tz;
    expect(new Date("2026-06-01T12:00:00Z").getTimezoneOffset()).toBe(june); // the zone really changed
    expect(dueAfter(at("2026-06-01T23:30:00Z"), { workingDays: 1 }, hours).due.toISOString()).toBe("2026-06-03T16:30:00.000Z");
    expect(dueAfter(at("2026-12-23T11:00:00Z"), { workingDays: 5 }, hours).explain).toBe(
      "5 working days after Wed 23 Dec 2026, skipping 25 Dec, 28 Dec and 1 Jan: end of Mon 4 Jan 2027",
    );
    expect(dueAfter(at("2026-03-28T10:00:00Z"), { hours: 48 }, hours).explain).toBe(
      "48 hours after Sat 28 Mar 2026 10:00: Mon 30 Mar 2026 11:00 (the clocks went forward on Sun 29 Mar)",
    );
  });
});
