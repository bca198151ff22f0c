import { randomUUID } from "node:crypto";
import { isoDate, londonDateOf } from "../calendar/london-date.ts";
import { atLondonTime, isWithinWorkingHours } from "../calendar/working-hours.ts";
import { addWorkingDays } from "../calendar/working-days.ts";
import { storedMessage, type OutboundMessage } from "../content/message.ts";
import type { AuditRecord } from "../domain/audit.ts";
import type { Person } from "../domain/people.ts";
import { GAVE_UP, GROUP_REMINDER_KINDS, type Reminder, type ReminderKind, type ReminderOutcome } from "../domain/reminder.ts";
import { silentLogger, type Logger } from "../logger.ts";
import type { Delivery, DeliveryResult } from "../ports/delivery.ts";
import { noMetrics, type Metrics } from "../ports/metrics.ts";
import { auditRecord } from "../services/audit-trail.ts";
import type { Core } from "../services/core.ts";
import { availabilityFor, deliveryTime } from "../services/availability.ts";
import { escalationTarget } from "./escalation-target.ts";
import { digestMessage, reminderMessage, undeliverableMessage } from "./reminder-message.ts";
import { loadSubject, type ReminderSubject } from "./reminder-subject.ts";
import { sendGroupReminder } from "./send-group-reminder.ts";
import { unpostedKey } from "../services/group-reminders.ts";

export interface SweepOptions {
  /** Reminders claimed per round trip to the database. */
  batch?: number;
  /**
   * How long a claim lasts. A sender that dies holding claims loses them when it ends, and
   * another sweep sends them. It must outlast a batch's sends, or a slow sender's rows could
   * be claimed and sent a second time by another process.
   */
  leaseMs?: number;
  /** Attempts before a failing delivery is treated as permanent. */
  maxAttempts?: number;
  log?: Logger;
  /** Whose claims these are: a process's scheduler uses one token, so it can release what it holds when it stops (default: one per sweep). */
  token?: string;
  /** Asked before each reminder: true ends the sweep there, leaving the rest of the batch claimed under `token` for the caller to release. */
  stopping?: () => boolean;
  /** Called after each reminder is settled: the sweep is making progress. */
  progress?: () => void;
  /** Counts reminders sent and failed, by kind. */
  metrics?: Metrics;
}

export type SweepTally = Record<"sent" | "retried" | "throttled" | "deferred" | "cancelled" | "failed" | "lost", number>;

const DEFAULTS = { batch: 50, leaseMs: 10 * 60_000, maxAttempts: 10, stopping: () => false, progress: () => {}, metrics: noMetrics };
/** A claimed reminder is only sent while at least this much of its lease is left. */
const LEASE_MARGIN_MS = 60_000;
/** Kinds that lead up to a deadline: quiet hours may not push them past it. */
const BEFORE_KINDS: readonly ReminderKind[] = ["before", "action-before", "action-due", "snoozed"];

/**
 * One sweep: claims due reminders a batch at a time and settles each one: sent, retried
 * later, moved into the recipient's working hours, cancelled as no longer needed, or
 * failed for good and escalated. Each send is settled before the next starts, so a crash
 * leaves at most the one in flight to be sent again.
 */
export async function sweepReminders(core: Core, delivery: Delivery, options: SweepOptions = {}): Promise<SweepTally> {
  const opts = { ...DEFAULTS, log: silentLogger, token: randomUUID(), ...options };
  const token = opts.token;
  const tally: SweepTally = { sent: 0, retried: 0, throttled: 0, deferred: 0, cancelled: 0, failed: 0, lost: 0 };
  for (;;) {
    if (opts.stopping()) return tally;
    const claimed = await core.storage.schedule.claimDue(core.clock.now(), opts.batch, opts.leaseMs, token);
    let throttled = false;
    for (const reminder of claimed) {
      // Shutting down: the one in flight has been settled; the rest stay claimed for the caller to release.
      if (opts.stopping()) return tally;
      let result: Settled;
      try {
        result = await handle(core, delivery, reminder, token, opts);
      } catch (error) {
        // Our own failure (storage, a bug): the claim lapses and a later sweep tries again.
        opts.log.error("reminder.error", { reminderId: reminder.id, type: (error as Error)?.name ?? "unknown" });
        continue;
      }
      tally[result]++;
      if (result === "throttled") throttled = true;
      opts.progress();
      if (result === "sent" || result === "failed") opts.metrics.reminder(reminder.kind, result);
      if (result !== "sent" && result !== "deferred" && result !== "throttled") opts.log.info(`reminder.${result}`, { reminderId: reminder.id, kind: reminder.kind });
    }
    // Go round again until nothing is due: sending can schedule more (an undeliverable notice).
    // Not while the platform is throttling: the rows would come due again inside its window and
    // be claimed and put back over and over; the next sweep takes them once it has passed.
    if (claimed.length === 0 || throttled) return tally;
  }
}

