import type { Block, Button, OutboundMessage } from "../content/message.ts";
import type { Deadline, DeadlineRule } from "../domain/deadline.ts";
import { formatLondon } from "../domain/london-time.ts";
import type { NoteAction, OversightNote } from "../domain/note.ts";
import type { Person } from "../domain/people.ts";
import type { Reminder } from "../domain/reminder.ts";
import type { PromptKey, Prompts } from "../prompts/prompts.ts";

/** What a reminder is about, loaded fresh when it is sent. */
export interface ReminderSubject {
  deadline: Deadline;
  note: OversightNote;
  action: NoteAction | null;
  /** Whose deadline it is. */
  about: Person;
}

type Area = "note" | "record" | "action";

/**
 * The direct message for one reminder, overdue notice or escalation: the case reference
 * and note id, never a name, with the buttons that settle it in one click (docs/design.md#reminders-and-escalation).
 */
export function reminderMessage(reminder: Reminder, subject: ReminderSubject, now: Date, prompts: Prompts): OutboundMessage {
  const { deadline, note, action, about } = subject;
  const area = areaOf(deadline.rule);
  const params = {
    id: note.id,
    caseRef: note.fields.caseRef ?? "?",
    due: formatLondon(deadline.dueAt),
    left: timeLeft(deadline.dueAt.getTime() - now.getTime()),
    what: action?.what ?? "",
    name: about.name,
  };
  const phase = reminder.kind === "escalation" ? "escalation" : reminder.kind === "overdue" ? "overdue" : "reminder";
  // A group supervision note is named as such; its deadlines are otherwise a note's.
  const wording = note.fields.kind === "group-supervision" && area !== "action" ? `group-${area}` : area;
  const text = prompts.say(`${phase}.${wording}` as PromptKey, params);
  const blocks: Block[] = [{ type: "text", text }];
  const buttons = phase === "escalation" ? [{ actionId: "show", label: prompts.say("button.show"), value: note.id }] : [settleButton(area, note, action, prompts), ...snoozeButtons(reminder, phase, prompts)];
  blocks.push({ type: "buttons", buttons });
  return { text, blocks };
}

/** The daily list of overdue items a manager has been told about, one line each. */
export function digestMessage(items: readonly ReminderSubject[], prompts: Prompts): OutboundMessage {
  const text = prompts.say("digest.heading", { count: items.length });
  const lines = items.map(({ deadline, note, action, about }) =>
    prompts.say("digest.line", { caseRef: note.fields.caseRef ?? "?", id: action?.id ?? note.id, what: prompts.say(`rule.${areaOf(deadline.rule)}` as PromptKey), name: about.name, due: formatLondon(deadline.dueAt) }),
  );
  return { text: [text, ...lines].join("\n"), blocks: [{ type: "heading", text }, { type: "list", items: lines }] };
}

/** Told to a manager when someone (the person whose deadline it is, or their manager) could not be reached at all. */
export function undeliverableMessage(subject: ReminderSubject, unreachable: Person, reason: string, prompts: Prompts): OutboundMessage {
  const { deadline, note, about } = subject;
  const text = prompts.say(unreachable.id === about.id ? "undeliverable.text" : "undeliverable.escalation", {
    unreachable: unreachable.name,
    name: about.name,
    reason,
    caseRef: note.fields.caseRef ?? "?",
    what: prompts.say(`rule.${areaOf(deadline.rule)}` as PromptKey),
    due: formatLondon(deadline.dueAt),
  });
  return { text, blocks: [{ type: "text", text }] };
}

function areaOf(rule: DeadlineRule): Area {
  if (rule === "action.due") return "action";
  return rule === "note.on-case-record" ? "record" : "note";
}

function settleButton(area: Area, note: OversightNote, action: NoteAction | null, prompts: Prompts): Button {
  if (area === "action") return { actionId: "done", label: prompts.say("button.done"), value: action!.id, style: "primary" };
  if (area === "record") return { actionId: "on-record", label: prompts.say("button.on-record"), value: note.id, style: "primary" };
  return { actionId: "finish", label: prompts.say("button.complete"), value: note.id, style: "primary" };
}

/** Snoozing is for reminders before a deadline; an overdue notice is not put off. */
function snoozeButtons(reminder: Reminder, phase: string, prompts: Prompts): Button[] {
  if (phase !== "reminder") return [];
  return (["1h", "3h", "tomorrow"] as const).map((span) => ({ actionId: "snooze", label: prompts.say(`button.snooze-${span}`), value: `${reminder.id} ${span}` }));
}

/** "2 days 3 hours", "4 hours", "35 minutes": how long until the deadline. */
export function timeLeft(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const parts = [];
  if (days) parts.push(`${days} day${days === 1 ? "" : "s"}`);
  if (hours) parts.push(`${hours} hour${hours === 1 ? "" : "s"}`);
  if (!days && minutes % 60) parts.push(`${minutes % 60} minute${minutes % 60 === 1 ? "" : "s"}`);
  return parts.join(" ") || "no time";
}
