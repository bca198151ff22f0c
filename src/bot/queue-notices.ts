import type { Logger } from "../logger.ts";
import type { NewReminder } from "../domain/reminder.ts";
import type { Core } from "../services/core.ts";
import type { BotReply } from "./reply.ts";

/**
 * A turn's messages for other people (participants told a note was recorded, a colleague
 * asked to swap) as durable rows, sent by the scheduler like reminders: in the person's
 * working hours, retried after a platform's rate limit or outage. `handleInbound` stores them
 * in the turn's own transaction (the outbox), so they are queued exactly when what the turn
 * did is stored. Throws if they cannot be stored: the turn then stores nothing.
 */
export async function queueTurnNotices(core: Core, eventId: string, notices: NonNullable<BotReply["notify"]>): Promise<number> {
  if (notices.length === 0) return 0;
  await core.storage.schedule.schedule(noticeRows(core, eventId, notices));
  return notices.length;
}

/**
 * Queues notices on their own, after something already stored (e.g. a summary for a platform
 * whose dialog closed): a failure is logged and what the person did stands. The running
 * scheduler is woken to send them at once.
 */
export async function queueNotices(core: Core, log: Logger, eventId: string, notices: NonNullable<BotReply["notify"]>): Promise<void> {
  if (notices.length === 0) return;
  try {
    await core.storage.schedule.schedule(noticeRows(core, eventId, notices));
  } catch (error) {
    // What the person did is stored; only telling the others failed.
    log.error("notice.not-queued", { eventId, type: (error as Error)?.name ?? "unknown" });
    return;
  }
  core.wake?.();
}

function noticeRows(core: Core, eventId: string, notices: NonNullable<BotReply["notify"]>): NewReminder[] {
  const now = core.clock.now();
  return notices.map((notice, i) => ({
    id: core.newId(),
    // One row per notice of this event, whichever process or retry queues it.
    key: `notice|${eventId}|${i}|${notice.personId}`,
    kind: "notice" as const,
    deadlineId: null,
    aboutId: notice.personId,
    recipientId: notice.personId,
    dueAt: now,
    createdAt: now,
    message: JSON.stringify(notice.message),
  }));
}
