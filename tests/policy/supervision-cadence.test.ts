import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkProfileFile, loadProfile, listProfiles } from "../../src/policy/load-profile.ts";
import { addInterval, intervalAfter, latestAllowed, nextDue } from "../../src/policy/supervision-cadence.ts";
import { sessionDueAt } from "../../src/services/supervision-deadlines.ts";

const dflt = loadProfile("default").supervision;
const sglos = loadProfile("south-gloucestershire").supervision;
const stoke = loadProfile("stoke-on-trent").supervision;

/** The days of the next `n` sessions after `from`, each due by the cadence from the one before. */
function chain(from: string, n: number, person: { startedOn: string | null; newlyQualified: boolean }, policy = dflt): string[] {
  const days: string[] = [];
  for (let day = from; days.length < n; ) days.push((day = nextDue(day, person, policy)));
  return days;
}

describe("formal supervision cadence", () => {
  it("a newly qualified worker: weekly for 6 weeks, fortnightly to 6 months, then monthly [001 8.1, 004 §10]", () => {
    const nqsw = { startedOn: "2026-09-07", newlyQualified: true };
    const days = chain("2026-09-07", 16, nqsw);
    // Weekly while inside the first 6 weeks (to 19 Oct).
    expect(days.slice(0, 6)).toEqual(["2026-09-14", "2026-09-21", "2026-09-28", "2026-10-05", "2026-10-12", "2026-10-19"]);
    // From 19 Oct (6 weeks) fortnightly until 7 Mar (6 months).
    expect(days.slice(6, 16)).toEqual(["2026-11-02", "2026-11-16", "2026-11-30", "2026-12-14", "2026-12-28", "2027-01-11", "2027-01-25", "2027-02-08", "2027-02-22", "2027-03-08"]);
    // After 6 months: the same date next month.
    expect(nextDue("2027-03-08", nqsw, dflt)).toBe("2027-04-08");
    expect(intervalAfter("2026-10-18", nqsw, dflt)).toEqual({ weeks: 1 });
    expect(intervalAfter("2026-10-19", nqsw, dflt)).toEqual({ weeks: 2 });
    expect(intervalAfter("2027-03-07", nqsw, dflt)).toEqual({ months: 1 });
  });

  it("everyone else: every 4 weeks by default [003 4.1], monthly in Stoke-on-Trent [004 §10], whatever their start date", () => {
    const worker = { startedOn: "2026-11-01", newlyQualified: false };
    expect(chain("2026-11-23", 3, worker)).toEqual(["2026-12-21", "2027-01-18", "2027-02-15"]);
    expect(chain("2026-11-23", 3, { startedOn: null, newlyQualified: false }, stoke)).toEqual(["2026-12-23", "2027-01-23", "2027-02-23"]);
  });

  it("South Gloucestershire: weekly for 4 weeks, fortnightly for the next 4, then every 4 weeks [000 Standard One]", () => {
    const starter = { startedOn: "2026-11-02", newlyQualified: false };
    expect(chain("2026-11-02", 7, starter, sglos)).toEqual(["2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30", "2026-12-14", "2026-12-28", "2027-01-25"]);
    // A newly qualified worker there is supervised the same: the standard names NQSWs among everyone.
    expect(chain("2026-11-02", 7, { ...starter, newlyQualified: true }, sglos)).toEqual(chain("2026-11-02", 7, starter, sglos));
  });

  it("never lets the next session fall more than 2 months after the last [003 4.2], counting months as calendar months", () => {
    expect(latestAllowed("2026-11-23", dflt)).toBe("2027-01-23");
    expect(latestAllowed("2026-12-31", dflt)).toBe("2027-02-28");
    // A profile whose cadence is longer than the gap is capped by the gap.
    const slow = { ...dflt, usual: { steps: [], then: { months: 3 }, source: "test" } };
    expect(nextDue("2026-11-23", { startedOn: null, newlyQualified: false }, slow)).toBe("2027-01-23");
    expect(addInterval("2027-01-31", { months: 1 })).toBe("2027-02-28");
    expect(addInterval("2028-01-31", { months: 1 })).toBe("2028-02-29");
  });

  it("a session is due by the end of working hours on its London day, across the clock changes", () => {
    const profile = loadProfile("default");
    // Before and after the spring change (28 Mar 2027) and the autumn one (31 Oct 2027): 17:30 London each time.
    expect(sessionDueAt("2027-03-26", profile).toISOString()).toBe("2027-03-26T17:30:00.000Z");
    expect(sessionDueAt("2027-03-29", profile).toISOString()).toBe("2027-03-29T16:30:00.000Z");
    expect(sessionDueAt("2027-11-01", profile).toISOString()).toBe("2027-11-01T17:30:00.000Z");
    // Four weeks on from the Friday before the spring change is still a Friday: no day lost or gained.
    expect(nextDue("2027-03-19", { startedOn: null, newlyQualified: false }, dflt)).toBe("2027-04-16");
  });

  it("every shipped profile has the section, each part citing its source", () => {
    for (const id of listProfiles()) {
      const { supervision } = loadProfile(id);
      for (const part of [supervision.usual, supervision.newlyQualified, supervision.maxGap, supervision.planAhead, supervision.agreement, supervision.caseRecord]) {
        expect(part.source, `${id}`).toMatch(/^(\[00\d|No policy|Only Merton)/);
      }
    }
    expect(loadProfile("merton").supervision.caseRecord.required).toBe(true);
    expect(loadProfile("kent").supervision.caseRecord.required).toBe(false);
  });

  it("an authority's own profile sets a part of the section whole, with its source, or is told what is wrong on which line", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "supervision-profile-"));
    const file = (name: string, text: string) => {
      const full = path.join(dir, name);
      writeFileSync(full, text);
      return full;
    };
    const good = checkProfileFile(file("six-weekly.yaml", "id: six-weekly\nname: Six\nsupervision:\n  usual:\n    steps: []\n    then: { weeks: 6 }\n    source: \"our own policy 2.1\"\n"));
    expect(good.ok && good.profile.supervision.usual.then).toEqual({ weeks: 6 });
    expect(good.ok && good.profile.supervision.maxGap).toEqual(dflt.maxGap);
    const noSource = checkProfileFile(file("no-source.yaml", "id: no-source\nname: X\nsupervision:\n  maxGap:\n    after: { months: 3 }\n"));
    expect(!noSource.ok && noSource.error.message).toMatch(/line 4: supervision\.maxGap\.source is required: cite the policy paragraph/);
    const both = checkProfileFile(file("both.yaml", "id: both\nname: X\nsupervision:\n  usual:\n    steps: []\n    then: { weeks: 4, months: 1 }\n    source: x\n"));
    expect(!both.ok && both.error.message).toMatch(/line 6: supervision\.usual\.then must set exactly one of weeks or months/);
  });
});
