import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { TURN_KINDS } from "../bot/turn-kind.ts";
import type { Clock } from "../domain/clock.ts";
import { REMINDER_KINDS, type ReminderKind } from "../domain/reminder.ts";
import type { Logger } from "../logger.ts";
import type { Metrics, TurnOutcome } from "../ports/metrics.ts";
import type { DueBacklog } from "../ports/schedule-repository.ts";

/** HTTP methods kept as labels; any other is "other". */
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/**
 * The process's metrics in Prometheus form (docs/operating.md#metrics), on a registry of its own
 * (not prom-client's global one, so a test can make several). Every label value is checked
 * against a fixed set (a command word, a reminder kind, a registered route): a value from
 * anywhere else becomes "other", so no case reference, name or text can become a label.
 */
export class PrometheusMetrics implements Metrics {
  readonly registry = new Registry();
  private readonly turns: Counter<"kind" | "outcome">;
  private readonly sent: Counter<"kind">;
  private readonly failed: Counter<"kind">;
  private readonly overdue: Gauge;
  private readonly lag: Gauge;
  private readonly http: Histogram<"route" | "method" | "status">;

  constructor(
    private readonly opts: {
      /** The reminders waiting (read at each scrape): `core.storage.schedule.dueBacklog`. */
      backlog: (now: Date) => Promise<DueBacklog>;
      clock: Clock;
      log: Logger;
      /** Node's own process metrics (memory, CPU, event loop lag) too. */
      processMetrics?: boolean;
    },
  ) {
    const registers = [this.registry];
    this.turns = new Counter({ name: "oversight_turns_total", help: "Inbound events handled, by kind (command word, decision, form, action, chatter, …) and outcome (ok, refused, failed, duplicate).", labelNames: ["kind", "outcome"], registers });
    this.sent = new Counter({ name: "oversight_reminders_sent_total", help: "Reminders and notices delivered, by reminder kind.", labelNames: ["kind"], registers });
    this.failed = new Counter({ name: "oversight_reminders_failed_total", help: "Reminders that failed for good (the recipient could not be reached; their manager is told), by reminder kind.", labelNames: ["kind"], registers });
    this.overdue = new Gauge({ name: "oversight_reminders_overdue", help: "Pending reminders due now or earlier that no sweep is sending (read from the database at scrape time).", registers });
    this.lag = new Gauge({ name: "oversight_sweep_lag_seconds", help: "How long the oldest overdue reminder has been waiting to be sent; 0 when none is.", registers });
    this.http = new Histogram({ name: "oversight_http_request_duration_seconds", help: "HTTP requests by registered route (unknown paths: other), method and status.", labelNames: ["route", "method", "status"], registers });
    // Every reminder kind from zero, so a rate over them is defined before the first one.
    for (const kind of REMINDER_KINDS) {
      this.sent.labels({ kind }).inc(0);
      this.failed.labels({ kind }).inc(0);
    }
    if (opts.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  turn(kind: string, outcome: TurnOutcome): void {
    this.turns.inc({ kind: known(TURN_KINDS, kind), outcome: known(OUTCOMES, outcome) });
  }

  reminder(kind: ReminderKind, result: "sent" | "failed"): void {
    (result === "sent" ? this.sent : this.failed).inc({ kind: known(REMINDER_KINDS, kind) });
  }

  /** One HTTP request answered. `route` must be a registered route's path or "other" (src/server/http.ts). */
  httpRequest(route: string, method: string, status: number, seconds: number): void {
    this.http.observe({ route, method: known(METHODS, method.toUpperCase()), status: String(status) }, seconds);
  }

  /** The text exposition for a scrape, with the backlog gauges read now (NaN when the database does not answer). */
  async scrape(): Promise<{ contentType: string; body: string }> {
    const now = this.opts.clock.now();
    try {
      const backlog = await this.opts.backlog(now);
      this.overdue.set(backlog.overdue);
      this.lag.set(backlog.oldestDueAt ? Math.max(0, (now.getTime() - backlog.oldestDueAt.getTime()) / 1000) : 0);
    } catch (error) {
      this.opts.log.error("metrics.backlog-failed", { type: (error as Error)?.name ?? "unknown" });
      this.overdue.set(Number.NaN);
      this.lag.set(Number.NaN);
    }
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

const OUTCOMES: readonly TurnOutcome[] = ["ok", "refused", "failed", "duplicate"];

/** `value` when it is one of `allowed`, else "other". */
function known(allowed: readonly string[], value: string): string {
  return allowed.includes(value) ? value : "other";
}
