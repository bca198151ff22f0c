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
  const today = londonDateOf(core.clock.now());
  const from = readDate(args[0]!, today.year);
  const to = args[1] ? readDate(args[1], Number(from.slice(0, 4))) : from;
  const absence = await recordAbsence(core, actor.id, actor, from, to);
  return { message: message(say("away.recorded", { from: absence.fromDate, to: absence.toDate, id: absence.id })) };
}

/** "24/12", "24/12/2026" or "2026-12-24" → "2026-12-24"; a day/month alone is in `year`. */
function readDate(typed: string, year: number): string {
  if (/^\d{4}-\d\d-\d\d$/.test(typed)) return typed;
  const match = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?$/.exec(typed);
  if (!match) throw new AppError("ABSENCE.BAD_DATE", `"${typed}" is not a date like 24/12 or 2026-12-24.`, { date: typed });
  const pad = (n: string) => n.padStart(2, "0");
  return `${match[3] ?? year}-${pad(match[2]!)}-${pad(match[1]!)}`;
}
