import { formatLondon } from "../domain/london-time.ts";
import { GROUP_SUPERVISION, NOTE_KIND_LABELS, type NoteKind } from "../domain/note-kinds.ts";
import type { NoteFields } from "../domain/note.ts";
import type { PromptKey, Prompts } from "../prompts/prompts.ts";

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
    case "children":
      return (fields.children ?? []).map((c) => `${c.caseRef}: ${c.decision}`).join("; ");
    case "fromGroup":
      return fields.fromGroup?.noteId ?? "";
    case "decisionNotToAct":
    case "noDisagreement":
      return fields[key] ? "yes" : "no";
    // What was answered in place of the part: a review or views, or why they do not apply.
    case "review":
    case "reviewDoesNotApply":
      return fields.review ?? fields.reviewDoesNotApply ?? "";
    case "childViews":
    case "childViewsDoesNotApply":
      return fields.childViews ?? fields.childViewsDoesNotApply ?? "";
    case "guessed":
      return fields.guessed.join(", ");
    default:
      return fields[key] ?? "";
  }
}

/** The form's label that names each field; flags and "does not apply" answers share their field's label. */
const LABEL_OF: Record<Exclude<keyof NoteFields, "guessed">, PromptKey> = {
  caseRef: "form.label.caseref",
  kind: "form.label.kind",
  discussedAt: "form.label.discussedat",
  participantIds: "form.label.participants",
  issue: "form.label.issue",
  review: "form.label.review",
  reviewDoesNotApply: "form.label.review",
  options: "form.label.options",
  decision: "form.label.decision",
  decisionNotToAct: "form.label.decision",
  rationale: "form.label.rationale",
  disagreements: "form.label.disagreements",
  noDisagreement: "form.label.disagreements",
  actions: "form.label.actions",
  childViews: "form.label.childviews",
  childViewsDoesNotApply: "form.label.childviews",
  questions: "form.label.questions",
  insights: "form.label.insights",
  children: "form.label.children",
  fromGroup: "export.group-outcome.from",
};

/** A group supervision note's own names for the parts it shares with an oversight note. */
const GROUP_LABEL_OF: Partial<Record<keyof NoteFields, PromptKey>> = {
  issue: "form.label.group-issues",
  actions: "form.label.next-steps",
};

/** A field as the form names it: "Child's views and wishes", never `childViews`. */
export function fieldLabel(key: Exclude<keyof NoteFields, "guessed">, kind: NoteKind, prompts: Prompts): string {
  return prompts.say((kind === GROUP_SUPERVISION && GROUP_LABEL_OF[key]) || LABEL_OF[key]);
}

/** Changed fields as a person reads them, each label once: "Decision, Child's views and wishes". */
export function fieldLabels(keys: readonly string[], kind: NoteKind, prompts: Prompts): string {
  const known = keys.filter((key): key is keyof typeof LABEL_OF => key in LABEL_OF);
  return [...new Set(known.map((key) => fieldLabel(key, kind, prompts)))].join(", ");
}
