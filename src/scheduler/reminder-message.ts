import type { Block, Button, OutboundMessage } from "../content/message.ts";
import { formatLondon } from "../domain/london-time.ts";
import type { Person } from "../domain/people.ts";
import type { Reminder } from "../domain/reminder.ts";
import type { PromptKey, Prompts } from "../prompts/prompts.ts";
import type { ReminderSubject } from "./reminder-subject.ts";

/**
 * The direct message for one reminder, overdue notice or escalation: the case reference
 * and the id, never a name of a child, with the buttons that settle it in one click
 * (docs/design.md#reminders-and-escalation).
 */
export function reminderMessage(reminder: Reminder, subject: ReminderSubject, now: Date, prompts: Prompts): OutboundMessage {
  const { deadline, about } = subject;
  const params = {
    id: subject.id,
    caseRef: subject.caseRef ?? "?",
    due: formatLondon(deadline.dueAt),
    left: timeLeft(deadline.dueAt.getTime() - now.getTime()),
    what: subject.what,
    name: about.name,
  };
  const phase = reminder.kind === "escalation" ? "escalation" : reminder.kind === "overdue" ? "overdue" : "reminder";
  const text = prompts.say(`${phase}.${subject.area}` as PromptKey, params);
  const blocks: Block[] = [{ type: "text", text }];
  const buttons = phase === "escalation" ? [subject.show] : [subject.settle, ...snoozeButtons(reminder, phase, prompts)];
  const shown = buttons.filter((b) => b !== null);
  if (shown.length) blocks.push({ type: "buttons", buttons: shown });
  return { text, blocks };
}

/** The daily list of overdue items a manager has been told about, one line each. */
export function digestMessage(items: readonly ReminderSubject[], prompts: Prompts): OutboundMessage {
  const text = prompts.say("digest.heading", { count: items.length });
  const lines = items.map((item) =>
    prompts.say("digest.line", { caseRef: item.caseRef ?? "?", id: item.id, what: prompts.say(`rule.${item.area}` as PromptKey), name: item.about.name, due: formatLondon(item.deadline.dueAt) }),
  );
  return { text: [text, ...lines].join("\n"), blocks: [{ type: "heading", text }, { type: "list", items: lines }] };
}

/** Told to a manager when someone (the person whose deadline it is, or their manager) could not be reached at all. */
export function undeliverableMessage(subject: ReminderSubject, unreachable: Person, reason: string, prompts: Prompts): OutboundMessage {
  const text = prompts.say(unreachable.id === subject.about.id ? "undeliverable.text" : "undeliverable.escalation", {
    unreachable: unreachable.name,
    name: subject.about.name,
    reason,
    caseRef: subject.caseRef ?? "?",
    what: prompts.say(`rule.${subject.area}` as PromptKey),
    due: formatLondon(subject.deadline.dueAt),
  });
  return { text, blocks: [{ type: "text", text }] };
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
