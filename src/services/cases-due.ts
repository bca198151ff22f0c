import type { Person } from "../domain/people.ts";
import type { Core } from "./core.ts";

/** How far ahead "due for discussion" looks: two weeks, so a 4-weekly case shows in its second half. */
export const CASES_DUE_HORIZON_DAYS = 14;

/** A case on the register coming due (or overdue) for discussion. */
export interface CaseDueItem {
  caseRef: string;
  /** The category's name in the profile, e.g. "Child in need". */
  category: string;
  /** The allocated worker's handle when it is one of the person's direct reports; null for their own case. */
  reportHandle: string | null;
  dueAt: Date;
}

/**
 * "My cases due for discussion": the open cases a person holds, and those their direct reports
 * hold, whose discussion falls due within the horizon or is overdue, soonest first.
 */
export async function casesDueFor(core: Core, actor: Person, horizonDays = CASES_DUE_HORIZON_DAYS): Promise<CaseDueItem[]> {
  const reports = new Map((await core.storage.people.list()).filter((p) => p.lineManagerId === actor.id).map((p) => [p.id, p.handle]));
  const cases = await core.storage.cases.list({ workerIds: [actor.id, ...reports.keys()], open: true });
  const horizon = core.clock.now().getTime() + horizonDays * 86_400_000;
  const items: CaseDueItem[] = [];
  for (const kase of cases) {
    const open = (await core.storage.schedule.deadlinesFor("case", kase.caseRef)).find((d) => d.status === "open");
    if (!open || open.dueAt.getTime() > horizon) continue;
    const category = core.settings.profile.caseDiscussion.categories[kase.category]?.name ?? kase.category;
    items.push({ caseRef: kase.caseRef, category, reportHandle: (kase.workerId && reports.get(kase.workerId)) || null, dueAt: open.dueAt });
  }
  return items.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.caseRef.localeCompare(b.caseRef));
}
