import { parseLondonDate, formatDay } from "../calendar/london-date.ts";
import { message, type OutboundMessage } from "../content/message.ts";
import { maySeeSupervision } from "../domain/access.ts";
import { AppError } from "../domain/errors.ts";
import { formatLondon } from "../domain/london-time.ts";
import type { Person } from "../domain/people.ts";
import type { SupervisionAgreement, SupervisionSession } from "../domain/supervision.ts";
import type { PromptKey } from "../prompts/prompts.ts";
import type { Core } from "../services/core.ts";
import { Directory } from "../services/directory.ts";
import { heldDay } from "../services/plan-supervision.ts";
import { mySupervision, type SuperviseeSupervision } from "../services/my-supervision.ts";
import { agreementsFor, signAgreement } from "../services/supervision-agreements.ts";
import { cancelSession, caseRecordDone, moveSession, notesCirculated, notesSigned, recordHeld } from "../services/supervision-sessions.ts";
import type { BotReply } from "./reply.ts";

const day = (iso: string) => formatDay(parseLondonDate(iso));
const button = (label: string, words: string) => ({ actionId: "supervision", label, value: words, style: "primary" as const });

/**
 * `supervision …`: formal one-to-one supervision (docs/design.md#formal-supervision).
 * Alone: your next sessions and those of the people you supervise; `held`, `move`,
 * `circulated`, `signed`, `on-record` and `show` do the rest.
 */
export async function supervisionCommand(core: Core, actor: Person, args: string[]): Promise<BotReply> {
  const say = core.prompts.say;
  const [sub = "", first = "", ...rest] = args;
  const need = (ok: unknown) => {
    if (!ok) throw new AppError("COMMAND.USAGE", say("usage.supervision"), {});
  };
  const directory = await Directory.load(core.storage.people);
  const nameOf = (id: string) => directory.get(id)?.name ?? "?";
  const title = (s: SupervisionSession) => `${nameOf(s.supervisorId)} supervising ${nameOf(s.superviseeId)}`;
  const other = (s: SupervisionSession) => (s.supervisorId === actor.id ? s.superviseeId : s.supervisorId);
  switch (sub.toLowerCase()) {
    case "":
      return overview(core, actor);
    case "held": {
      // supervision held [@person] [date]
      const words = [first, ...rest].filter(Boolean);
      const named = words[0]?.startsWith("@") ? directory.resolve(words.shift()!, actor) : null;
      if (first.startsWith("@") && !named) throw new AppError("SUPERVISION.WHO", `I do not know "${first}" on the roster.`, {});
      const { session, next } = await recordHeld(core, actor, named, words.join(" "));
      const params = { title: title(session), date: day(heldDay(session)), next: next[0] ? day(next[0].date) : "-", by: actor.name, id: session.id };
      const toOther = other(session);
      const notice = toOther === session.supervisorId ? say("supervision.held-notice-supervisor", params) : say("supervision.held-notice", params);
      return { message: message(say("supervision.held", params)), notify: toOther === actor.id ? [] : [{ personId: toOther, message: message(notice) }] };
    }
    case "move":
    case "cancel": {
      // cancel <id> <reason>: re-planned at the earliest opportunity; move <id> <date> <reason>: to that day.
      const cancelling = sub.toLowerCase() === "cancel";
      need(first && (cancelling || rest[0]));
      const [when = "", ...why] = rest;
      const { from, to } = cancelling ? await cancelSession(core, actor, first, rest.join(" ")) : await moveSession(core, actor, first, when, why.join(" "));
      const params = { from: from.id, id: to.id, fromDate: day(from.date), toDate: day(to.date), reason: from.reason ?? "", by: actor.name };
      return { message: message(say("supervision.moved", params)), notify: [{ personId: other(from), message: message(say("supervision.moved-notice", params)) }] };
    }
    case "circulated": {
      need(first);
      const { session, changed } = await notesCirculated(core, actor, first);
      if (!changed) return { message: message(say("supervision.circulated-already", { id: session.id })) };
      const due = await signingDue(core, session);
      const ask = say("supervision.circulated-notice", { by: actor.name, id: session.id, date: day(session.date), due });
      const toSupervisee: OutboundMessage = { text: ask, blocks: [{ type: "text", text: ask }, { type: "buttons", buttons: [button(say("supervision.button.signed"), `signed ${session.id}`)] }] };
      return { message: message(say("supervision.circulated", { id: session.id, name: nameOf(session.superviseeId), due })), notify: [{ personId: session.superviseeId, message: toSupervisee }] };
    }
    case "signed": {
      need(first);
      const { session, changed } = await notesSigned(core, actor, first);
      if (!changed) return { message: message(say("supervision.signed-already", { id: session.id })) };
      return { message: message(say("supervision.signed", { id: session.id })), notify: [{ personId: session.supervisorId, message: message(say("supervision.signed-notice", { by: actor.name, id: session.id, date: day(session.date) })) }] };
    }
    case "on-record": {
      need(first);
      const { session, changed } = await caseRecordDone(core, actor, first);
      return { message: message(say(changed ? "supervision.on-record" : "supervision.on-record-already", { id: session.id, title: title(session) })) };
    }
    case "show": {
      need(first);
      const session = await core.storage.supervision.findSession(first.trim());
      if (!session || !maySeeSupervision(actor, session.superviseeId, directory.byId)) throw new AppError("SUPERVISION.NO_SESSION", "There is no supervision session with that id that you may see.", {});
      const lines = [say("supervision.show", { id: session.id, title: title(session), date: day(session.date), status: session.status })];
      if (session.replacesId) {
        const replaced = await core.storage.supervision.findSession(session.replacesId);
        if (replaced) lines.push(say("supervision.show-replaces", { date: day(replaced.date), id: replaced.id, reason: replaced.reason ?? "-" }));
      }
      const notYet = say("supervision.not-yet");
      const at = (d: Date | null) => (d ? formatLondon(d) : notYet);
      if (session.heldAt) lines.push(say("supervision.show-held", { held: at(session.heldAt), circulated: at(session.notesCirculatedAt), signed: at(session.notesSignedAt) }));
      return { message: { text: lines.join("\n"), blocks: lines.map((text) => ({ type: "text" as const, text })) } };
    }
    default:
      throw new AppError("COMMAND.USAGE", say("usage.supervision"), {});
  }
}

