import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listProfiles, loadProfile, PROFILES_DIR } from "../../src/policy/load-profile.ts";
import { RULE_IDS, type PolicyProfile } from "../../src/policy/profile.ts";

const SHIPPED = ["default", "coventry", "kent", "merton", "south-gloucestershire", "stoke-on-trent"];

/** Every `source` in a profile, by where it sits. */
function sources(profile: PolicyProfile): Record<string, string> {
  const found: Record<string, string> = {};
  for (const id of RULE_IDS) found[`rules.${id}`] = profile.rules[id].source;
  for (const section of ["reminders", "workingHours", "groupSupervision", "export"] as const) found[section] = profile[section].source;
  for (const [id, format] of Object.entries(profile.groupSupervision.formats ?? {})) found[`groupSupervision.formats.${id}`] = format.source;
  return found;
}

describe("shipped profiles", () => {
  it("are the six shipped names, default first", () => {
    expect(listProfiles()).toEqual(SHIPPED);
    expect(readdirSync(PROFILES_DIR).filter((f) => f.endsWith(".yaml")).sort()).toEqual(SHIPPED.map((id) => `${id}.yaml`).sort());
  });

  it.each(SHIPPED)("%s loads, with every value citing a non-empty source", (id) => {
    const profile = loadProfile(id);
    expect(profile.id).toBe(id);
    expect(profile.name.length).toBeGreaterThan(0);
    expect(Object.keys(profile.rules).sort()).toEqual([...RULE_IDS].sort());
    for (const [where, source] of Object.entries(sources(profile))) {
      expect(source.trim(), `${id} ${where}`).not.toBe("");
      // A policy paragraph like "[004 §7]", or an honest "No policy names …".
      expect(source, `${id} ${where}`).toMatch(/\[00[0-4] [^\]]+\]|^No policy names/);
    }
  });

  it("default holds docs/design.md's values", () => {
    const p = loadProfile("default");
    expect(Object.fromEntries(RULE_IDS.map((id) => [id, p.rules[id].after]))).toEqual({
      "note.complete": { hours: 48 },
      "note.on-case-record": { hours: 48 },
      "allocation.oversight": { hours: 24 },
      "supervision.notes-circulated": { hours: 48 },
      "supervision.notes-signed": { workingDays: 5 },
      "case-supervision.on-case-record": { workingDays: 5 },
      "group.note-recorded": { workingDays: 5 },
    });
    expect(p.rules["note.complete"].source).toMatch(/^\[004 §7\].*within 48/);
    expect(p.rules["allocation.oversight"].source).toMatch(/^\[002 /);
    expect(p.rules["supervision.notes-circulated"].source).toMatch(/^\[004 §13\]/);
    expect(p.rules["supervision.notes-signed"].source).toMatch(/^\[004 §13\]/);
    expect(p.rules["case-supervision.on-case-record"].source).toMatch(/^\[004 §1\]/);
    expect(p.rules["group.note-recorded"].source).toMatch(/^No policy names a number/);
    expect(p.reminders).toMatchObject({ before: [{ hours: 24 }, { hours: 4 }], actionWorkingDaysBefore: 1, digestAt: { hour: 9, minute: 0 } });
    expect(p.workingHours).toMatchObject({ start: { hour: 8, minute: 30 }, end: { hour: 17, minute: 30 }, days: [1, 2, 3, 4, 5] });
    expect(p.groupSupervision).toMatchObject({ cadenceWeeks: 3, announceWorkingDaysBefore: 5 });
    expect(p.groupSupervision.source).toMatch(/\[000 group Standard One\].*2-4 weeks/);
    expect(p.export.title).toBe("standard");
  });

  it("kent: ad hoc notes in 24 hours, group supervision per format; the rest from default", () => {
    const kent = loadProfile("kent");
    const base = loadProfile("default");
    expect(kent.rules["note.complete"]).toMatchObject({ after: { hours: 24 } });
    expect(kent.rules["note.complete"].source).toMatch(/^\[002 .*point of discussion/);
    expect(kent.rules["note.on-case-record"].after).toEqual({ hours: 24 });
    expect(kent.rules["allocation.oversight"]).toEqual(base.rules["allocation.oversight"]);
    expect(kent.rules["supervision.notes-signed"]).toEqual(base.rules["supervision.notes-signed"]);
    expect(kent.groupSupervision.formats).toEqual({
      "appreciative-inquiry": expect.objectContaining({ cadenceWeeks: 4 }),
      "case-progression": expect.objectContaining({ cadenceWeeks: 2 }),
      "case-formulation": expect.objectContaining({ cadenceWeeks: 2 }),
    });
    // Set only in part: the rest of the section comes from default.
    expect(kent.groupSupervision).toMatchObject({ cadenceWeeks: 3, announceWorkingDaysBefore: 5 });
    expect(kent.workingHours).toEqual(base.workingHours);
    expect(kent.export).toEqual(base.export);
  });

  it("merton: 5 and 6 working days [001 §7], monthly group supervision [001 §10], 'supervising' titles", () => {
    const merton = loadProfile("merton");
    expect(merton.rules["supervision.notes-circulated"]).toMatchObject({ after: { workingDays: 5 } });
    expect(merton.rules["supervision.notes-circulated"].source).toMatch(/^\[001 §7\]/);
    expect(merton.rules["case-supervision.on-case-record"]).toMatchObject({ after: { workingDays: 6 } });
    expect(merton.rules["case-supervision.on-case-record"].source).toMatch(/^\[001 §7\].*6 working days/);
    expect(merton.rules["note.complete"].after).toEqual({ hours: 48 });
    expect(merton.groupSupervision.cadenceWeeks).toBe(4);
    expect(merton.groupSupervision.announceWorkingDaysBefore).toBe(5);
    expect(merton.groupSupervision.source).toMatch(/^\[001 §10\].*monthly/);
    expect(merton.export).toMatchObject({ title: "supervising" });
    expect(merton.export.source).toMatch(/^\[001 §7\]/);
  });

  it("south-gloucestershire differs from default only in name and in formal supervision: weekly for 4 weeks, fortnightly for 4, then every 4 weeks, for everyone [000 Standard One]", () => {
    const { id: _id, name, supervision, ...rest } = loadProfile("south-gloucestershire");
    const { id: _d, name: baseName, supervision: baseSupervision, ...base } = loadProfile("default");
    expect(name).not.toBe(baseName);
    expect(rest).toEqual(base);
    const steps = [{ every: { weeks: 1 }, until: { weeks: 4 } }, { every: { weeks: 2 }, until: { weeks: 8 } }];
    expect(supervision.usual).toEqual({ steps, then: { weeks: 4 }, source: expect.stringMatching(/^\[000 Standard One\]/) });
    expect(supervision.newlyQualified).toEqual({ steps, then: { weeks: 4 }, source: expect.stringMatching(/^\[000 Standard One\]/) });
    const { usual: _u, newlyQualified: _n, ...others } = supervision;
    const { usual: _bu, newlyQualified: _bn, ...baseOthers } = baseSupervision;
    expect(others).toEqual(baseOthers);
  });

  it("stoke-on-trent differs from default only in name and in how often cases are discussed [004 §10]", () => {
    const { id: _id, name, caseDiscussion, supervision, ...rest } = loadProfile("stoke-on-trent");
    const { id: _d, name: baseName, caseDiscussion: baseDiscussion, supervision: baseSupervision, ...base } = loadProfile("default");
    expect(name).not.toBe(baseName);
    expect(rest).toEqual(base);
    // Formal supervision monthly [004 §10]; the rest of the section is default's.
    expect(supervision).toEqual({ ...baseSupervision, usual: { steps: [], then: { months: 1 }, source: expect.stringMatching(/^\[004 §10\]/) } });
    expect(caseDiscussion.remindBefore).toEqual(baseDiscussion.remindBefore);
    // Its own categories cite its policy; the ones it does not name are default's.
    for (const id of ["cla", "placed-with-parents", "long-term-matched", "stability-concern", "cp", "cin"]) expect(caseDiscussion.categories[id]?.source).toMatch(/^\[004 §10\]/);
    for (const id of ["assessment", "disability", "court", "care-experienced"]) expect(caseDiscussion.categories[id]).toEqual(baseDiscussion.categories[id]);
  });

  it("coventry differs from default only in name and in keeping records 2 years after the last person in them leaves [003 8.12]", () => {
    const { id: _id, name, retention, ...rest } = loadProfile("coventry");
    const { id: _d, name: baseName, retention: baseRetention, ...base } = loadProfile("default");
    expect(name).not.toBe(baseName);
    expect(rest).toEqual(base);
    expect(retention).toEqual({ onCaseRecord: baseRetention.onCaseRecord, afterLeaving: { after: { years: 2 }, source: expect.stringMatching(/^\[003 8\.12\]/) } });
  });

  it("default keeps a note's content 12 months after it is on the case record, saying no policy names a period", () => {
    expect(loadProfile("default").retention).toEqual({ onCaseRecord: { after: { months: 12 }, source: expect.stringMatching(/^No policy names/) }, afterLeaving: null });
  });

  it("refuses an id that is not shipped, listing the ones that are", () => {
    expect(() => loadProfile("narnia")).toThrow(expect.objectContaining({ code: "POLICY.UNKNOWN_PROFILE" }));
    expect(() => loadProfile("narnia")).toThrow(/default, coventry, kent, merton/);
  });

  it("loads a shipped profile by its path too", () => {
    expect(loadProfile(path.join(PROFILES_DIR, "kent.yaml"))).toEqual(loadProfile("kent"));
  });
});
