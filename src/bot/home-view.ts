import { mayUseBot } from "../domain/access.ts";
import { formatLondon } from "../domain/london-time.ts";
import type { PromptKey, Prompts } from "../prompts/prompts.ts";
import type { Core } from "../services/core.ts";
import { myWork, type MyWork, type WorkItem } from "../services/my-work.ts";
import type { PlatformActor } from "./inbound.ts";
import { message, type Block, type Button, type OutboundMessage } from "../content/message.ts";
import { groupButton } from "../scheduler/group-messages.ts";
import { caseParams } from "./mine-view.ts";
import { supervisionTodo } from "./supervision-todo.ts";
import type { Person } from "../domain/people.ts";

/** Items shown per list; the rest are counted (a Slack home tab holds 100 blocks). */
const SHOWN = 10;

/**
 * A person's own page (Slack's home tab): notes to finish, notes to put on the case
 * record, open actions, each with its deadline and the button that settles it. Case
 * references, note ids and the actions' own words: never a name.
 */
export function homeMessage(work: MyWork, actor: Person, now: Date, prompts: Prompts): OutboundMessage {
  const say = prompts.say;
  const blocks: Block[] = [{ type: "heading", text: say("home.heading") }, { type: "text", text: say("home.intro") }];
  const section = (heading: PromptKey, empty: PromptKey, items: WorkItem[], line: (item: WorkItem) => string, button: (item: WorkItem) => Button) => {
    blocks.push({ type: "divider" }, { type: "heading", text: say(heading, { count: items.length }) });
    if (!items.length) blocks.push({ type: "text", text: say(empty) });
    for (const item of items.slice(0, SHOWN)) blocks.push({ type: "text", text: line(item) }, { type: "buttons", buttons: [button(item)] });
    if (items.length > SHOWN) blocks.push({ type: "text", text: say("home.more", { count: items.length - SHOWN }) });
  };
  const due = (item: WorkItem) => ({
    caseRef: item.note.fields.caseRef ?? "?",
    id: item.note.id,
    due: formatLondon(item.dueAt),
    late: item.dueAt.getTime() < now.getTime() ? say("home.overdue") : "",
  });
  section("home.to-finish", "home.to-finish-none", work.toFinish, (i) => say("home.item.note", due(i)), (i) => ({ actionId: "finish", label: say("button.complete"), value: i.note.id, style: "primary" }));
  section("home.to-record", "home.to-record-none", work.toPutOnRecord, (i) => say("home.item.note", due(i)), (i) => ({ actionId: "on-record", label: say("button.on-record"), value: i.note.id }));
  section("home.actions", "home.actions-none", work.actions, (i) => say("home.item.action", { ...due(i), what: i.action!.what, action: i.action!.id }), (i) => ({ actionId: "done", label: say("button.done"), value: i.action!.id }));
  const supervision = supervisionTodo(work.supervision, actor, prompts);
  if (supervision.length) {
    const items = supervision.length > SHOWN ? [...supervision.slice(0, SHOWN), say("home.more", { count: supervision.length - SHOWN })] : supervision;
    blocks.push({ type: "divider" }, { type: "heading", text: say("home.supervision", { count: supervision.length }) }, { type: "list", items });
  }
  // One list, not a block per case: a Slack home tab holds 100 blocks.
  blocks.push({ type: "divider" }, { type: "heading", text: say("home.cases", { count: work.casesDue.length }) });
  const cases = work.casesDue.slice(0, SHOWN).map((item) => say("mine.case", { ...caseParams(item, prompts), late: item.dueAt.getTime() < now.getTime() ? say("home.overdue") : "" }));
  if (work.casesDue.length > SHOWN) cases.push(say("home.more", { count: work.casesDue.length - SHOWN }));
  blocks.push(cases.length ? { type: "list", items: cases } : { type: "text", text: say("home.cases-none") });
  if (work.nextRole) {
    const { role, session } = work.nextRole;
    blocks.push({ type: "divider" }, { type: "heading", text: say("home.group") });
    blocks.push({ type: "text", text: say("group.your-next", { role: say(`group.role-name.${role}` as PromptKey), date: formatLondon(session.startsAt), session: session.id }) });
    blocks.push({ type: "buttons", buttons: [...(role === "presenter" && !session.caseRef ? [groupButton(say("group.button.case"), `case ${session.id}`)] : []), groupButton(say("group.button.why"), `why ${session.id}`)] });
  }
  const total = work.toFinish.length + work.toPutOnRecord.length + work.actions.length;
  return { text: say("home.summary", { count: total }), blocks };
}

/** The home page of whoever a platform says is looking: their work, or how to get on the roster. */
export async function homeFor(core: Core, actor: PlatformActor): Promise<OutboundMessage> {
  const person = await core.storage.people.findByPlatformId(actor.platform, actor.externalId);
  if (!person || !mayUseBot(person)) return message(core.prompts.say("error.not-on-roster"));
  return homeOf(core, person);
}

/** A person's own page (`home` on any platform, Slack's home tab): their work as it stands now. */
export async function homeOf(core: Core, person: Person): Promise<OutboundMessage> {
  return homeMessage(await myWork(core, person), person, core.clock.now(), core.prompts);
}
