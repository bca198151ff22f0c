import { isoDate, londonDateOf } from "../calendar/london-date.ts";
import { extensionInForce, type CaseChange, type RegisteredCase } from "../domain/case-register.ts";
import { AppError } from "../domain/errors.ts";
import { formatLondon } from "../domain/london-time.ts";
import type { Person } from "../domain/people.ts";
import type { Core } from "../services/core.ts";
import { changeCase, type CaseEdit } from "../services/change-case.ts";
import { Directory } from "../services/directory.ts";
import { viewCase } from "../services/view-case.ts";
import { isCaseRef } from "../domain/vocabulary.ts";
import { message } from "../content/message.ts";
import type { BotReply } from "./reply.ts";
import { errorText } from "./turn.ts";

const SUBCOMMANDS = ["add", "category", "worker", "close", "reopen", "extend", "help"] as const;

/** Refusals that are about what was typed: answered with the usage line and what was typed, kept. */
const INPUT_CODES = new Set(["COMMAND.USAGE", "CASE.REF_FORMAT", "CASE.UNKNOWN_CATEGORY", "CASE.BAD_DATE", "CASE.FUTURE_DATE", "CASE.BEFORE_OPENING", "CASE.RATIONALE_NEEDED", "CASE.WHO", "CASE.ALREADY_ON_REGISTER", "CASE.CLOSED", "CASE.NOT_CLOSED", "CASE.NO_EXTENSION"]);

/**
 * `case …`: the case register in chat (docs/design.md#the-case-register). `case REF` shows a
 * case; `add`, `category`, `worker`, `close`, `reopen` and `extend` change it. Null when the
 * words are not a case command but a decision that starts with "case" ("case 4471-JB: agreed
 * to visit"): the caller reads them as a note.
 */
export async function caseCommand(core: Core, actor: Person, args: string[], typed: string): Promise<BotReply | null> {
  const [sub = ""] = args;
  const isSub = (SUBCOMMANDS as readonly string[]).includes(sub.toLowerCase());
  if (!isSub && args.length && !isBareReference(args)) return null;
  try {
    return await run(core, actor, args);
  } catch (error) {
    if (!(error instanceof AppError) || !INPUT_CODES.has(error.code)) throw error;
    const say = core.prompts.say;
    const explained = new AppError("COMMAND.USAGE", [errorText(core, error), say("usage.case"), say("case.you-wrote", { text: typed })].join("\n"), {});
    explained.audit = error.audit;
    throw explained;
  }
}

/** "4471-JB", "4471 JB": one reference and nothing else, not a sentence. */
function isBareReference(args: string[]): boolean {
  const words = args.join(" ");
  return args.length <= 2 && isCaseRef(words) && !/\b[A-Za-z][a-z]{2,}\b/.test(words);
}

async function run(core: Core, actor: Person, args: string[]): Promise<BotReply> {
  const say = core.prompts.say;
  const [sub = "", ref = "", ...rest] = args;
  const usage = () => new AppError("COMMAND.USAGE", say("case.usage-wrong"), {});
  const dateAfter = (word: string, at: number): string | undefined => {
    if (rest.length === at) return undefined;
    if (rest.length !== at + 2 || rest[at]!.toLowerCase() !== word) throw usage();
    return rest[at + 1];
  };
  const person = async (written: string | undefined): Promise<Person> => {
    if (!written) throw usage();
    const found = (await Directory.load(core.storage.people)).resolve(written, actor);
    if (!found) throw new AppError("CASE.WHO", "Not on the roster", { typed: written.replace(/^@/, "") });
    return found;
  };
  const change = async (edit: CaseEdit, done: (kase: RegisteredCase) => string): Promise<BotReply> => {
    const { kase, changed } = await changeCase(core, actor, edit);
    return { message: message(changed ? done(kase) : say("case.unchanged", { caseRef: kase.caseRef })) };
  };
  const sublower = sub.toLowerCase();
  if (sublower === "" || sublower === "help") return { message: message(say("usage.case")), shareable: true };
  if (!(SUBCOMMANDS as readonly string[]).includes(sublower)) return showCase(core, actor, args.join(" "));
  if (!ref) throw usage();
  switch (sublower) {
    case "add": {
      const [category, worker] = rest;
      if (!category || !worker) throw usage();
      const openedOn = dateAfter("opened", 2);
      const who = await person(worker);
      return change({ kind: "add", caseRef: ref, category: category.toLowerCase(), worker: who, ...(openedOn && { openedOn }) }, (kase) =>
        say("case.added", { caseRef: kase.caseRef, category: categoryName(core, kase.category), since: kase.openedOn, worker: `@${who.handle}`, team: kase.team ?? "-" }),
      );
    }
    case "category": {
      const [category] = rest;
      if (!category) throw usage();
      const from = dateAfter("from", 1);
      return change({ kind: "category", caseRef: ref, category: category.toLowerCase(), ...(from && { from }) }, (kase) => {
        const text = say("case.category-changed", { caseRef: kase.caseRef, category: categoryName(core, kase.category), since: kase.categorySince });
        return kase.extension && !extensionInForce(kase) ? `${text} ${say("case.extension-lapses")}` : text;
      });
    }
    case "worker": {
      if (rest.length !== 1) throw usage();
      const who = await person(rest[0]);
      return change({ kind: "worker", caseRef: ref, worker: who }, (kase) => say("case.worker-changed", { caseRef: kase.caseRef, worker: `@${who.handle}`, team: kase.team ?? "-" }));
    }
    case "close": {
      if (rest.length > 1) throw usage();
      return change({ kind: "close", caseRef: ref, ...(rest[0] && { on: rest[0] }) }, (kase) => say("case.closed", { caseRef: kase.caseRef, date: kase.closedOn! }));
    }
    case "reopen":
      if (rest.length) throw usage();
      return change({ kind: "reopen", caseRef: ref }, (kase) => say("case.reopened", { caseRef: kase.caseRef }));
    default:
      return change({ kind: "extend", caseRef: ref, rationale: rest.join(" ") }, (kase) => say("case.extended", { caseRef: kase.caseRef, category: categoryName(core, kase.category) }));
  }
}