type Opts = Required<SweepOptions>;
type Settled = keyof SweepTally;

/** Settles a claimed reminder and says how: `result`, or "lost" when the claim had lapsed to another sweep. */
async function settleAs(core: Core, reminder: Reminder, token: string, result: Settled, outcome: ReminderOutcome, audit: AuditRecord[] = []): Promise<Settled> {
  return (await core.storage.schedule.settle(reminder.id, token, outcome, audit)) ? result : "lost";
}

async function handle(core: Core, delivery: Delivery, reminder: Reminder, token: string, opts: Opts): Promise<Settled> {
  const now = core.clock.now();
  const settle = (result: Settled, outcome: ReminderOutcome, audit: AuditRecord[] = []) => settleAs(core, reminder, token, result, outcome, audit);
  const cancel = (reason: string, audit: AuditRecord[] = []) => settle("cancelled", { status: "cancelled", reason }, audit);
  // The claim's lease ends at availableAt. Sending this near its end (slow sends before it)
  // could race another sweep that takes the row when it lapses: hand it back to be claimed afresh.
  if (reminder.availableAt.getTime() - now.getTime() < Math.min(LEASE_MARGIN_MS, opts.leaseMs / 2)) {
    return settle("deferred", { status: "retry", availableAt: now, reason: "lease-ending", countsAsAttempt: false });
  }

  if (reminder.kind === "digest") return sendDigest(core, delivery, reminder, token, opts);
  if (reminder.kind === "notice") return sendNotice(core, delivery, reminder, token, opts);
  if (GROUP_REMINDER_KINDS.includes(reminder.kind)) {
    return sendGroupReminder(core, reminder, {
      cancel,
      defer: (until) => settle("deferred", { status: "retry", availableAt: until, reason: "quiet-hours", countsAsAttempt: false }),
      wait: (person, deadline) => quietHoursWait(core, person, now, deadline),
      send: (person, message, audit) => deliver(core, delivery, reminder, token, person, message, audit, opts),
      post: (channel, message, audit) => (delivery.post ? attempt(core, () => delivery.post!(channel, message, reminder.id), reminder, token, null, audit, opts) : cancel("no-channels-here")),
    });
  }
  const subject = await loadSubject(core, reminder);
  if (!subject || subject.deadline.status !== "open") return cancel("no-longer-needed");
  if (BEFORE_KINDS.includes(reminder.kind)) {
    // Late (the bot was down): a reminder ahead of a deadline that has passed, or one a later
    // reminder of the same deadline supersedes, would only be noise; the latest one goes.
    if (now.getTime() >= subject.deadline.dueAt.getTime()) return cancel("deadline-passed");
    if (await supersededFor(core, reminder, now)) return cancel("superseded");
  }

  const recipient = await recipientFor(core, reminder, subject, now);
  if (!recipient) {
    const detail = { deadlineId: subject.deadline.id, about: reminder.aboutId };
    return cancel("no-recipient", reminder.kind === "escalation" ? [auditRecord(core, null, "escalation.no-one", "reminder", reminder.id, detail)] : []);
  }
  const waitUntil = await quietHoursWait(core, recipient, now, BEFORE_KINDS.includes(reminder.kind) ? subject.deadline.dueAt : undefined);
  if (waitUntil === null) return cancel("quiet-hours");
  if (waitUntil) return settle("deferred", { status: "retry", availableAt: waitUntil, reason: "quiet-hours", countsAsAttempt: false });

  const message =
    reminder.kind === "undeliverable"
      ? undeliverableMessage(subject, (await core.storage.people.findById(reminder.recipientId)) ?? subject.about, await failureReason(core, reminder), core.prompts)
      : reminderMessage(reminder, subject, now, core.prompts);
  const sentAudit = auditRecord(core, null, reminder.kind === "escalation" ? "escalation.sent" : "reminder.sent", "reminder", reminder.id, {
    kind: reminder.kind,
    deadlineId: subject.deadline.id,
    ...(subject.deadline.noteId && { noteId: subject.deadline.noteId }),
    to: recipient.id,
    about: reminder.aboutId,
  });
  const outcome = await deliver(core, delivery, reminder, token, recipient, message, sentAudit, opts);
  if (outcome === "sent" && reminder.kind === "escalation") await scheduleDigest(core, recipient, now);
  return outcome;
}

