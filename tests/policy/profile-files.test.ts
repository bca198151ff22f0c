import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "../../src/domain/errors.ts";
import { checkProfileFile, loadProfile, PROFILES_DIR } from "../../src/policy/load-profile.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "profiles-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const full = path.join(dir, name);
  writeFileSync(full, text);
  return full;
}

/** The error a file gives, as AppError, failing the test if it loads. */
function problem(full: string): AppError {
  const checked = checkProfileFile(full);
  if (checked.ok) throw new Error(`${full} loaded`);
  return checked.error;
}

const HEAD = "id: mine\nname: My authority\n";

describe("an authority's own profile file", () => {
  it("sets just one rule and inherits everything else from default", () => {
    const p = loadProfile(file("mine.yaml", `${HEAD}rules:\n  note.complete:\n    after: { hours: 12 }\n    source: "Our policy §3: within 12 hours"\n`));
    const base = loadProfile("default");
    expect(p.id).toBe("mine");
    expect(p.rules["note.complete"]).toEqual({ after: { hours: 12 }, source: "Our policy §3: within 12 hours" });
    expect({ ...p.rules, "note.complete": base.rules["note.complete"] }).toEqual(base.rules);
    expect(p.workingHours).toEqual(base.workingHours);
  });

  it("may set part of a section, with its source; JSON works as well as YAML", () => {
    const json = JSON.stringify({ id: "early", name: "Early", workingHours: { start: "07:30", end: "16:00", days: [1, 2, 3, 4], source: "Our rota" } }, null, 2);
    const p = loadProfile(file("early.json", json));
    expect(p.workingHours).toEqual({ start: { hour: 7, minute: 30 }, end: { hour: 16, minute: 0 }, days: [1, 2, 3, 4], source: "Our rota" });
    expect(p.reminders).toEqual(loadProfile("default").reminders);
  });

  it("accepts weekday names", () => {
    const p = loadProfile(file("names.yml", `${HEAD}workingHours: { days: [Mon, tue, Wednesday], source: "Rota" }\n`));
    expect(p.workingHours.days).toEqual([1, 2, 3]);
  });
});

