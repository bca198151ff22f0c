import { formatLondon } from "../domain/london-time.ts";
import type { Person } from "../domain/people.ts";
import type { Core } from "../services/core.ts";
import { listMyNotes } from "../services/list-case-notes.ts";
import { myWork, type ReminderItem } from "../services/my-work.ts";
import type { CaseDueItem } from "../services/cases-due.ts";
import { supervisionTodo } from "./supervision-todo.ts";
import type { Prompts } from "../prompts/prompts.ts";
import { message, type Block } from "../content/message.ts";
import { noteLine } from "./note-view.ts";
import type { BotReply } from "./reply.ts";

/** Lines shown per list: the answer stays short enough to read on a phone; the rest are counted. */
const SHOWN = 10;

/**
 * `mine`, on every platform: the person's open actions and the reminders they can still put
 * off, each with the id its command needs (`done <action>`, `snooze <reminder> 1h`), then the
 * notes they took part in. One short line each: case references and ids, never a name.
 */
export async function mineReply(core: Core, actor: Person): Promise<BotReply> {
  const say = core.prompts.say;
  const now = core.clock.now();
  const [work, notes] = await Promise.all([myWork(core, actor), listMyNotes(core, actor)]);
  const supervision = supervisionTodo(work.supervision, actor, core.prompts);
  if (!work.actions.length && !work.reminders.length && !work.casesDue.length && !supervision.length && !notes.length) return { message: message(say("mine.none")) };
  const late = (at: Date) => (at.getTime() < now.getTime() ? say("home.overdue") : "");
  const blocks: Block[] = [];
  const lines: string[] = [];
  const section = (heading: string, items: string[]) => {
    if (!items.length) return;
    const shown = items.length > SHOWN ? [...items.slice(0, SHOWN), say("home.more", { count: items.length - SHOWN })] : items;
    blocks.push({ type: "heading", text: heading }, { type: "list", items: shown });
    lines.push(heading, ...shown.map((item) => `  ${item}`));
  };
  section(
    say("mine.actions", { count: work.actions.length }),
    work.actions.map((i) => say("mine.action", { action: i.action!.id, what: i.action!.what, caseRef: i.note.fields.caseRef ?? "?", due: formatLondon(i.dueAt), late: late(i.dueAt) })),
  );
  section(say("mine.reminders", { count: work.reminders.length }), work.reminders.map((r) => reminderLine(r, core, late)));
  section(say("mine.supervision", { count: supervision.length }), supervision);
  section(say("mine.cases", { count: work.casesDue.length }), work.casesDue.map((c) => say("mine.case", { ...caseParams(c, core.prompts), late: late(c.dueAt) })));
  section(say("mine.heading", { count: notes.length }), notes.map((n) => noteLine(n, core.prompts)));
  return { message: { text: lines.join("\n"), blocks } };
}

/** A case's line: its reference, category, date and, when it is a report's case, whose. */
export function caseParams(item: CaseDueItem, prompts: Prompts): { caseRef: string; category: string; due: string; whose: string } {
  return { caseRef: item.caseRef, category: item.category, due: formatLondon(item.dueAt), whose: item.reportHandle ? prompts.say("mine.case-whose", { handle: item.reportHandle }) : "" };
}

function reminderLine(item: ReminderItem, core: Core, late: (at: Date) => string): string {
  const say = core.prompts.say;
  const about = item.action ? say("mine.about-action", { what: item.action.what }) : say(item.deadline.rule === "note.on-case-record" ? "mine.about-record" : "mine.about-note", { id: item.note.id });
  const snoozed = item.snoozedUntil ? say("mine.snoozed", { at: formatLondon(item.snoozedUntil) }) : "";
  return say("mine.reminder", { reminder: item.reminder.id, about, caseRef: item.note.fields.caseRef ?? "?", due: formatLondon(item.deadline.dueAt), late: late(item.deadline.dueAt), snoozed });
}
