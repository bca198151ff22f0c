import type { ReminderKind } from "../domain/reminder.ts";

/** How a turn ended, as its reply says: done, refused with a reason, failed unexpectedly, or a platform's repeat delivery. */
export type TurnOutcome = "ok" | "refused" | "failed" | "duplicate";

/**
 * What the core counts for the operator (Prometheus at /metrics; src/server/metrics.ts). Labels
 * come from fixed sets only: a command word, a reminder kind. Never case references, names or
 * anything typed.
 */
export interface Metrics {
  /** One inbound event handled. `kind`: one of the bot's TURN_KINDS (src/bot/turn-kind.ts). Example: turn("decision", "ok"). */
  turn(kind: string, outcome: TurnOutcome): void;
  /** A sweep settled a reminder as sent, or as failed for good. Example: reminder("escalation", "sent"). */
  reminder(kind: ReminderKind, result: "sent" | "failed"): void;
}

/** Counts nothing: for tests and tools that have no /metrics. */
export const noMetrics: Metrics = { turn: () => {}, reminder: () => {} };
