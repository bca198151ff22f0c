import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readLondonDateTime } from "../../src/capture/dates.ts";

type Row = [text: string, now: string, opts: { forwardDates?: boolean; defaultTime?: { hour: number; minute: number } }, expected: string | null, certainTime?: boolean];

// Clock changes 2026: forward Sun 29 Mar 01:00 GMT, back Sun 25 Oct 02:00 BST.
const ROWS: Row[] = [
  // due dates (forward, default time 17:30)
  ["review Monday", "2026-03-28T10:00:00Z", {}, "2026-03-30T16:30:00.000Z", false],
  ["in 2 days at 3pm", "2026-10-24T10:00:00Z", {}, "2026-10-26T15:00:00.000Z", true],
  ["in 2 weeks at 3pm", "2026-03-20T10:00:00Z", {}, "2026-04-03T14:00:00.000Z", true],
  ["tomorrow 5pm", "2026-03-28T10:00:00Z", {}, "2026-03-29T16:00:00.000Z", true],
  ["tomorrow", "2026-10-24T22:00:00Z", {}, "2026-10-25T17:30:00.000Z", false],
  ["tomorrow 5pm", "2026-07-01T23:30:00Z", {}, "2026-07-03T16:00:00.000Z", true], // 00:30 BST on 2 July
  ["by Friday", "2026-11-27T15:30:00Z", {}, "2026-12-04T17:30:00.000Z", false], // said on a Friday afternoon
  ["by Friday", "2026-11-27T08:00:00Z", {}, "2026-12-04T17:30:00.000Z", false], // said on a Friday morning
  ["this Friday", "2026-11-27T08:00:00Z", {}, "2026-11-27T17:30:00.000Z", false],
  ["next Tuesday", "2026-11-25T12:00:00Z", {}, "2026-12-01T17:30:00.000Z", false],
  ["Fri 5pm", "2026-11-23T12:00:00Z", {}, "2026-11-27T17:00:00.000Z", true],
  ["25/11", "2026-11-23T12:00:00Z", {}, "2026-11-25T17:30:00.000Z", false],
  ["3/4", "2026-01-10T12:00:00Z", {}, "2026-04-03T16:30:00.000Z", false], // 3 April, BST
  ["5/1", "2026-12-30T10:00:00Z", {}, "2027-01-05T17:30:00.000Z", false],
  ["25 Nov at 10:30", "2026-11-23T12:00:00Z", {}, "2026-11-25T10:30:00.000Z", true],
  ["end of week", "2026-03-28T10:00:00Z", {}, "2026-04-03T16:30:00.000Z", false], // Saturday → next Friday, BST
  ["end of the week", "2026-11-23T12:00:00Z", {}, "2026-11-27T17:30:00.000Z", false],
  ["end of next week", "2026-11-23T12:00:00Z", {}, "2026-12-04T17:30:00.000Z", false],
  ["EOD", "2026-11-23T12:00:00Z", {}, "2026-11-23T17:30:00.000Z", false],
  ["end of month", "2026-02-10T12:00:00Z", {}, "2026-02-28T17:30:00.000Z", false],
  ["by 4pm", "2026-11-23T17:00:00Z", {}, "2026-11-24T16:00:00.000Z", true], // already past today → tomorrow
  ["at 3", "2026-11-23T09:00:00Z", {}, "2026-11-23T15:00:00.000Z", true], // working hours: 3 means 15:00
  ["Monday", "2026-11-23T09:00:00Z", { defaultTime: { hour: 9, minute: 0 } }, "2026-11-30T09:00:00.000Z", false],
  // discussion times (looking back)
  ["today 14:10", "2026-11-23T15:00:00Z", { forwardDates: false }, "2026-11-23T14:10:00.000Z", true],
  ["yesterday 3pm", "2026-03-29T12:00:00Z", { forwardDates: false }, "2026-03-28T15:00:00.000Z", true],
  ["yesterday 3pm", "2026-10-26T09:00:00Z", { forwardDates: false }, "2026-10-25T15:00:00.000Z", true],
  ["on Friday at 4pm", "2026-10-26T09:00:00Z", { forwardDates: false }, "2026-10-23T15:00:00.000Z", true],
  ["at 23:00", "2026-11-23T10:00:00Z", { forwardDates: false }, "2026-11-22T23:00:00.000Z", true],
  ["at 9", "2026-03-29T12:00:00Z", { forwardDates: false }, "2026-03-29T08:00:00.000Z", true], // 09:00 BST
  ["on Monday", "2026-11-25T12:00:00Z", { forwardDates: false, defaultTime: { hour: 12, minute: 0 } }, "2026-11-23T12:00:00.000Z", false],
  ["last Monday", "2026-11-23T12:00:00Z", { forwardDates: false }, "2026-11-16T17:30:00.000Z", false],
  ["this morning", "2026-11-23T15:00:00Z", { forwardDates: false }, "2026-11-23T09:00:00.000Z", false],
  ["25/11", "2026-11-23T12:00:00Z", { forwardDates: false }, "2026-11-25T17:30:00.000Z", false], // nearest year: a typo the form points out, not a year ago
  ["20/1", "2026-11-23T12:00:00Z", { forwardDates: false }, "2026-01-20T17:30:00.000Z", false],
  ["20/12", "2026-03-01T12:00:00Z", { forwardDates: false }, "2025-12-20T17:30:00.000Z", false], // over two months ahead: last December
  ["20/11", "2026-11-27T12:00:00Z", {}, "2026-11-20T17:30:00.000Z", false], // a due date last week stays last week
  ["3/1", "2026-11-27T12:00:00Z", {}, "2027-01-03T17:30:00.000Z", false],
  // nothing to read
  ["police check", "2026-11-23T12:00:00Z", {}, null],
  ["check she sat her exams", "2026-11-23T12:00:00Z", {}, null],
  ["case 4471-JB and LL/5567", "2026-11-23T12:00:00Z", {}, null],
];

