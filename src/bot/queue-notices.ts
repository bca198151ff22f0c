import type { Logger } from "../logger.ts";
import type { Core } from "../services/core.ts";
import type { BotReply } from "./reply.ts";

/**
 * A turn's messages for other people (participants told a note was recorded, a colleague
 * asked to swap) become durable rows as the turn ends, sent by the scheduler like
 * reminders: in the person's working hours, retried after a platform's rate limit or
 * outage, and not lost once queued (a crash between the turn's own write and this one, a
 * few milliseconds, loses them). The running scheduler is woken to send them at once.
 */
export async function queueNotices(core: Core, log: Logger, eventId: string, notices: NonNullable<BotReply["notify"]>): Promise<void> {
  if (notices.length === 0) return;
  const now = core.clock.now();
  try {
    await core.storage.schedule.schedule(
      notices.map((notice, i) => ({
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
      })),
    );
  } catch (error) {
    // What the person did is stored; only telling the others failed.
    log.error("notice.not-queued", { eventId, type: (error as Error)?.name ?? "unknown" });
    return;
  }
  core.wake?.();
}

