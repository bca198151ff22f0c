import { AppError } from "../domain/errors.ts";
import type { Person } from "../domain/people.ts";
import type { Core } from "../services/core.ts";
import { openAmendForm } from "../services/amend-note.ts";
import { commentOnNote } from "../services/comment-on-note.ts";
import { completeAction } from "../services/complete-action.ts";
import { discardDraft } from "../services/discard-draft.ts";
import { actionDoneForm } from "./action-done-form.ts";
import { noteForm } from "./note-form.ts";
import { EXPORT_FORMATS, exportNote, type ExportFormat } from "../export/export-note.ts";
import { listCaseNotes } from "../services/list-case-notes.ts";
import { markOnCaseRecord } from "../services/mark-on-case-record.ts";
import { openDraftForm } from "../services/open-draft.ts";
import { startNoteFromMessage } from "../services/start-note.ts";
import { viewNote } from "../services/view-note.ts";
import { message } from "../content/message.ts";
import { noteLine, noteMessage } from "./note-view.ts";
import type { BotReply } from "./reply.ts";
import { awayCommand, snoozeCommand } from "./schedule-commands.ts";
import { complianceReply, dashboardReply } from "./compliance-view.ts";
import { groupCommand } from "./group-commands.ts";
import { caseCommand } from "./case-commands.ts";
import { agreementCommand, supervisionCommand } from "./supervision-commands.ts";
import { looksLikeADecision, nearMissCommand } from "./read-message.ts";
import { mineReply } from "./mine-view.ts";
import { homeOf } from "./home-view.ts";


export interface CommandInput {
  actor: Person;
  text: string;
  eventId: string | null;
}

/**
 * One command from any platform (`/oversight …` in Slack, a message to the bot in Teams,
 * a line in the console). Anything that is not a command word is a message to capture
 * as a new note. Expected refusals come back as messages; AppErrors are the caller's
 * per-turn handler's to word.
 */
export async function handleCommand(core: Core, input: CommandInput): Promise<BotReply> {
  const say = core.prompts.say;
  const text = input.text.replace(/^\s*\/?oversight\b/i, "").trim();
  const [word = "", ...rest] = text.split(/\s+/);
  const args = rest.join(" ");
  const first = rest[0] ?? "";
  const afterFirst = rest.slice(1).join(" ");
  const need = (value: string, usage: string) => {
    if (!value) throw new AppError("COMMAND.USAGE", usage, {});
  };

  switch (word.toLowerCase()) {
    case "help":
      return { message: message(say("help.text")) };
    case "list": {
      need(args, say("usage.list"));
      const { caseRef, notes } = await listCaseNotes(core, input.actor, args);
      if (!notes.length) return { message: message(say("list.none", { caseRef })) };
      const lines = notes.map((n) => noteLine(n, core.prompts));
      return { message: { text: lines.join("\n"), blocks: [{ type: "heading", text: say("list.heading", { caseRef }) }, { type: "list", items: lines }] } };
    }
    case "mine":
      return mineReply(core, input.actor);
    case "home":
      return { message: await homeOf(core, input.actor), home: true };
    case "show": {
      need(first, say("usage.show"));
      return { message: noteMessage(await viewNote(core, input.actor, first), core.prompts, core.clock.now()) };
    }
    case "export": {
      need(first, say("usage.export"));
      const format = (rest[1] ?? "text").toLowerCase();
      if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new AppError("COMMAND.USAGE", say("usage.export"), {});
      const exported = await exportNote(core, input.actor, first, format as ExportFormat);
      return { message: { text: exported, blocks: [{ type: "text", text: exported }] } };
    }
    case "comment":
    case "disagree": {
      need(first && afterFirst, say("usage.comment"));
      const kind = word.toLowerCase() === "disagree" ? "disagreement" : "comment";
      const outcome = await commentOnNote(core, input.actor, first, kind, afterFirst.replace(/^--not-a-name\s+/, ""), { notAName: afterFirst.startsWith("--not-a-name ") });
      if (outcome.status === "looks-like-name") return { message: message(say("comment.looks-like-name", { words: outcome.words })) };
      return { message: message(say(kind === "disagreement" ? "comment.disagreement-added" : "comment.added", { id: first })) };
    }
    case "on-record": {
      need(first, say("usage.on-record"));
      const { note, changed } = await markOnCaseRecord(core, input.actor, first, afterFirst || null);
      return { message: message(say(changed ? "on-record.done" : "on-record.already", { id: note.id })) };
    }
    case "amend":
      need(first, say("usage.amend"));
      return { form: noteForm(await openAmendForm(core, input.actor, first), core.prompts, "amendment") };
    case "finish":
      need(first, say("usage.finish"));
      return { form: noteForm(await openDraftForm(core, input.actor, first), core.prompts) };
    case "discard": {
      need(first, say("usage.discard"));
      const { note, changed, othersToTell } = await discardDraft(core, input.actor, first);
      if (!changed) return { message: message(say("discard.already", { id: note.id })) };
      const caseRef = note.fields.caseRef ?? "?";
      const notice = message(say("discard.notice", { id: note.id, caseRef, by: input.actor.name }));
      return { message: message(say("discard.done", { id: note.id, caseRef })), notify: othersToTell.map((personId) => ({ personId, message: notice })) };
    }
    case "done": {
      need(first, say("usage.done"));
      // The "Mark done" button carries only the action: ask what came of it.
      if (!afterFirst) return { form: await actionDoneForm(core, input.actor, first) };
      const { action, changed } = await completeAction(core, input.actor, first, afterFirst);
      return { message: message(say(changed ? "action.done" : "action.already-done", { what: action.what })) };
    }
    case "snooze":
      return snoozeCommand(core, input.actor, rest);
    case "away":
      return awayCommand(core, input.actor, rest);
    case "compliance":
      return complianceReply(core, input.actor, args);
    case "dashboard":
      return dashboardReply(core, input.actor, args);
    case "group":
      return groupCommand(core, input.actor, rest);
    case "supervision":
      return supervisionCommand(core, input.actor, rest);
    case "agreement":
      return agreementCommand(core, input.actor, rest);
    case "case":
      // "case 4471-JB: agreed to visit" is a decision, not a case command: read as one below.
      return (await caseCommand(core, input.actor, rest, text)) ?? captureDecision(core, input, text, word);
    default:
      return captureDecision(core, input, text, word);
  }
}

/** Words that are no command: a decision to draft a note from, or a hint when they are nothing like one. */
async function captureDecision(core: Core, input: CommandInput, text: string, word: string): Promise<BotReply> {
  const say = core.prompts.say;
  // Words that are neither a command nor anything like a decision are not a draft.
  const meant = nearMissCommand(text);
  if (meant) return { message: message(say("command.did-you-mean", { typed: word, command: meant, text })) };
  if (text && !looksLikeADecision(text)) return { message: message(say("command.not-a-decision", { text })) };
  const started = await startNoteFromMessage(core, { actor: input.actor, text, eventId: input.eventId });
  return { form: noteForm(started.content, core.prompts) };
}
