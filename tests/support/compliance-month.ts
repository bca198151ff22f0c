import { expect } from "vitest";
import { markOnCaseRecord } from "../../src/services/mark-on-case-record.ts";
import { start, submit, valuesOf } from "./note-forms.ts";
import type { Storage } from "../../src/ports/storage.ts";
import { coreOn, testCore } from "./core.ts";
import { COMPLETE_EXAMPLE } from "./fixtures.ts";

export type T = Awaited<ReturnType<typeof coreOn<Storage>>>;

/** Captures docs/design.md#the-example for `caseRef` at `at` (the discussion is the moment of capture), as a draft. */
export async function capture(t: T, caseRef: string, at: string, opts: { by?: string; actions?: "none" | "one" } = {}) {
  t.clock.set(at);
  let text = COMPLETE_EXAMPLE.replace("4471-JB discussed today 14:10 with @sam.", `${caseRef} with @sam.`);
  if (opts.actions !== undefined) text = text.replace(/\nActions:.*/, opts.actions === "one" ? "\nActions: Sam to visit by tomorrow 5pm." : "");
  const started = await start(t.core, { actor: await t.person(opts.by ?? "mo"), text, eventId: null });
  expect(started.toFill).toEqual([]);
  return { id: started.draftId!, values: valuesOf(started.form), state: started.form.state };
}

/** The recorder (mo) records the draft at `at`, giving a reason when it is late. */
export async function record(t: T, draft: Awaited<ReturnType<typeof capture>>, at: string, lateReason?: string) {
  t.clock.set(at);
  const values = lateReason ? { ...draft.values, lateReason } : draft.values;
  const outcome = await submit(t.core, { actor: await t.person("mo"), values, state: draft.state, submissionKey: `rec-${draft.id}` });
  expect(outcome.status).toBe("recorded");
}

export async function onCaseRecord(t: T, id: string, at: string) {
  t.clock.set(at);
  await markOnCaseRecord(t.core, await t.person("sam"), id, null);
}

export const NOW = "2026-11-30T12:00:00Z";
export const LATE = 'In court, "all week"';

/**
 * North's November (GMT all month), at Mon 30 Nov 12:00; default profile: 48 h to complete
 * and 48 h to be on the case record, both from the discussion.
 */
export async function november(given?: T) {
  const t = given ?? (await testCore());
  // 31 Oct 23:30 GMT: October, a minute's walk from the boundary.
  const october = await capture(t, "1000-OC", "2026-10-31T23:30:00Z", { actions: "none" });
  await record(t, october, "2026-11-01T09:00:00Z");
  // A: discussed at midnight 1 Nov exactly; complete and on the case record on time.
  const a = await capture(t, "1001-AA", "2026-11-01T00:00:00Z", { actions: "none" });
  await record(t, a, "2026-11-01T08:00:00Z");
  await onCaseRecord(t, a.id, "2026-11-02T09:00:00Z");
  // B: complete late with a reason (due 7 Nov 10:00), on the case record late (due 7 Nov 10:00).
  const b = await capture(t, "1002-BB", "2026-11-05T10:00:00Z", { actions: "none" });
  await record(t, b, "2026-11-08T09:00:00Z", LATE);
  await onCaseRecord(t, b.id, "2026-11-09T09:00:00Z");
  // C: never recorded: both its deadlines (12 Nov 10:00) overdue.
  const c = await capture(t, "1003-CC", "2026-11-10T10:00:00Z", { actions: "none" });
  // D: complete on time, on the case record late (due 14 Nov 10:00), its action (13 Nov 17:00) not done.
  const d = await capture(t, "1004-DD", "2026-11-12T10:00:00Z", { actions: "one" });
  await record(t, d, "2026-11-12T11:00:00Z");
  await onCaseRecord(t, d.id, "2026-11-16T09:00:00Z");
  // E: discussed two hours ago: not yet due, counted neither way.
  const e = await capture(t, "1005-EE", "2026-11-30T10:00:00Z", { actions: "none" });
  // South's note: another team.
  await capture(t, "2001-SS", "2026-11-15T10:00:00Z", { by: "out", actions: "none" });
  t.clock.set(NOW);
  return { t, ids: { october: october.id, a: a.id, b: b.id, c: c.id, d: d.id, e: e.id } };
}