async function signingDue(core: Core, session: SupervisionSession): Promise<string> {
  const deadline = await core.storage.schedule.findDeadline(`supervision.notes-signed:${session.id}`);
  return deadline ? formatLondon(deadline.dueAt) : "-";
}

async function overview(core: Core, actor: Person): Promise<BotReply> {
  const say = core.prompts.say;
  const { own, supervisees } = await mySupervision(core, actor);
  const directory = await Directory.load(core.storage.people);
  const nameOf = (id: string | null) => (id ? (directory.get(id)?.name ?? "?") : "?");
  if (!own && supervisees.length === 0) return { message: message(say("supervision.nothing")) };
  const blocks: OutboundMessage["blocks"] = [];
  const text: string[] = [];
  const add = (heading: string, items: string[]) => {
    text.push(heading, ...items);
    blocks.push({ type: "heading", text: heading }, ...(items.length ? [{ type: "list" as const, items }] : []));
  };
  if (own) {
    const title = `${nameOf(own.supervisorId)} supervising ${actor.name}`;
    add(say("supervision.own-heading", { supervisor: nameOf(own.supervisorId) }), [...sessionLines(core, own, title), agreementLine(core, own.agreement, nameOf)]);
  }
  if (supervisees.length) {
    const items = supervisees.flatMap((s) => {
      const next = s.planned[0];
      const head = say("supervision.supervisee-line", { name: s.supervisee.name, next: next ? `${day(next.date)} (${next.id})` : say("supervision.supervisee-none-planned"), overdue: s.overdue.length ? say("supervision.overdue-mark") : "" });
      const title = `${actor.name} supervising ${s.supervisee.name}`;
      return [head, ...sessionLines(core, s, title, true), agreementLine(core, s.agreement, nameOf)];
    });
    add(say("supervision.supervisees-heading"), items);
  }
  return { message: { text: text.join("\n"), blocks } };
}

