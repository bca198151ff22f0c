import path from "node:path";
import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../support/spawn.ts";

// A process TZ far from London: answers must not move.
const env = { TZ: "Pacific/Auckland" };

describe("cli due", () => {
  it("prints docs/design.md's working-day example", () => {
    const { code, stdout, stderr } = runCli(["due", "--profile", "default", "--rule", "case-supervision.on-case-record", "--from", "2026-12-23T11:00:00Z"], { env });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      profile: "default",
      rule: "case-supervision.on-case-record",
      from: "2026-12-23T11:00:00.000Z",
      due: "2027-01-04T17:30:00.000Z",
      explain: "5 working days after Wed 23 Dec 2026, skipping 25 Dec, 28 Dec and 1 Jan: end of Mon 4 Jan 2027",
    });
  });

  it("uses the profile's rule: Kent's 24 hours across the spring clock change, from an offset instant", () => {
    const { code, stdout } = runCli(["due", "--profile", "kent", "--rule", "note.complete", "--from", "2026-03-28T22:30:00+00:00"], { env });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      profile: "kent",
      rule: "note.complete",
      from: "2026-03-28T22:30:00.000Z",
      due: "2026-03-29T22:30:00.000Z",
      explain: "24 hours after Sat 28 Mar 2026 22:30: Sun 29 Mar 2026 23:30 (the clocks went forward on Sun 29 Mar)",
    });
  });

  it.each([
    [["due", "--profile", "kent", "--rule", "note.compete", "--from", "2026-03-28T10:00:00Z"], "POLICY.UNKNOWN_RULE"],
    [["due", "--profile", "kent", "--rule", "note.complete", "--from", "2026-03-28 10:00"], "CLI.FROM"],
    [["due", "--profile", "narnia", "--rule", "note.complete", "--from", "2026-03-28T10:00:00Z"], "POLICY.UNKNOWN_PROFILE"],
    [["due", "--rule", "note.complete"], "CLI.USAGE"],
  ])("%j fails with a JSON error on stderr", (args, code) => {
    const result = runCli(args);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(JSON.parse(result.stderr).error.code).toBe(code);
  });
});

describe("cli discussion-due", () => {
  it("prints when a case discussed at --from must next be discussed, brought back from a bank holiday", () => {
    const { code, stdout, stderr } = runCli(["discussion-due", "--profile", "default", "--category", "cin", "--from", "2026-12-04T10:00:00Z"], { env });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      profile: "default",
      category: "cin",
      from: "2026-12-04T10:00:00.000Z",
      due: "2026-12-31T17:30:00.000Z",
      explain: "Child in need, every 4 weeks: 4 weeks after Fri 4 Dec 2026 is Fri 1 Jan 2027, New Year's Day: end of Thu 31 Dec 2026",
    });
  });

  it("uses the profile's frequency: Stoke-on-Trent's child protection is monthly, the same date next month", () => {
    const { code, stdout } = runCli(["discussion-due", "--profile", "stoke-on-trent", "--category", "cp", "--from", "2027-03-15T23:30:00Z"], { env });
    expect(code).toBe(0);
    // 23:30 UTC on 15 Mar is still 15 Mar in London (GMT); 15 Apr is in summer time.
    expect(JSON.parse(stdout)).toMatchObject({ profile: "stoke-on-trent", category: "cp", due: "2027-04-15T16:30:00.000Z", explain: "Child protection, every month: 1 month after Mon 15 Mar 2027: end of Thu 15 Apr 2027" });
  });

  it.each([
    [["discussion-due", "--profile", "default", "--category", "cim", "--from", "2026-12-04T10:00:00Z"], "CASE.UNKNOWN_CATEGORY"],
    [["discussion-due", "--category", "cin"], "CLI.USAGE"],
    [["discussion-due", "--profile", "narnia", "--category", "cin", "--from", "2026-12-04T10:00:00Z"], "POLICY.UNKNOWN_PROFILE"],
  ])("%j fails with a JSON error on stderr", (args, code) => {
    const result = runCli(args);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stderr).error.code).toBe(code);
  });
});

describe("cli profiles and profile check", () => {
  it("lists every shipped profile with each rule's after and source", () => {
    const { code, stdout } = runCli(["profiles"]);
    expect(code).toBe(0);
    const { profiles } = JSON.parse(stdout) as { profiles: { id: string; name: string; rules: Record<string, { after: object; source: string }> }[] };
    expect(profiles.map((p) => p.id)).toEqual(["default", "coventry", "kent", "merton", "south-gloucestershire", "stoke-on-trent"]);
    const kent = profiles.find((p) => p.id === "kent")!;
    expect(kent.name).toBe("Kent County Council");
    expect(kent.rules["note.complete"]!.after).toEqual({ hours: 24 });
    expect(kent.rules["note.complete"]!.source).toMatch(/^\[002 /);
    const merton = profiles.find((p) => p.id === "merton")!;
    expect(merton.rules["case-supervision.on-case-record"]).toMatchObject({ after: { workingDays: 6 } });
    expect(Object.keys(merton.rules)).toHaveLength(7);
  });

  it("checks a good file and prints the merged profile", () => {
    const dir = tempDir("profile-check-");
    const good = path.join(dir, "ours.yaml");
    writeFileSync(good, `id: ours\nname: Ours\nrules:\n  note.complete:\n    after: { hours: 12 }\n    source: "Our policy §2"\n`);
    const { code, stdout } = runCli(["profile", "check", good]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.ok).toBe(true);
    expect(out.profile).toMatchObject({ id: "ours", rules: { "note.complete": { after: { hours: 12 } }, "note.on-case-record": { after: { hours: 48 } } } });
  });

  it("refuses a bad file on stderr with a non-zero exit, naming file, path, line and problem", () => {
    const dir = tempDir("profile-check-");
    const bad = path.join(dir, "bad.yaml");
    writeFileSync(bad, `id: bad\nname: Bad\nrules:\n  note.complete:\n    after: { hours: 48, workingDays: 2 }\n    source: "x"\n`);
    const { code, stdout, stderr } = runCli(["profile", "check", bad]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(JSON.parse(stderr).error).toEqual({
      code: "POLICY.INVALID",
      message: `${bad} line 5: rules.note.complete.after must set exactly one of hours or workingDays, not both`,
      file: bad,
      path: "rules.note.complete.after",
      line: 5,
      problem: "must set exactly one of hours or workingDays, not both",
      problems: 1,
    });
  });
});
