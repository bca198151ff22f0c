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
  return {
    ...(raw as unknown as NoteFields),
    kind,
    discussedAt: new Date(String(raw.discussedAt)),
    actions: raw.actions.map((a) => ({ ...(a as unknown as NoteFields["actions"][number]), dueAt: a.dueAt ? new Date(a.dueAt) : null })),
  };
}