describe("a bad profile file is refused, naming file, path, line and problem", () => {
  it("wrong type", () => {
    const full = file("wrong-type.yaml", `${HEAD}rules:\n  note.complete:\n    after: { hours: "48" }\n    source: "x"\n`);
    const error = problem(full);
    expect(error.code).toBe("POLICY.INVALID");
    expect(error.message).toBe(`${full} line 5: rules.note.complete.after.hours must be a positive whole number`);
    expect(error.params).toMatchObject({ file: full, path: "rules.note.complete.after.hours", line: 5, problem: "must be a positive whole number" });
  });

  it.each([
    ["zero", "0"],
    ["a fraction", "1.5"],
    ["negative", "-2"],
  ])("working days that are %s", (_what, value) => {
    const full = file("days.yaml", `${HEAD}rules:\n  group.note-recorded:\n    source: "x"\n    after:\n      workingDays: ${value}\n`);
    expect(problem(full).message).toBe(`${full} line 7: rules.group.note-recorded.after.workingDays must be a positive whole number`);
  });

  it("unknown rule", () => {
    const full = file("unknown-rule.yaml", `${HEAD}rules:\n  note.compete:\n    after: { hours: 48 }\n    source: "x"\n`);
    const error = problem(full);
    expect(error.code).toBe("POLICY.UNKNOWN_RULE");
    expect(error.message).toMatch(new RegExp(`^${full} line 4: rules\\.note\\.compete is not a rule; the rules are note\\.complete, `));
    expect(error.params).toMatchObject({ rule: "note.compete", path: "rules.note.compete", line: 4 });
  });

  it("both hours and working days", () => {
    const full = file("both.yaml", `${HEAD}rules:\n  note.complete:\n    source: "x"\n    after:\n      hours: 48\n      workingDays: 2\n`);
    const error = problem(full);
    expect(error.message).toBe(`${full} line 6: rules.note.complete.after must set exactly one of hours or workingDays, not both`);
  });

  it("neither hours nor working days, or another unit", () => {
    expect(problem(file("neither.yaml", `${HEAD}rules:\n  note.complete: { after: {}, source: x }\n`)).message).toMatch(
      /line 4: rules\.note\.complete\.after must set hours or workingDays$/,
    );
    expect(problem(file("unit.yaml", `${HEAD}rules:\n  note.complete:\n    after: { days: 2 }\n    source: x\n`)).message).toMatch(
      /line 5: rules\.note\.complete\.after has an unknown setting "days" \(expected hours, workingDays\)/,
    );
  });

  it("YAML syntax error", () => {
    const full = file("syntax.yaml", `${HEAD}rules:\n  note.complete:\n    after: { hours: 48\n    source: "x"\n`);
    const error = problem(full);
    expect(error.code).toBe("POLICY.INVALID");
    expect(error.message).toMatch(new RegExp(`^${full} line 6: is not valid YAML: `));
    expect(error.params).toMatchObject({ file: full, line: 6 });
  });

  it("JSON syntax error, with its line", () => {
    const full = file("broken.json", `{\n  "id": "x",\n  "name": "X"\n  "rules": {}\n}\n`);
    expect(problem(full).message).toMatch(new RegExp(`^${full} line 4: is not valid JSON: `));
  });

  it("a value with no source", () => {
    const full = file("no-source.yaml", `${HEAD}rules:\n  note.complete:\n    after: { hours: 12 }\n`);
    expect(problem(full).message).toBe(
      `${full} line 4: rules.note.complete.source is required: cite the policy paragraph behind the values, or say that no policy names one`,
    );
    const section = file("no-section-source.yaml", `${HEAD}groupSupervision:\n  cadenceWeeks: 2\n`);
    expect(problem(section).message).toMatch(/line 3: groupSupervision\.source is required/);
  });

  it("working hours that end before they start, or are not HH:MM", () => {
    const late = file("late.yaml", `${HEAD}workingHours:\n  source: "x"\n  start: "18:00"\n`);
    expect(problem(late).message).toBe(`${late} line 5: workingHours.start must be before workingHours.end (17:30)`);
    const back = file("back.yaml", `${HEAD}workingHours:\n  source: "x"\n  start: "09:00"\n  end: "09:00"\n`);
    expect(problem(back).message).toBe(`${back} line 6: workingHours.end must be after workingHours.start (09:00)`);
    const bad = file("bad-time.yaml", `${HEAD}workingHours:\n  source: "x"\n  end: "5pm"\n`);
    expect(problem(bad).message).toBe(`${bad} line 5: workingHours.end must be a London time "HH:MM", e.g. "17:30"`);
  });

  it("unknown settings, missing id, and several problems at once", () => {
    const full = file("several.yaml", `name: X\nreminder:\n  before: []\nexport: { title: fancy, source: x }\n`);
    const error = problem(full);
    expect(error.message).toBe(
      `${full} line 1: id is required; line 4: export.title must be "standard" or "supervising"; ` +
        `line 2: the file has an unknown setting "reminder" (expected id, name, rules, reminders, workingHours, groupSupervision, export, supervision, retention, caseDiscussion)`,
    );
    expect(error.params).toMatchObject({ problems: 3 });
  });

  it("a file that cannot be read", () => {
    expect(problem(path.join(dir, "missing.yaml"))).toMatchObject({ code: "POLICY.UNREADABLE" });
  });

  it("loadProfile throws the same error", () => {
    const full = file("throws.yaml", `${HEAD}rules:\n  note.complete:\n    after: { hours: "48" }\n    source: "x"\n`);
    expect(() => loadProfile(full)).toThrow(`${full} line 5: rules.note.complete.after.hours must be a positive whole number`);
  });

  it("a shipped-style profile directory whose file id disagrees with its name", () => {
    const shipped = mkdtempSync(path.join(os.tmpdir(), "shipped-"));
    try {
      copyFileSync(path.join(PROFILES_DIR, "default.yaml"), path.join(shipped, "default.yaml"));
      writeFileSync(path.join(shipped, "kent.yaml"), "id: kant\nname: Kent\n");
      expect(() => loadProfile("kent", { profilesDir: shipped })).toThrow(/kent\.yaml line 1: id must be "kent", as the file is named/);
    } finally {
      rmSync(shipped, { recursive: true, force: true });
    }
  });
});


describe("profile files: retention", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "retention-profiles-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it("takes a period of years, months or days with its source, and names what is wrong with one", () => {
    const ok = checkProfileFile(write("ok.yaml", `id: x\nname: X\nretention:\n  onCaseRecord:\n    after: { years: 3 }\n    source: "[local] records schedule"\n`));
    expect(ok).toMatchObject({ ok: true, profile: { retention: { onCaseRecord: { after: { years: 3 } }, afterLeaving: null } } });
    const both = write("both.yaml", `id: x\nname: X\nretention:\n  onCaseRecord:\n    after: { years: 3, days: 2 }\n    source: "x"\n`);
    expect(checkProfileFile(both)).toMatchObject({ ok: false, error: { message: `${both} line 5: retention.onCaseRecord.after must set exactly one of years, months or days` } });
    const unsourced = write("unsourced.yaml", `id: x\nname: X\nretention:\n  afterLeaving:\n    after: { years: 2 }\n`);
    expect(checkProfileFile(unsourced)).toMatchObject({ ok: false, error: { params: { path: "retention.afterLeaving.source" } } });
  });
});
