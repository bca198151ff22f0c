import type { StorageReadiness } from "../ports/storage.ts";
import type { SchedulerLiveness } from "../scheduler/scheduler.ts";

/** Where this process's scheduler is: not run here (and why), starting (the start-up check), running, or stopped for shutdown. */
export type SchedulerState =
  | { state: "off"; reason: "SCHEDULER=off" | "no-delivery-platform" }
  | { state: "starting" }
  | { state: "running"; liveness: () => SchedulerLiveness }
  | { state: "stopped" };

/** What /readyz answers. Example: { ready: true, database: "reachable", migrations: { current: true, shipped: 9, applied: 9, missing: [] }, scheduler: { state: "alive", lastSweepSecondsAgo: 1.2 } }. */
export interface ReadinessReport {
  ready: boolean;
  database: "reachable" | "unreachable";
  migrations: { current: boolean; shipped: number; applied: number; missing: string[] } | null;
  scheduler: { state: "alive" | "stuck" | "starting" | "stopped" | "off"; reason?: string; lastSweepSecondsAgo?: number };
  /** What is wrong, in a few words each; absent when ready. */
  problems?: string[];
}

/** How long the database has to answer before the check says it did not. */
const CHECK_TIMEOUT_MS = 5000;

/**
 * Whether this process should be sent traffic: the database answers, every migration this
 * build ships is applied, the scheduler (where this process runs one) is alive, and the
 * process is not shutting down. A scheduler that is off here (SCHEDULER=off, or no platform to
 * deliver to) does not make it unready.
 */
export async function checkReadiness(opts: { storage: { readiness(): Promise<StorageReadiness> }; scheduler: () => SchedulerState; shuttingDown: () => boolean; timeoutMs?: number }): Promise<ReadinessReport> {
  const problems: string[] = [];
  const stored = await withTimeout(opts.storage.readiness(), opts.timeoutMs ?? CHECK_TIMEOUT_MS).catch(() => null);
  const reachable = stored?.reachable === true;
  if (!reachable) problems.push(stored ? "database unreachable" : "database did not answer in time");
  let migrations: ReadinessReport["migrations"] = null;
  if (stored && reachable) {
    const applied = new Set(stored.migrations.applied);
    const missing = stored.migrations.shipped.filter((name) => !applied.has(name));
    migrations = { current: stored.migrations.current, shipped: stored.migrations.shipped.length, applied: stored.migrations.applied.length, missing };
    if (!stored.migrations.current) problems.push(`migrations not applied: ${missing.join(", ") || "unknown"}`);
  }
  const scheduler = schedulerReport(opts.scheduler());
  if (scheduler.state === "stuck") problems.push(`scheduler has not swept for ${scheduler.lastSweepSecondsAgo} s`);
  if (scheduler.state === "starting") problems.push("scheduler starting");
  if (opts.shuttingDown()) problems.push("shutting down");
  return { ready: problems.length === 0, database: reachable ? "reachable" : "unreachable", migrations, scheduler, ...(problems.length > 0 && { problems }) };
}

function schedulerReport(state: SchedulerState): ReadinessReport["scheduler"] {
  switch (state.state) {
    case "off":
      return { state: "off", reason: state.reason };
    case "starting":
    case "stopped":
      return { state: state.state };
    case "running": {
      const { alive, lastSweepAgoMs } = state.liveness();
      return { state: alive ? "alive" : "stuck", lastSweepSecondsAgo: Math.round(lastSweepAgoMs / 100) / 10 };
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
