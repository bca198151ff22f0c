import { describe, expect, it } from "vitest";
import { addPeriod, onCaseRecordCutoff, retentionVerdict, type RetentionRules } from "../../src/domain/retention.ts";
import { loadProfile } from "../../src/policy/load-profile.ts";

const note = { id: "n1", caseRef: "4471-JB", onCaseRecordAt: new Date("2025-01-10T12:00:00Z"), participantIds: ["p-mo", "p-sam"] };
const never = () => null;

describe("retention rules", () => {
  it("moves by calendar months and years, keeping the day where the month has it", () => {
    expect(addPeriod(new Date("2025-01-31T00:00:00Z"), { months: 1 })).toEqual(new Date("2025-02-28T00:00:00Z"));
    expect(addPeriod(new Date("2024-02-29T10:00:00Z"), { years: 2 })).toEqual(new Date("2026-02-28T10:00:00Z"));
    expect(addPeriod(new Date("2025-03-01T00:00:00Z"), { days: 30 }, -1)).toEqual(new Date("2025-01-30T00:00:00Z"));
  });

  it("default: due 12 months after the note went onto the case record, saying so with the source", () => {
    const rules = loadProfile("default").retention;
    expect(rules.afterLeaving).toBeNull();
    expect(retentionVerdict(note, rules, new Date("2026-01-10T11:59:00Z"), never)).toMatchObject({ due: false, dueAt: new Date("2026-01-10T12:00:00Z") });
    const due = retentionVerdict(note, rules, new Date("2026-01-10T12:00:00Z"), never);
    expect(due).toMatchObject({ due: true, rule: "retention.on-case-record" });
    expect(due.explain).toMatch(/^on the case record since 2025-01-10, kept 12 months after that No policy names .*: due 2026-01-10$/);
  });

  it("Coventry: kept while anyone in the note is still with the council, then 2 years after the last left [003 8.12]", () => {
    const rules = loadProfile("coventry").retention;
    expect(rules.afterLeaving).toMatchObject({ after: { years: 2 }, source: expect.stringContaining("[003 8.12]") });
    expect(rules.onCaseRecord).toEqual(loadProfile("default").retention.onCaseRecord);
    const later = new Date("2030-01-01T00:00:00Z");
    const staying = retentionVerdict(note, rules, later, (id) => (id === "p-sam" ? new Date("2025-06-01T00:00:00Z") : null));
    expect(staying).toMatchObject({ due: false, dueAt: null });
    expect(staying.explain).toContain("p-mo not left");
    const left = (id: string) => new Date(id === "p-sam" ? "2025-06-01T00:00:00Z" : "2026-03-01T00:00:00Z");
    expect(retentionVerdict(note, rules, new Date("2028-02-29T23:59:00Z"), left)).toMatchObject({ due: false, dueAt: new Date("2028-03-01T00:00:00Z") });
    const due = retentionVerdict(note, rules, new Date("2028-03-01T00:00:00Z"), left);
    expect(due).toMatchObject({ due: true, rule: "retention.after-leaving" });
    expect(due.explain).toContain("2 years after the last person in it left (2026-03-01) [003 8.12]");
    // Left long before the note reached the case record: the on-case-record period still applies.
    const early = retentionVerdict(note, rules, new Date("2026-01-10T12:00:00Z"), () => new Date("2020-01-01T00:00:00Z"));
    expect(early).toMatchObject({ due: true, rule: "retention.on-case-record" });
  });

  it("looks no further back than the on-case-record period allows (the bounded query's cutoff)", () => {
    const rules: RetentionRules = { onCaseRecord: { after: { days: 30 }, source: "s" }, afterLeaving: null };
    expect(onCaseRecordCutoff(rules, new Date("2026-03-31T00:00:00Z"))).toEqual(new Date("2026-03-02T00:00:00Z"));
  });
});