describe("readLondonDateTime", () => {
  it.each(ROWS)("%s (now %s)", (text, now, opts, expected, certainTime) => {
    const r = readLondonDateTime(text, new Date(now), opts);
    expect(r ? r.instant.toISOString() : null).toBe(expected);
    if (r && certainTime !== undefined) expect(r.certainTime).toBe(certainTime);
  });

  it("reports the words and where they are", () => {
    const r = readLondonDateTime("Sam to visit by tomorrow 5pm", new Date("2026-11-23T12:00:00Z"));
    expect(r).toMatchObject({ text: "tomorrow 5pm", index: 16 });
  });

  it("'just now' is the reference instant", () => {
    const now = new Date("2026-11-23T12:34:56.789Z");
    expect(readLondonDateTime("just now", now, { forwardDates: false })?.instant.toISOString()).toBe(now.toISOString());
  });
});

describe("independent of the process time zone", () => {
  const here = fileURLToPath(new URL(".", import.meta.url));
  const captureDir = fileURLToPath(new URL("../../src/capture/", import.meta.url));

  it("src/capture uses no local-time Date methods and no clock of its own", () => {
    const localTime = /\.(?:get|set)(?:FullYear|Month|Date|Day|Hours|Minutes|Seconds)\(|getTimezoneOffset|toLocale(?:Date|Time)?String|new Date\(\)|Date\.now\(/;
    const files = readdirSync(captureDir).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const offending = readFileSync(captureDir + f, "utf8").split("\n").filter((l) => localTime.test(l));
      expect(offending, f).toEqual([]);
    }
  });

  it("gives the same instants under TZ=America/New_York and TZ=Asia/Kolkata", () => {
    const script = `
      const { readLondonDateTime } = await import(${JSON.stringify(captureDir + "dates.ts")});
      const rows = ${JSON.stringify(ROWS)};
      console.log(JSON.stringify(rows.map(([t, n, o]) => readLondonDateTime(t, new Date(n), o)?.instant.toISOString() ?? null)));`;
    const expected = ROWS.map((r) => r[3]);
    for (const tz of ["America/New_York", "Asia/Kolkata"]) {
      const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
        cwd: here,
        env: { ...process.env, TZ: tz },
        encoding: "utf8",
      });
      expect(JSON.parse(out.trim().split("\n").pop()!), tz).toEqual(expected);
    }
  }, 30_000);
});
