import { AppError } from "../domain/errors.ts";
import type { Person } from "../domain/people.ts";
import { noteAsJson, notesAsCsv } from "./note-data.ts";
import { noteAsChildLetter } from "./child-letter.ts";
import { noteAsText } from "./note-text.ts";
import { audit } from "../services/audit-trail.ts";
import type { Core } from "../services/core.ts";
import { viewNote } from "../services/view-note.ts";

export const EXPORT_FORMATS = ["text", "child", "json", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A note exported for the case system (text, or a letter written to the child) or for audit (JSON, CSV); audited. */
export async function exportNote(core: Core, actor: Person, noteId: string, format: ExportFormat): Promise<string> {
  if (!EXPORT_FORMATS.includes(format)) throw new AppError("EXPORT.FORMAT", `Export as one of ${EXPORT_FORMATS.join(", ")}.`, { format });
  const record = await viewNote(core, actor, noteId, "export");
  await audit(core, actor.id, "note.export", "note", record.note.id, { format, version: record.note.version });
  switch (format) {
    case "text":
      return noteAsText(record, core.prompts);
    case "child":
      return noteAsChildLetter(record, core.prompts);
    case "json":
      return JSON.stringify(noteAsJson(record), null, 2) + "\n";
    case "csv":
      return notesAsCsv([record]);
  }
}
