import { isNoteKind } from "./note-kinds.ts";
import type { NoteFields } from "./note.ts";

/** NoteFields to the JSON text storage keeps (dates as ISO strings). */
export function fieldsToJson(fields: NoteFields): string {
  return JSON.stringify(fields);
}

/** The inverse of fieldsToJson; storage content is ours, so shape errors are bugs. */
export function fieldsFromJson(text: string): NoteFields {
  const raw = JSON.parse(text) as Record<string, unknown> & { actions: { dueAt: string | null }[] };
  const kind = String(raw.kind);
  if (!isNoteKind(kind)) throw new Error(`Stored note has unknown kind ${kind}`);
  const fields = raw as unknown as NoteFields;
  return {
    ...fields,
    // Notes stored before group supervision notes existed have no questions or insights.
    questions: fields.questions ?? null,
    insights: fields.insights ?? null,
    // Notes stored before a part could be answered "does not apply", or guesses were kept, have neither.
    reviewDoesNotApply: fields.reviewDoesNotApply ?? null,
    childViewsDoesNotApply: fields.childViewsDoesNotApply ?? null,
    guessed: fields.guessed ?? [],
    kind,
    discussedAt: new Date(String(raw.discussedAt)),
    actions: raw.actions.map((a) => ({ ...(a as unknown as NoteFields["actions"][number]), dueAt: a.dueAt ? new Date(a.dueAt) : null })),
  };
}
