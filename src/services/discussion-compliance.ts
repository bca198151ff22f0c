import type { Deadline } from "../domain/deadline.ts";
import type { Core } from "./core.ts";
import type { Directory } from "./directory.ts";
import { judge, tally, type DeadlineOutcome, type TimescaleTally } from "./timescale-tally.ts";

/** A case overdue for discussion: its reference and who holds it, nothing of the case. */
export interface CaseOverdue {
  caseRef: string;
  category: string;
  dueAt: Date;
  /** Whole days (24 h) since it fell due. */
  daysOverdue: number;
  /** The allocated worker's handle, or null while unallocated. */
  worker: string | null;
}

/**
 * A team's cases against their discussion frequency in a month (docs/design.md#the-case-register):
 * every discussion date that fell in the month, judged as at the summary's instant (discussed
 * by it, discussed after it, or still not), and the team's cases overdue for discussion then.
 */
export interface CaseDiscussionTally extends TimescaleTally {
  /** The team's cases on the register open at some point in the month. */
  cases: number;
  overdueCases: CaseOverdue[];
}

const DAY_MS = 86_400_000;

/** The tally for `team`'s cases (the register's team, else the worker's); null when the team has none on the register. */
export async function discussionTally(core: Core, directory: Directory, team: string, range: { from: Date; to: Date; asAt: Date }, fromDay: string, toDay: string): Promise<CaseDiscussionTally | null> {
  const cases = (await core.storage.cases.list()).filter(
    (c) => (c.team ?? directory.get(c.workerId ?? "")?.team) === team && c.openedOn < toDay && (c.closedOn === null || c.closedOn >= fromDay),
  );
  if (!cases.length) return null;
  const states: DeadlineOutcome[] = [];
  const overdueCases: CaseOverdue[] = [];
  for (const kase of cases) {
    const deadlines: Deadline[] = await core.storage.schedule.deadlinesFor("case", kase.caseRef);
    for (const deadline of deadlines) {
      if (deadline.createdAt.getTime() > range.asAt.getTime()) continue; // not known then
      const at = judge(deadline, range.asAt);
      if (deadline.dueAt.getTime() >= range.from.getTime() && deadline.dueAt.getTime() < range.to.getTime()) states.push(at.state);
      if (at.state === "overdue" && deadline.dueAt.getTime() < range.to.getTime()) {
        overdueCases.push({
          caseRef: kase.caseRef,
          category: core.settings.profile.caseDiscussion.categories[kase.category]?.name ?? kase.category,
          dueAt: deadline.dueAt,
          daysOverdue: Math.floor((range.asAt.getTime() - deadline.dueAt.getTime()) / DAY_MS),
          worker: kase.workerId ? (directory.get(kase.workerId)?.handle ?? null) : null,
        });
      }
    }
  }
  overdueCases.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.caseRef.localeCompare(b.caseRef));
  return { cases: cases.length, ...tally(states), overdueCases };
}