/** Held sessions with something outstanding, then the last held and the latest allowed next. */
function sessionLines(core: Core, s: SuperviseeSupervision, title: string, asSupervisor = false): string[] {
  const say = core.prompts.say;
  const lines = asSupervisor ? [] : s.planned.map((p) => say("supervision.line.planned", { date: day(p.date), id: p.id, overdue: s.overdue.includes(p) ? say("supervision.overdue-mark") : "" }));
  if (asSupervisor) lines.push(...s.toCirculate.map((p) => say("supervision.line.to-circulate", { date: day(p.date), id: p.id })));
  else lines.push(...s.toSign.map((p) => say("supervision.line.to-sign", { date: day(p.date), id: p.id })), ...s.toRecord.map((p) => say("supervision.line.to-record", { date: day(p.date), id: p.id, title })));
  lines.push(s.lastHeld && s.latestNext ? say("supervision.last-held", { last: day(s.lastHeld), latest: day(s.latestNext) }) : say("supervision.never-held"));
  return lines;
}

function agreementLine(core: Core, agreement: SupervisionAgreement | null, nameOf: (id: string | null) => string): string {
  const say = core.prompts.say;
  return say("supervision.agreement-line", { state: agreement ? agreementState(core, agreement, nameOf) : "-" });
}

function agreementState(core: Core, agreement: SupervisionAgreement, nameOf: (id: string | null) => string): string {
  const say = core.prompts.say;
  if (agreement.status === "signed") return say("agreement.state.signed", { review: agreement.reviewBy ? formatLondon(agreement.reviewBy) : "-" });
  const who = [agreement.supervisorSignedAt ? null : agreement.supervisorId, agreement.superviseeSignedAt ? null : agreement.superviseeId].filter((id): id is string => id !== null).map(nameOf).join(" and ");
  return say("agreement.state.open", { who, due: formatLondon(agreement.signBy) });
}

/** `agreement` (yours and your supervisees') and `agreement sign [@person]`. */
export async function agreementCommand(core: Core, actor: Person, args: string[]): Promise<BotReply> {
  const say = core.prompts.say;
  const [sub = "", first = ""] = args;
  const directory = await Directory.load(core.storage.people);
  const nameOf = (id: string | null) => (id ? (directory.get(id)?.name ?? "?") : "?");
  const reason = (a: SupervisionAgreement) => say(`agreement.reason.${a.reason}` as PromptKey);
  switch (sub.toLowerCase()) {
    case "": {
      const { own, supervisees } = await agreementsFor(core, actor);
      if (!own && supervisees.length === 0) return { message: message(say("agreement.none")) };
      const lines = [
        ...(own ? [say("agreement.own", { supervisor: nameOf(own.supervisorId), reason: reason(own), state: agreementState(core, own, nameOf) })] : []),
        ...supervisees.map((a) => say("agreement.supervisee", { name: nameOf(a.superviseeId), reason: reason(a), state: agreementState(core, a, nameOf) })),
      ];
      return { message: { text: lines.join("\n"), blocks: [{ type: "list", items: lines }] } };
    }
    case "sign": {
      // A person (as their line manager), or an agreement's id (the reminder's button).
      const byId = first ? await core.storage.supervision.findAgreement(first) : null;
      const named = byId ? (directory.get(byId.superviseeId) ?? null) : first ? directory.resolve(first, actor) : null;
      if (first && !named) throw new AppError("SUPERVISION.WHO", `I do not know "${first}" on the roster.`, {});
      const { agreement, complete, otherId, changed } = await signAgreement(core, actor, named);
      const review = agreement.reviewBy ? formatLondon(agreement.reviewBy) : "-";
      if (complete) return { message: message(say("agreement.signed-complete", { review })), notify: [{ personId: otherId, message: message(say("agreement.complete-notice", { by: actor.name, review })) }] };
      if (!changed) return { message: message(say("agreement.signed-already", { name: nameOf(otherId) })) };
      const ask = otherId === agreement.supervisorId
        ? say("agreement.sign-asked-supervisor", { by: actor.name, reason: reason(agreement), handle: actor.handle })
        : say("agreement.sign-asked", { by: actor.name, reason: reason(agreement) });
      const value = otherId === agreement.supervisorId ? `sign @${actor.handle}` : "sign";
      const toOther: OutboundMessage = { text: ask, blocks: [{ type: "text", text: ask }, { type: "buttons", buttons: [{ actionId: "agreement", label: say("agreement.button.sign"), value, style: "primary" }] }] };
      return { message: message(say("agreement.signed-waiting", { name: nameOf(otherId) })), notify: [{ personId: otherId, message: toOther }] };
    }
    default:
      throw new AppError("COMMAND.USAGE", say("usage.agreement"), {});
  }
}
