import { formatLondon } from "../domain/london-time.ts";
import { NOTE_KIND_LABELS } from "../domain/note-kinds.ts";
import type { NoteFields } from "../domain/note.ts";

/** One field of a note version on one line, for showing what an amendment changed. */
export function fieldText(fields: NoteFields, key: keyof NoteFields, nameOf: (id: string) => string): string {
  switch (key) {
    case "kind":
      return NOTE_KIND_LABELS[fields.kind];
    case "discussedAt":
      return formatLondon(fields.discussedAt);
    case "participantIds":
      return fields.participantIds.map(nameOf).join(", ");
    case "options":
      return fields.options.map((o) => `${o.text}${o.chosen ? " (chosen)" : ""}`).join("; ");
    case "disagreements":
      return fields.disagreements.map((d) => `${nameOf(d.who)}: ${d.view}`).join("; ");
    case "actions":
      return fields.actions.map((a) => [a.what, a.ownerId ? nameOf(a.ownerId) : (a.ownerText ?? "-"), a.dueAt ? formatLondon(a.dueAt) : "-"].join(" – ")).join("; ");
    case "decisionNotToAct":
    case "noDisagreement":
      return fields[key] ? "yes" : "no";
    default:
      return fields[key] ?? "";
  }
}