/** Sends a direct message, then settles by what the platform said: sent, retried with backoff, or failed and escalated. */
async function deliver(core: Core, delivery: Delivery, reminder: Reminder, token: string, recipient: Person, message: OutboundMessage, sentAudit: AuditRecord, opts: Opts): Promise<Settled> {
  return attempt(core, () => delivery.send(recipient, message, reminder.id), reminder, token, recipient, sentAudit, opts);
}

/**
 * One try at sending (`send`), settled by its result: sent; throttled (again after
 * Retry-After, not counted as an attempt); retried with backoff (never sooner than
 * Retry-After); or failed, when whoever `recipient` is (a person, or null for a
 * channel) could not be reached, and then their manager is told.
 */
async function attempt(core: Core, send: () => Promise<DeliveryResult>, reminder: Reminder, token: string, recipient: Person | null, sentAudit: AuditRecord, opts: Opts): Promise<Settled> {
  const now = core.clock.now();
  let result: DeliveryResult;
  try {
    result = await send();
  } catch {
    result = { status: "retry", reason: "send-error" };
  }
  if (result.status === "delivered") return settleAs(core, reminder, token, "sent", { status: "sent", at: now, recipientId: recipient?.id ?? reminder.recipientId }, [sentAudit]);
  if (result.status === "retry" && result.throttled) {
    // The platform is rate limiting, not refusing: no attempt is used up (a long storm would
    // otherwise spend them all and escalate a message nobody refused), and it goes again once
    // the platform's window has passed.
    const wait = result.retryAfterMs ?? backoffMs(0);
    return settleAs(core, reminder, token, "throttled", { status: "retry", availableAt: new Date(now.getTime() + wait), reason: result.reason, countsAsAttempt: false });
  }
  if (result.status === "retry" && reminder.attempts + 1 < opts.maxAttempts) {
    const wait = Math.max(result.retryAfterMs ?? 0, backoffMs(reminder.attempts));
    return settleAs(core, reminder, token, "retried", { status: "retry", availableAt: new Date(now.getTime() + wait), reason: result.reason, countsAsAttempt: true });
  }
  const reason = result.status === "retry" ? `${GAVE_UP}${result.reason}` : result.reason;
  const failed = auditRecord(core, null, "reminder.failed", "reminder", reminder.id, { kind: reminder.kind, to: recipient?.id ?? "channel", reason });
  if ((await settleAs(core, reminder, token, "failed", { status: "failed", reason }, [failed])) === "lost") return "lost";
  // Someone who cannot be reached at all: their manager is told instead (once per failed reminder).
  if (recipient && reminder.kind !== "undeliverable" && reminder.deadlineId) {
    await core.storage.schedule.schedule([
      // aboutId: whose deadline it is; recipientId: who could not be reached (replaced when sent).
      { id: core.newId(), key: `${UNDELIVERABLE}${reminder.id}`, kind: "undeliverable", deadlineId: reminder.deadlineId, aboutId: reminder.aboutId, recipientId: recipient.id, dueAt: now, createdAt: now },
    ]);
  }
  // A team channel that would not take the announcement (the bot not in it): the facilitator is told.
  if (!recipient && reminder.kind === "group-announce" && reminder.deadlineId) {
    await core.storage.schedule.schedule([
      { id: core.newId(), key: unpostedKey(reminder.id), kind: "group-unposted", deadlineId: reminder.deadlineId, aboutId: reminder.aboutId, recipientId: reminder.recipientId, dueAt: now, createdAt: now },
    ]);
  }
  return "failed";
}

/** Whether another reminder ahead of the same deadline, for the same person, is also due and later. */
async function supersededFor(core: Core, reminder: Reminder, now: Date): Promise<boolean> {
  const pending = await core.storage.schedule.reminders({ deadlineId: reminder.deadlineId!, recipientId: reminder.recipientId, status: "pending" });
  return pending.some((r) => r.id !== reminder.id && BEFORE_KINDS.includes(r.kind) && r.dueAt.getTime() > reminder.dueAt.getTime() && r.dueAt.getTime() <= now.getTime());
}

/**
 * Who gets the message now. An escalation goes to whoever takes escalations for the person
 * today (an action's recorder first, when the plan named one); a could-not-reach notice the
 * same way, passing over the one who could not be reached. Anything else goes to its
 * recipient while they are still on the roster.
 */
async function recipientFor(core: Core, reminder: Reminder, subject: ReminderSubject, now: Date): Promise<Person | null> {
  if (reminder.kind === "escalation") {
    const preferred = reminder.recipientId !== reminder.aboutId ? await core.storage.people.findById(reminder.recipientId) : null;
    return escalationTarget(core, subject.about, now, preferred);
  }
  if (reminder.kind === "undeliverable") return escalationTarget(core, subject.about, now, null, reminder.recipientId);
  const recipient = await core.storage.people.findById(reminder.recipientId);
  return recipient?.active ? recipient : null;
}

