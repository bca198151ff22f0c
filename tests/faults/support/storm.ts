// What the rate-limit storm tests share: a clock that runs in real time (so the bot's
// Retry-After windows and the fake platform's arrival times are on one time line), notices to
// seed, and the check that nothing was sent inside a window.
import { message } from "../../../src/content/message.ts";
import { FixedClock } from "../../../src/domain/clock.ts";
import type { NewReminder } from "../../../src/domain/reminder.ts";
import type { Core } from "../../../src/services/core.ts";

/**
 * A clock that starts at `start` and then runs with Date.now(), the time the fakes stamp their
 * calls with: a window the bot reckons on it is a window in the fakes' time too.
 */
export class RunningClock extends FixedClock {
  private readonly offset: number;
  constructor(start: string) {
    super(start);
    this.offset = new Date(start).getTime() - Date.now();
  }
  override now(): Date {
    return new Date(Date.now() + this.offset);
  }
}

/** `count` notices to the people with ids `to` (round robin), due a minute before `at`. */
export function notices(prefix: string, count: number, to: readonly string[], at: Date): NewReminder[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `${prefix}${String(i).padStart(3, "0")}`;
    const recipient = to[i % to.length]!;
    const dueAt = new Date(at.getTime() - 60_000);
    return { id, key: `notice|storm|${id}`, kind: "notice", deadlineId: null, aboutId: recipient, recipientId: recipient, dueAt, createdAt: dueAt, message: JSON.stringify(message(`Notice ${id}`)) };
  });
}

/** The notice id in a sent text ("Notice s012"), or undefined. */
export const noticeId = (text: string): string | undefined => /Notice ([a-z]\d{3})/.exec(text)?.[1];

/**
 * Calls that arrived inside a Retry-After window: after a 429 that arrived at `at` and said
 * `retryAfterMs`, before `at + retryAfterMs`. Calls are in arrival order.
 */
export function insideWindows(calls: readonly { at: number; status: number; retryAfterMs?: number }[]): number {
  let inside = 0;
  let openAt = -Infinity;
  for (const call of calls) {
    if (call.at < openAt) inside++;
    if (call.status === 429 && call.retryAfterMs !== undefined) openAt = Math.max(openAt, call.at + call.retryAfterMs);
  }
  return inside;
}

/**
 * Sweeps until no notice is pending, as the scheduler's loop would (sweep, wait a little, sweep
 * again), at most `rounds` times. Returns the summed tally and how many sweeps it took.
 */
export async function sweepUntilSent(core: Core, sweep: () => Promise<Record<string, number>>, rounds = 2_000): Promise<{ tally: Record<string, number>; sweeps: number }> {
  const tally: Record<string, number> = {};
  for (let sweeps = 1; sweeps <= rounds; sweeps++) {
    for (const [k, n] of Object.entries(await sweep())) tally[k] = (tally[k] ?? 0) + n;
    if ((await core.storage.schedule.reminders({ kind: "notice", status: "pending" })).length === 0) return { tally, sweeps };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`notices still pending after ${rounds} sweeps`);
}
