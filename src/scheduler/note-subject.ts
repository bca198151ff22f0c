import type { Button } from "../content/message.ts";
import type { Deadline } from "../domain/deadline.ts";
import { GROUP_SUPERVISION } from "../domain/note-kinds.ts";
import type { NoteAction, OversightNote } from "../domain/note.ts";
import type { Prompts } from "../prompts/prompts.ts";
import type { Core } from "../services/core.ts";
import type { Topic } from "./reminder-subject.ts";

type Area = "note" | "record" | "action";

/** A note's deadline (complete it, put it on the case record) or one of its actions'. */
export async function noteTopic(core: Core, deadline: Deadline): Promise<Topic | null> {
  if (!deadline.noteId) return null;
  const note = await core.storage.notes.findById(deadline.noteId);
  if (!note || note.status === "discarded") return null;
  const action = deadline.subjectType === "action" ? (note.actions.find((a) => a.id === deadline.subjectId) ?? null) : null;
  if (deadline.subjectType === "action" && !action) return null;
  const area: Area = deadline.rule === "action.due" ? "action" : deadline.rule === "note.on-case-record" ? "record" : "note";
  return {
    note,
    action,
    // A group supervision note is named as such; its deadlines are otherwise a note's.
    area: note.fields.kind === GROUP_SUPERVISION && area !== "action" ? `group-${area}` : area,
    id: action?.id ?? note.id,
    caseRef: note.fields.caseRef,
    what: action?.what ?? "",
    settle: settleButton(area, note, action, core.prompts),
    show: { actionId: "show", label: core.prompts.say("button.show"), value: note.id },
  };
}

function settleButton(area: Area, note: OversightNote, action: NoteAction | null, prompts: Prompts): Button {
  if (area === "action") return { actionId: "done", label: prompts.say("button.done"), value: action!.id, style: "primary" };
  if (area === "record") return { actionId: "on-record", label: prompts.say("button.on-record"), value: note.id, style: "primary" };
  return { actionId: "finish", label: prompts.say("button.complete"), value: note.id, style: "primary" };
}
