import { randomUUID } from "node:crypto";
import { silentLogger, type Logger } from "../logger.ts";
import type { Delivery } from "../ports/delivery.ts";
import type { Core } from "../services/core.ts";
import { sweepReminders, type SweepOptions, type SweepTally } from "./send-reminders.ts";
import { noChanges, syncNoteDeadlines, type DeadlineChanges } from "../services/sync-note-deadlines.ts";
import { planAllGroupSessions } from "../services/plan-group-sessions.ts";
import { sendCheckpointToAuditors, writeCheckpoint, type CheckpointWriter } from "./audit-checkpoints.ts";

export interface Scheduler {
  /** Runs one sweep now (after any sweep in progress) and returns what it did. */
  sweepNow(): Promise<SweepTally>;
  /**
   * Stops sweeping: a sweep in progress finishes the reminder it is sending, and the rest of
   * what this process has claimed is released at once for another replica to send. With
   * `giveUp`, waits for the send in flight only until that settles (a shutdown's time is up).
   */
  stop(giveUp?: Promise<unknown>): Promise<void>;
  /**
   * Whether the loop is alive: a sweep finished, or a reminder was settled, within
   * max(3 × the interval, 30 s). Process time (the loop's timers), not the core's clock.
   * Example: { alive: true, lastSweepAgoMs: 1200 }.
   */
  liveness(): SchedulerLiveness;
}

export interface SchedulerLiveness {
  alive: boolean;
  /** Since the last sign of progress (a sweep finished, a reminder settled), in process time. */
  lastSweepAgoMs: number;
}

/** How long without progress before the scheduler counts as stuck: a few missed intervals, never under this. */
const MIN_STALE_MS = 30_000;

/**
 * The reminder loop of a bot process: first checks every open deadline's plan (see
 * `replanOpenDeadlines`), then sweeps every `intervalMs`, and whenever a turn queues a notice
 * (`core.wake`). Any number of processes may run one on the same database.
 */
export async function startScheduler(
  core: Core,
  delivery: Delivery,
  log: Logger,
  opts: SweepOptions & { intervalMs: number; checkpoints?: Omit<CheckpointWriter, "log"> & { everyMs: number } },
): Promise<Scheduler> {
  const checked = await replanOpenDeadlines(core, log);
  log.info("scheduler.started", { notes: checked.notes, repaired: checked.repaired.length, intervalMs: opts.intervalMs });
  let running: Promise<SweepTally> = Promise.resolve(emptyTally());
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  // One token for everything this process claims, so stopping can release it all.
  const token = opts.token ?? randomUUID();
  // Process time, for liveness only: the loop's timers run on it, whatever the core's clock says.
  let lastProgress = performance.now();
  const progress = () => {
    lastProgress = performance.now();
  };
  const sweepOptions: SweepOptions = { ...opts, log, token, stopping: () => stopped, progress };

  let plannedAt = 0;
  let checkpointedAt = 0;
  let woken = false;
  const sweep = (): Promise<SweepTally> => {
    running = running.then(async () => {
      // Notices queued before this point are this sweep's: a wake from now on needs another.
      woken = false;
      const started = Date.now();
      try {
        // Group supervision sessions are kept planned ahead, and their reminders with them.
        if (started - plannedAt >= GROUP_PLANNING_MS) {
          plannedAt = started;
          // Planning trouble must never hold up the reminders.
          await planAllGroupSessions(core).catch((error: unknown) => log.error("scheduler.group-planning-failed", { type: (error as Error)?.name ?? "unknown" }));
        }
        // The audit chain's end, signed and kept outside the database; the day's first to the auditors.
        if (opts.checkpoints && started - checkpointedAt >= opts.checkpoints.everyMs) {
          checkpointedAt = started;
          await checkpoint(core, { ...opts.checkpoints, log }).catch((error: unknown) => log.error("audit.checkpoint-failed", { type: (error as Error)?.name ?? "unknown" }));
        }
        const tally = await sweepReminders(core, delivery, sweepOptions);
        if (stopped) return tally;
        await core.storage.inbound.forgetBefore(new Date(core.clock.now().getTime() - INBOUND_KEPT_MS));
        progress();
        if (Object.values(tally).some((n) => n > 0)) log.info("scheduler.swept", { ...tally, ms: Date.now() - started });
        return tally;
      } catch (error) {
        log.error("scheduler.sweep-failed", { type: (error as Error)?.name ?? "unknown" });
        return emptyTally();
      }
    });
    return running;
  };
  const tick = () => {
    void sweep().finally(() => {
      if (!stopped) timer = setTimeout(tick, opts.intervalMs);
    });
  };
  tick();
  // A notice queued by a turn goes now, not at the next interval.
  core.wake = () => {
    if (woken) return;
    woken = true;
    void sweep();
  };

  return {
    sweepNow: sweep,
    stop: async (giveUp) => {
      stopped = true;
      core.wake = undefined;
      clearTimeout(timer);
      await (giveUp ? Promise.race([running, giveUp]) : running);
      try {
        const released = await core.storage.schedule.releaseClaims(token, core.clock.now());
        log.info("scheduler.stopped", { released });
      } catch (error) {
        // Not released: their leases end in their own time and another sweep takes them then.
        log.error("scheduler.release-failed", { type: (error as Error)?.name ?? "unknown" });
      }
    },
    liveness: () => {
      const ago = performance.now() - lastProgress;
      return { alive: ago <= Math.max(3 * opts.intervalMs, MIN_STALE_MS), lastSweepAgoMs: Math.round(ago) };
    },
  };
}

