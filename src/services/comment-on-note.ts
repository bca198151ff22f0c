import { AppError } from "../domain/errors.ts";
import type { CommentKind, NoteComment } from "../domain/note.ts";
import type { Person } from "../domain/people.ts";
import { auditRecord } from "./audit-trail.ts";
import type { Core } from "./core.ts";
import { findNameInText } from "../domain/names-guard.ts";
import { noteForActor } from "./note-access.ts";

export type CommentOutcome = { status: "added"; comment: NoteComment } | { status: "looks-like-name"; words: string };

/**
 * Appends a participant's comment or disagreement to a note; it becomes part of the
 * record and is never edited [003 8.11]. A likely child's name is refused unless the
 * person confirms it is not one.
 */
export async function commentOnNote(core: Core, actor: Person, noteId: string, kind: CommentKind, text: string, opts: { notAName?: boolean } = {}): Promise<CommentOutcome> {
  const { note, directory } = await noteForActor(core, actor, noteId);
  if (note.status === "draft") throw new AppError("NOTE.COMMENT_ON_DRAFT", "Comments are added to recorded notes.", { noteId: note.id });
  const words = text.trim();
  if (!words) throw new AppError("COMMENT.EMPTY", "A comment needs some words.", { noteId: note.id });
  const flag = findNameInText("comment", words, directory.staffWords);
  if (flag && !opts.notAName) return { status: "looks-like-name", words: flag.words };
  const comment: NoteComment = { id: core.newId(), noteId: note.id, at: core.clock.now(), byId: actor.id, kind, text: words };
  await core.storage.notes.addComment(comment, [auditRecord(core, actor.id, "note.comment", "note", note.id, { commentId: comment.id, kind, nameOverride: Boolean(flag) })]);
  return { status: "added", comment };
}
