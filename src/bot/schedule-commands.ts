import { isoDate, londonDateOf } from "../calendar/london-date.ts";
import { AppError } from "../domain/errors.ts";
import { formatLondon } from "../domain/london-time.ts";
import type { Person } from "../domain/people.ts";
import { SNOOZE_SPANS, snoozeReminder, type SnoozeSpan } from "../scheduler/snooze-reminder.ts";
import { cancelAbsenceOf, recordAbsence } from "../services/record-absence.ts";
import type { Core } from "../services/core.ts";
import { message } from "../content/message.ts";
import type { BotReply } from "./reply.ts";

/** `snooze <reminder> 1h|3h|tomorrow`: the snooze buttons on a reminder. */
export async function snoozeCommand(core: Core, actor: Person, args: string[]): Promise<BotReply> {
  const [reminderId, span] = args;
  if (!reminderId || !SNOOZE_SPANS.includes(span as SnoozeSpan)) throw new AppError("COMMAND.USAGE", core.prompts.say("usage.snooze"));
  const snoozed = await snoozeReminder(core, actor, reminderId, span as SnoozeSpan);
  const key = snoozed.already ? "snooze.already" : snoozed.capped ? "snooze.capped" : "snooze.done";
  return { message: message(core.prompts.say(key, { at: formatLondon(snoozed.at) })) };
}

/**
 * `away` lists your absences; `away <from> [to]` records one (dates as 24/12, 24/12/2026
 * or 2026-12-24); `away cancel <id>` removes one.
 */
export async function awayCommand(core: Core, actor: Person, args: string[]): Promise<BotReply> {
  const say = core.prompts.say;
  if (args[0] === "cancel") {
    if (!args[1]) throw new AppError("COMMAND.USAGE", say("usage.away"));
    await cancelAbsenceOf(core, actor.id, actor, args[1]);
    return { message: message(say("away.cancelled", { id: args[1] })) };
  }
  if (args.length === 0) {
    const today = isoDate(londonDateOf(core.clock.now()));
    const coming = (await core.storage.schedule.absences(actor.id)).filter((a) => a.toDate >= today);
    if (!coming.length) return { message: message(say("away.none")) };
    const lines = coming.map((a) => say("away.line", { id: a.id, from: a.fromDate, to: a.toDate }));
    return { message: { text: lines.join("\n"), blocks: [{ type: "heading", text: say("away.heading") }, { type: "list", items: lines }] } };
  }
  const today = isoDate(londonDateOf(core.clock.now()));
  // A day and month alone ("24/12") is the nearest such day to today (booking ahead, or an
  // absence that began yesterday); the end is the first such day on or after the start, so
  // "away 24/12 2/1" runs across the new year.
  const from = readDate(args[0]!, today, (days) => nearestTo(today, days));
  const to = args[1] ? readDate(args[1], from, (days) => days.find((d) => d >= from)!) : from;
  const absence = await recordAbsence(core, actor.id, actor, from, to);
  return { message: message(say("away.recorded", { from: absence.fromDate, to: absence.toDate, id: absence.id })) };
}

/**
 * "24/12", "24/12/2026" or "2026-12-24" → "2026-12-24". A day/month alone is `choose`n from
 * that day in the year before `around`'s, its year and the year after (earliest first).
 */
function readDate(typed: string, around: string, choose: (days: string[]) => string): string {
  if (/^\d{4}-\d\d-\d\d$/.test(typed)) return typed;
  const match = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?$/.exec(typed);
  if (!match) throw new AppError("ABSENCE.BAD_DATE", `"${typed}" is not a date like 24/12 or 2026-12-24.`, { date: typed });
  const monthDay = `${match[2]!.padStart(2, "0")}-${match[1]!.padStart(2, "0")}`;
  if (match[3]) return `${match[3]}-${monthDay}`;
  const year = Number(around.slice(0, 4));
  return choose([year - 1, year, year + 1].map((y) => `${y}-${monthDay}`));
}

/** Of ISO dates, the one nearest `day` (the later on a tie). */
function nearestTo(day: string, days: string[]): string {
  const distance = (d: string) => Math.abs(Date.parse(`${d}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`));
  return days.reduce((best, d) => (distance(d) <= distance(best) ? d : best));
}