async function checkpoint(core: Core, writer: CheckpointWriter): Promise<void> {
  const written = await writeCheckpoint(core, writer);
  if (written) await sendCheckpointToAuditors(core, written);
}

/** How often group supervision series are re-planned (new sessions, leave booked since). */
const GROUP_PLANNING_MS = 10 * 60_000;

/** How long a platform delivery's id is remembered: Slack retries within minutes, Teams sooner. */
const INBOUND_KEPT_MS = 24 * 3600_000;

/** How far back start-up looks for notes whose deadlines were never planned. */
const REPLAN_DAYS = 60;

/** What the start-up check found: how many notes it looked at, and the ones it had to put right. */
export interface StartupCheck {
  notes: number;
  repaired: { noteId: string; changes: DeadlineChanges }[];
}

/**
 * The start-up check: the notes with an open deadline, and the recent notes whether or not
 * they have one, re-planned. A turn stores a note with its deadlines and reminders in one
 * transaction, so normally there is nothing to do; a note it does have to put right (planned
 * under older code, or changed behind the bot's back) is repaired in a transaction of its own
 * and logged as a warning, by note id and counts only.
 */
export async function replanOpenDeadlines(core: Core, log: Logger = silentLogger): Promise<StartupCheck> {
  const now = core.clock.now();
  const recent = await core.storage.notes.listDiscussedBetween(new Date(now.getTime() - REPLAN_DAYS * 86_400_000), new Date(now.getTime() + 86_400_000));
  const open = (await core.storage.schedule.openDeadlines()).map((d) => d.noteId);
  const noteIds = new Set([...recent.map((n) => n.id), ...open].filter((id): id is string => id !== null));
  const repaired: StartupCheck["repaired"] = [];
  for (const noteId of noteIds) {
    const changes = await core.storage.transaction(async (storage) => {
      const found = noChanges();
      await syncNoteDeadlines({ ...core, storage }, noteId, null, found);
      return found;
    });
    if (Object.values(changes).some((n) => n > 0)) {
      repaired.push({ noteId, changes });
      log.warn("scheduler.startup-repaired", { noteId, ...changes });
    }
  }
  return { notes: noteIds.size, repaired };
}

const emptyTally = (): SweepTally => ({ sent: 0, retried: 0, throttled: 0, deferred: 0, cancelled: 0, failed: 0, lost: 0 });
