import { formatDay, parseLondonDate } from "../calendar/london-date.ts";
import type { Person } from "../domain/people.ts";
import type { Prompts } from "../prompts/prompts.ts";
import type { MySupervision } from "../services/my-supervision.ts";

const day = (iso: string) => formatDay(parseLondonDate(iso));

/**
 * What formal supervision asks of a person now, one line each with the command that settles
 * it (for `mine` and the home page; `supervision` shows the whole picture): their next
 * session, notes to sign, references to record, their agreement to sign; and for their
 * supervisees, sessions past their day and not held, notes to circulate, agreements to sign.
 */
export function supervisionTodo(work: MySupervision, actor: Person, prompts: Prompts): string[] {
  const say = prompts.say;
  const lines: string[] = [];
  const own = work.own;
  if (own) {
    const next = own.planned[0];
    if (next) lines.push(say(own.overdue.includes(next) ? "todo.supervision.own-overdue" : "todo.supervision.next", { date: day(next.date), id: next.id }));
    lines.push(...own.toSign.map((s) => say("todo.supervision.sign", { date: day(s.date), id: s.id })));
    lines.push(...own.toRecord.map((s) => say("todo.supervision.record", { date: day(s.date), id: s.id })));
    if (own.agreementUnsignedBy.includes(actor.id)) lines.push(say("todo.agreement.sign-own"));
  }
  for (const s of work.supervisees) {
    const handle = s.supervisee.handle;
    lines.push(...s.overdue.map((p) => say("todo.supervision.overdue", { handle, date: day(p.date), id: p.id })));
    lines.push(...s.toCirculate.map((p) => say("todo.supervision.circulate", { handle, date: day(p.date), id: p.id })));
    if (s.agreementUnsignedBy.includes(actor.id)) lines.push(say("todo.agreement.sign-for", { handle }));
  }
  return lines;
}