/**
 * Undefined when the person can be messaged now; otherwise when they can (their next working
 * start, or for a reminder ahead of a deadline the last working moment before it), or null
 * when that moment has already gone.
 */
async function quietHoursWait(core: Core, person: Person, now: Date, deadline?: Date): Promise<Date | null | undefined> {
  const hours = await availabilityFor(core, person, now);
  if (isWithinWorkingHours(now, hours)) return undefined;
  return deliveryTime(now, hours, { deadline, now });
}

/** A notice queued by a turn: its own message, to its recipient while on the roster, in their working hours. */
async function sendNotice(core: Core, delivery: Delivery, reminder: Reminder, token: string, opts: Opts): Promise<Settled> {
  const now = core.clock.now();
  const recipient = await core.storage.people.findById(reminder.recipientId);
  const message = storedMessage(reminder.message);
  if (!recipient?.active || !message) return settleAs(core, reminder, token, "cancelled", { status: "cancelled", reason: recipient?.active ? "no-message" : "no-recipient" });
  const waitUntil = await quietHoursWait(core, recipient, now);
  if (waitUntil) return settleAs(core, reminder, token, "deferred", { status: "retry", availableAt: waitUntil, reason: "quiet-hours", countsAsAttempt: false });
  const sentAudit = auditRecord(core, null, "reminder.sent", "reminder", reminder.id, { kind: reminder.kind, to: recipient.id });
  return deliver(core, delivery, reminder, token, recipient, message, sentAudit, opts);
}

async function sendDigest(core: Core, delivery: Delivery, reminder: Reminder, token: string, opts: Opts): Promise<Settled> {
  const now = core.clock.now();
  const manager = await core.storage.people.findById(reminder.recipientId);
  const items = manager?.active ? await overdueEscalatedTo(core, manager.id) : [];
  if (!manager || items.length === 0) return settleAs(core, reminder, token, "cancelled", { status: "cancelled", reason: "nothing-overdue" });
  const waitUntil = await quietHoursWait(core, manager, now);
  if (waitUntil) return settleAs(core, reminder, token, "deferred", { status: "retry", availableAt: waitUntil, reason: "quiet-hours", countsAsAttempt: false });
  const sentAudit = auditRecord(core, null, "reminder.sent", "reminder", reminder.id, { kind: "digest", to: manager.id, items: items.length });
  const outcome = await deliver(core, delivery, reminder, token, manager, digestMessage(items, core.prompts), sentAudit, opts);
  if (outcome === "sent") await scheduleDigest(core, manager, now);
  return outcome;
}

/** Deadlines still open that a manager has been sent an escalation about, one entry each. */
async function overdueEscalatedTo(core: Core, managerId: string): Promise<ReminderSubject[]> {
  const escalations = await core.storage.schedule.reminders({ recipientId: managerId, kind: "escalation", status: "sent" });
  const items = new Map<string, ReminderSubject>();
  for (const escalation of escalations) {
    if (!escalation.deadlineId || items.has(escalation.deadlineId)) continue;
    const subject = await loadSubject(core, escalation);
    if (subject?.deadline.status === "open") items.set(escalation.deadlineId, subject);
  }
  return [...items.values()];
}

/** The manager's overdue digest on their next working day at the profile's digest time; one per day. */
async function scheduleDigest(core: Core, manager: Person, now: Date): Promise<void> {
  const hours = await availabilityFor(core, manager, now);
  const day = addWorkingDays(londonDateOf(now), 1, hours.days);
  const at = deliveryTime(atLondonTime(day, core.settings.profile.reminders.digestAt), hours) ?? atLondonTime(day, hours.start);
  await core.storage.schedule.schedule([
    { id: core.newId(), key: `digest|${manager.id}|${isoDate(londonDateOf(at))}`, kind: "digest", deadlineId: null, aboutId: manager.id, recipientId: manager.id, dueAt: at, createdAt: now },
  ]);
}

/** 30 s, 1 min, 2 min … up to an hour, with a little jitter so senders spread out. */
function backoffMs(attempts: number): number {
  const base = Math.min(30_000 * 2 ** attempts, 3_600_000);
  return Math.round(base * (0.9 + Math.random() * 0.2));
}

const UNDELIVERABLE = "undeliverable|";

/** Why the reminder an undeliverable row stands for failed: a platform code such as "user_not_found". */
async function failureReason(core: Core, undeliverable: Reminder): Promise<string> {
  const failed = await core.storage.schedule.findReminder(undeliverable.key.slice(UNDELIVERABLE.length));
  return failed?.lastError ?? "not reachable";
}