async function showCase(core: Core, actor: Person, typedRef: string): Promise<BotReply> {
  const say = core.prompts.say;
  const { kase, history, nextDiscussion, directory } = await viewCase(core, actor, typedRef);
  const handle = (id: string | null) => (id ? `@${directory.get(id)?.handle ?? id}` : say("case.unallocated"));
  const heading = say("case.heading", { caseRef: kase.caseRef });
  const lines = [
    say("case.line.category", { category: categoryName(core, kase.category), since: kase.categorySince }),
    say("case.line.worker", { worker: handle(kase.workerId), team: kase.team ?? "-" }),
    kase.closedOn ? say("case.line.closed", { opened: kase.openedOn, closed: kase.closedOn }) : say("case.line.open", { opened: kase.openedOn }),
  ];
  if (kase.extension) {
    const agreed = { by: handle(kase.extension.byId), date: isoDate(londonDateOf(kase.extension.at)), category: categoryName(core, kase.extension.category), rationale: kase.extension.rationale };
    lines.push(extensionInForce(kase) ? say("case.line.extension", agreed) : say("case.line.extension-lapsed", agreed));
  }
  if (nextDiscussion) {
    const due = { due: formatLondon(nextDiscussion.dueAt, { withTime: true }), explain: nextDiscussion.explain };
    lines.push(nextDiscussion.dueAt.getTime() < core.clock.now().getTime() ? say("case.line.overdue", due) : say("case.line.next", due));
  }
  const past = history.map((change) => historyLine(core, change, handle));
  const text = [heading, ...lines, say("case.history-heading"), ...past].join("\n");
  return {
    message: {
      text,
      blocks: [{ type: "heading", text: heading }, { type: "list", items: lines }, { type: "text", text: say("case.history-heading") }, { type: "list", items: past }],
    },
  };
}

function historyLine(core: Core, change: CaseChange, handle: (id: string | null) => string): string {
  const say = core.prompts.say;
  const what = (() => {
    switch (change.field) {
      case "opened":
        return say("case.history.opened", { category: categoryName(core, change.value ?? "") });
      case "category":
        return say("case.history.category", { category: categoryName(core, change.value ?? "") });
      case "worker":
        return say("case.history.worker", { worker: handle(change.value) });
      case "team":
        return say("case.history.team", { team: change.value ?? "-" });
      case "closed":
        return say("case.history.closed");
      case "reopened":
        return say("case.history.reopened");
      case "extension":
        return say("case.history.extension", { rationale: change.reason ?? "" });
    }
  })();
  const by = change.byId ? handle(change.byId) : say("case.by-import");
  return say("case.history.line", { date: change.effectiveOn, what, by });
}

/** "Child in need (cin)"; a category the profile no longer has, as stored. */
function categoryName(core: Core, category: string): string {
  const known = core.settings.profile.caseDiscussion.categories[category];
  return known ? `${known.name} (${category})` : category;
}
