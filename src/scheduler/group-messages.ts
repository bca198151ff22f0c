import { formatLondon } from "../domain/london-time.ts";
import { GROUP_FORMATS, STAGE_COUNTS, type GroupRoleId, type GroupSeries, type GroupSession } from "../domain/group-supervision.ts";
import type { PromptKey, Prompts } from "../prompts/prompts.ts";
import type { Directory } from "../services/directory.ts";
import type { Button, OutboundMessage } from "../content/message.ts";

// Group supervision as people see it: the announcement (names and roles only, for the team
// channel), each role's prompt, the stage prompts, and a session on one line.

/**
 * Every prompt key group supervision builds from a name (formats, their stages, roles,
 * session states): checked when the bot starts, so a missing stage prompt stops it there
 * rather than in the middle of a session.
 */
export function groupPromptKeys(): string[] {
  const roles: GroupRoleId[] = ["presenter", "facilitator", "advisor"];
  return [
    ...GROUP_FORMATS.flatMap((format) => [
      `group.format.${format}`,
      ...Array.from({ length: STAGE_COUNTS[format] }, (_, i) => [`group.stage.${format}.${i + 1}`, `group.stage-name.${format}.${i + 1}`]).flat(),
    ]),
    ...roles.flatMap((role) => [`group.role.${role}`, `group.role-name.${role}`]),
    ...["planned", "held", "cancelled"].map((status) => `group.line.${status}`),
  ];
}

/** The button that runs `group <words>` (a button's action id plus its value make the command). */
export const groupButton = (label: string, words: string): Button => ({ actionId: "group", label, value: words });

export function formatName(series: GroupSeries, prompts: Prompts): string {
  return prompts.say(`group.format.${series.format}` as PromptKey);
}

function slots(series: GroupSeries, session: GroupSession, directory: Directory, prompts: Prompts) {
  const name = (id: string | null) => (id ? directory.nameOf(id) : "?");
  return {
    date: formatLondon(session.startsAt),
    format: formatName(series, prompts),
    presenter: name(session.presenterId),
    facilitator: name(session.facilitatorId),
    advisor: name(session.advisorId),
    session: session.id,
    minutes: series.durationMinutes,
  };
}

/** For the team channel: who presents, facilitates and advises; never the case. */
export function announceMessage(series: GroupSeries, session: GroupSession, directory: Directory, prompts: Prompts): OutboundMessage {
  const text = prompts.say("group.announce", slots(series, session, directory, prompts));
  return { text, blocks: [{ type: "text", text }] };
}

/** A role-holder's prompt before the session, with the buttons that role needs. */
export function rolePromptMessage(role: GroupRoleId, series: GroupSeries, session: GroupSession, directory: Directory, prompts: Prompts): OutboundMessage {
  const say = prompts.say;
  const text = say(`group.role.${role}` as PromptKey, slots(series, session, directory, prompts));
  const buttons = [...(role === "presenter" ? [groupButton(say("group.button.case"), `case ${session.id}`)] : []), groupButton(say("group.button.why"), `why ${session.id}`)];
  return { text, blocks: [{ type: "text", text }, { type: "buttons", buttons }] };
}

/**
 * The facilitator, told the roles could not be posted in the team channel and what to do:
 * the platform refused it (the bot not a member, the channel archived), or kept failing.
 */
export function unpostedMessage(series: GroupSeries, session: GroupSession, directory: Directory, prompts: Prompts, keptFailing: boolean): OutboundMessage {
  const text = prompts.say(keptFailing ? "group.unposted-gave-up" : "group.unposted", slots(series, session, directory, prompts));
  return { text, blocks: [{ type: "text", text }, { type: "buttons", buttons: [groupButton(prompts.say("group.button.announce"), `announce ${session.id}`)] }] };
}

/** The presenter, asked again for the case two working days before. */
export function caseChaseMessage(series: GroupSeries, session: GroupSession, directory: Directory, prompts: Prompts): OutboundMessage {
  const text = prompts.say("group.case-chase", slots(series, session, directory, prompts));
  return { text, blocks: [{ type: "text", text }, { type: "buttons", buttons: [groupButton(prompts.say("group.button.case"), `case ${session.id}`)] }] };
}

/** "Stage 3 of 8: What are we worried about?" and its prompt, for the channel and the facilitator. */
export function stageMessage(series: GroupSeries, session: GroupSession, prompts: Prompts, withButtons: boolean): OutboundMessage {
  const say = prompts.say;
  const count = STAGE_COUNTS[series.format];
  const heading = say("group.stage-heading", { n: session.stage, count, name: say(`group.stage-name.${series.format}.${session.stage}` as PromptKey) });
  const prompt = say(`group.stage.${series.format}.${session.stage}` as PromptKey);
  const buttons = [groupButton(say(session.stage < count ? "group.button.next" : "group.button.finish"), `stage ${session.id} next`), ...(session.stage > 1 ? [groupButton(say("group.button.back"), `stage ${session.id} back`)] : [])];
  return { text: `${heading}\n${prompt}`, blocks: [{ type: "heading", text: heading }, { type: "text", text: prompt }, ...(withButtons ? [{ type: "buttons" as const, buttons }] : [])] };
}

/** "Tue 1 Dec 2026 14:00 (g7k2): Sam presents, Priya facilitates, Mo advises; case 4471-JB". */
export function sessionLine(session: GroupSession, directory: Directory, prompts: Prompts): string {
  const name = (id: string | null) => (id ? directory.nameOf(id) : prompts.say("group.nobody"));
  return prompts.say(`group.line.${session.status}` as PromptKey, {
    date: formatLondon(session.startsAt),
    session: session.id,
    presenter: name(session.presenterId),
    facilitator: name(session.facilitatorId),
    advisor: name(session.advisorId),
    case: session.caseRef ?? prompts.say("group.case-not-chosen"),
  });
}
