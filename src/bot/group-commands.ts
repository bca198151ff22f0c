import { AppError } from "../domain/errors.ts";
import type { GroupRoleId } from "../domain/group-supervision.ts";
import { formatLondon } from "../domain/london-time.ts";
import type { Person } from "../domain/people.ts";
import type { PromptKey } from "../prompts/prompts.ts";
import type { Core } from "../services/core.ts";
import { Directory } from "../services/directory.ts";
import { groupSeriesForm } from "./group-series-form.ts";
import { announceAgain, assignRole, cancelSession, chooseCase, markHeld, startGroupNote, stepStage, swapRole, upcomingSessions, whyMe } from "../services/group-sessions.ts";
import { openDraftForm } from "../services/open-draft.ts";
import { noteForm } from "./note-form.ts";
import { announceMessage, groupButton, sessionLine, stageMessage } from "../scheduler/group-messages.ts";
import { message, type OutboundMessage } from "../content/message.ts";
import type { Form } from "../content/form.ts";
import type { BotReply } from "./reply.ts";

export const GROUP_CASE_FORM_ID = "group-case";

/**
 * `group …`: a team's group supervision from any platform. Alone it lists the coming
 * sessions and your next role; `setup`, `case`, `swap`, `assign`, `why`, `cancel`,
 * `announce` (the roles posted again), `stage`, `held` and `note` do the rest (docs/design.md#group-supervision).
 */
export async function groupCommand(core: Core, actor: Person, args: string[]): Promise<BotReply> {
  const say = core.prompts.say;
  const [sub = "", sessionId = "", ...rest] = args;
  const need = (ok: unknown) => {
    if (!ok) throw new AppError("COMMAND.USAGE", say("usage.group"), {});
  };
  const person = async (written: string | undefined) => {
    need(written);
    const found = (await Directory.load(core.storage.people)).resolve(written!, actor);
    if (!found) throw new AppError("GROUP.WHO", say("group.who-unknown", { typed: written! }), { typed: written! });
    return found;
  };
  switch (sub.toLowerCase()) {
    case "":
      return listSessions(core, actor);
    case "setup":
      return { form: await groupSeriesForm(core, actor) };
    case "case": {
      need(sessionId);
      if (!rest.length) return { form: caseForm(core, sessionId) };
      const { session } = await chooseCase(core, actor, sessionId, rest.join(" "));
      return { message: message(say("group.case-chosen", { case: session.caseRef!, date: formatLondon(session.startsAt) })) };
    }
    case "swap": {
      need(sessionId);
      const other = await person(rest[0]);
      const { ctx, done } = await swapRole(core, actor, sessionId, other);
      const date = formatLondon(ctx.session.startsAt);
      if (done) {
        const line = sessionLine(ctx.session, ctx.directory, core.prompts);
        return { message: message(say("group.swap-done", { line })), notify: [{ personId: other.id, message: message(say("group.swap-done", { line })) }] };
      }
      const ask = say("group.swap-request", { name: actor.name, date, session: ctx.session.id });
      const request: OutboundMessage = { text: ask, blocks: [{ type: "text", text: ask }, { type: "buttons", buttons: [groupButton(say("group.button.agree"), `swap ${ctx.session.id} @${actor.handle}`)] }] };
      return { message: message(say("group.swap-asked", { name: other.name, date })), notify: [{ personId: other.id, message: request }] };
    }
    case "assign": {
      need(sessionId && isRole(rest[0]));
      const to = await person(rest[1]);
      const { session, directory, displacedId } = await assignRole(core, actor, sessionId, rest[0] as GroupRoleId, to);
      const line = sessionLine(session, directory, core.prompts);
      const told = [
        ...(to.id === actor.id ? [] : [{ personId: to.id, message: message(say("group.assigned-to-you", { role: say(`group.role-name.${rest[0]}` as PromptKey), line })) }]),
        ...(displacedId && displacedId !== actor.id ? [{ personId: displacedId, message: message(say("group.role-taken", { line })) }] : []),
      ];
      return { message: message(say("group.roles-now", { line })), notify: told };
    }
    case "why": {
      need(sessionId);
      const { ctx, standings } = await whyMe(core, actor, sessionId);
      if (!standings.length) return { message: message(say("group.why-none", { line: sessionLine(ctx.session, ctx.directory, core.prompts) })) };
      const lines = standings.map(({ role, standing, fewest, most, sessions }) =>
        say("group.why", { role: say(`group.role-name.${role}` as PromptKey), turns: standing.turns, sessions, fewest, most, last: standing.lastTurn ?? say("group.never") }),
      );
      if (ctx.session.rolesFixed) lines.push(say("group.why-fixed"));
      return { message: { text: lines.join("\n"), blocks: [{ type: "list", items: lines }, { type: "text", text: say("group.why-rule") }] } };
    }
    case "cancel": {
      need(sessionId);
      const { ctx, replacement } = await cancelSession(core, actor, sessionId, rest.join(" "));
      const date = formatLondon(ctx.session.startsAt);
      const text = replacement ? say("group.cancelled-moved", { date, line: sessionLine(replacement, ctx.directory, core.prompts) }) : say("group.cancelled-not-moved", { date });
      const told = [ctx.session.presenterId, ctx.session.facilitatorId, ctx.session.advisorId].filter((id): id is string => !!id && id !== actor.id);
      // The team hears of it where the roles were announced: the dates only, never the case.
      const channelText = replacement ? say("group.cancelled-channel-moved", { date, to: formatLondon(replacement.startsAt) }) : say("group.cancelled-channel", { date });
      const posts = ctx.series.channel ? [{ channel: ctx.series.channel, message: message(channelText) }] : [];
      return { message: message(text), notify: told.map((personId) => ({ personId, message: message(text) })), posts };
    }
    case "announce": {
      need(sessionId);
      const { session, series, directory, channel } = await announceAgain(core, actor, sessionId);
      return { message: message(say("group.announced-again", { date: formatLondon(session.startsAt) })), posts: [{ channel, message: announceMessage(series, session, directory, core.prompts) }] };
    }
    case "stage": {
      need(sessionId);
      const direction = (rest[0] ?? "next").toLowerCase();
      need(direction === "next" || direction === "back");
      const { session, series, directory, finished } = await stepStage(core, actor, sessionId, direction as "next" | "back");
      const posts = (msg: OutboundMessage) => (series.channel ? [{ channel: series.channel, message: msg }] : []);
      if (finished) {
        const done = say("group.finished", { presenter: directory.nameOf(session.presenterId!) });
        const ask = say("group.note-ask", { date: formatLondon(session.startsAt) });
        const toPresenter: OutboundMessage = { text: ask, blocks: [{ type: "text", text: ask }, { type: "buttons", buttons: [groupButton(say("group.button.note"), `note ${session.id}`)] }] };
        return { message: message(done), posts: posts(message(done)), notify: session.presenterId ? [{ personId: session.presenterId, message: toPresenter }] : [] };
      }
      return { message: stageMessage(series, session, core.prompts, true), posts: posts(stageMessage(series, session, core.prompts, false)) };
    }
    case "held": {
      need(sessionId);
      const { session, directory } = await markHeld(core, actor, sessionId);
      return { message: message(say("group.marked-held", { line: sessionLine(session, directory, core.prompts) })) };
    }
    case "note": {
      need(sessionId);
      const { noteId } = await startGroupNote(core, actor, sessionId);
      return { form: noteForm(await openDraftForm(core, actor, noteId), core.prompts) };
    }
    default:
      throw new AppError("COMMAND.USAGE", say("usage.group"), {});
  }
}

