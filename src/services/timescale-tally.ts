// How deadlines stood at an instant, and how a set of them tallies: shared by the compliance
// summary's notes and its cases (docs/design.md#exports-and-compliance).
import type { Deadline, DeadlineRule } from "../domain/deadline.ts";

export type DeadlineOutcome = "on-time" | "late" | "pending" | "overdue" | "cancelled";

/** How a team stands against one timescale (completing notes, or getting them on the case record). */
export interface TimescaleTally {
  /** Met by the deadline. */
  metOnTime: number;
  /** Met after the deadline. */
  metLate: number;
  /** Not met yet: overdue + pending. */
  notMet: number;
  /** Not met and the deadline has passed. */
  overdue: number;
  /** Not met and the deadline is still ahead: not in `counted`. */
  pending: number;
  /** The denominator: metOnTime + metLate + overdue (see PERCENT_BASIS). */
  counted: number;
  /** metOnTime / counted as a percentage to one decimal (66.7); null when nothing is counted yet. */
  percentWithinDeadline: number | null;
}

/** One of a note's deadlines as it stood at the summary's instant. */
export interface DeadlineAt {
  rule: DeadlineRule;
  dueAt: Date;
  /** When it was met, if by the summary's instant. */
  metAt: Date | null;
  state: DeadlineOutcome;
}

/** As deadlineState, but as at `asAt`: something met after it was still open then. */
export function judge(deadline: Pick<Deadline, "rule" | "dueAt" | "status" | "metAt">, asAt: Date): DeadlineAt {
  const { rule, dueAt } = deadline;
  if (deadline.status === "cancelled") return { rule, dueAt, metAt: null, state: "cancelled" };
  const metAt = deadline.status === "met" && deadline.metAt && deadline.metAt.getTime() <= asAt.getTime() ? deadline.metAt : null;
  if (metAt) return { rule, dueAt, metAt, state: metAt.getTime() <= dueAt.getTime() ? "on-time" : "late" };
  return { rule, dueAt, metAt: null, state: asAt.getTime() > dueAt.getTime() ? "overdue" : "pending" };
}

/** Counts of each outcome, and the % within the deadline of those counted (see PERCENT_BASIS). */
export function tally(states: readonly DeadlineOutcome[]): TimescaleTally {
  const count = (state: DeadlineOutcome) => states.filter((s) => s === state).length;
  const [metOnTime, metLate, overdue, pending] = [count("on-time"), count("late"), count("overdue"), count("pending")];
  const counted = metOnTime + metLate + overdue;
  return {
    metOnTime,
    metLate,
    notMet: overdue + pending,
    overdue,
    pending,
    counted,
    percentWithinDeadline: counted === 0 ? null : Math.round((metOnTime / counted) * 1000) / 10,
  };
}