/** The form the "Choose the case" button opens: one case reference. */
export function caseForm(core: Core, sessionId: string, value = "", error?: string): Form {
  const say = core.prompts.say;
  return {
    formId: GROUP_CASE_FORM_ID,
    title: say("group.case-form.title"),
    submitLabel: say("group.case-form.submit"),
    inputs: [{ id: "caseRef", type: "text", label: say("form.label.caseref"), required: true, value: { type: "text", text: value }, hint: say("form.hint.caseref") }],
    errors: error ? { caseRef: error } : {},
    state: { sessionId },
  };
}

async function listSessions(core: Core, actor: Person): Promise<BotReply> {
  const say = core.prompts.say;
  const upcoming = await upcomingSessions(core, actor);
  if (!upcoming) return { message: message(say("group.none")) };
  const { series, sessions, directory } = upcoming;
  const lines = sessions.map((s) => sessionLine(s, directory, core.prompts));
  const mine = sessions.find((s) => [s.presenterId, s.facilitatorId, s.advisorId].includes(actor.id));
  const heading = say("group.upcoming", { team: series.team, format: say(`group.format.${series.format}` as PromptKey), weeks: series.cadenceWeeks });
  const next = mine ? say("group.your-next", { role: say(`group.role-name.${roleName(mine, actor.id)}` as PromptKey), date: formatLondon(mine.startsAt), session: mine.id }) : say("group.no-role-yet");
  return { message: { text: [heading, ...lines, next].join("\n"), blocks: [{ type: "heading", text: heading }, { type: "list", items: lines }, { type: "text", text: next }] } };
}

function roleName(session: { presenterId: string | null; facilitatorId: string | null }, personId: string): GroupRoleId {
  if (session.presenterId === personId) return "presenter";
  return session.facilitatorId === personId ? "facilitator" : "advisor";
}

function isRole(value: string | undefined): value is GroupRoleId {
  return value === "presenter" || value === "facilitator" || value === "advisor";
}
