import { notesVisibleTo } from "../domain/access.ts";
import { formatLondon } from "../domain/london-time.ts";
import { isAnswered, plainText, type Answer } from "../domain/answers.ts";
import { GROUP_SUPERVISION } from "../domain/note-kinds.ts";
import type { NoteAction, OversightNote } from "../domain/note.ts";
import type { Person } from "../domain/people.ts";
import { CASE_REF, FIRST_NOTE_ON_CASE, canonicalCaseRef } from "../domain/vocabulary.ts";
import { audit } from "./audit-trail.ts";
import type { Core } from "./core.ts";
import type { Directory } from "./directory.ts";

/**
 * The "review of previous decisions and actions" offered for a new note, from the earlier
 * recorded notes on the case that the person may see: their actions, open ones with their due
 * date, done ones with their one-line outcome (or, where none had actions, their decisions).
 * With no earlier note it is the first note on the case, which needs no review. Reading them is
 * audited like a listing.
 */
export async function previousActionsReview(core: Core, actor: Person, typedCaseRef: string, directory: Directory): Promise<{ first: boolean; text: string }> {
  const caseRef = canonicalCaseRef(typedCaseRef);
  const notes = await core.storage.notes.listByCase(caseRef);
  const visible = notesVisibleTo(actor, notes.filter((n) => n.status !== "draft"), directory.byId);
  if (visible.length === 0) return { first: true, text: FIRST_NOTE_ON_CASE };
  await audit(core, actor.id, "note.list", "note", caseRef, { count: visible.length, purpose: "review" });
  // A note whose content the retention rule removed is still an earlier note: point to the case record.
  const kept = visible.filter((n) => !n.purgedAt);
  const actions = kept.flatMap((n) => n.actions);
  const lines = actions.length ? actions.map((action) => describeAction(action, directory)) : kept.map(describeDecision);
  lines.push(...visible.filter((n) => n.purgedAt).map(describePurged));
  return { first: false, text: lines.join("\n") };
}

/**
 * Fills an empty review on a note form from the records, where the case is known: what the
 * person would otherwise have to look up or type. Returns what was filled in ("earlier": from
 * earlier notes, for the person to check; "first": the first note on the case), or null.
 */
export async function fillReview(core: Core, actor: Person, answers: Record<string, Answer>, directory: Directory): Promise<"first" | "earlier" | null> {
  const caseRef = plainText(answers.caseRef).trim();
  if (isAnswered(answers.review) || !CASE_REF.test(caseRef) || plainText(answers.kind) === GROUP_SUPERVISION) return null;
  const review = await previousActionsReview(core, actor, caseRef, directory);
  answers.review = { type: "text", text: review.text };
  return review.first ? "first" : "earlier";
}

function describeAction(action: NoteAction, directory: Directory): string {
  const owner = action.ownerId ? directory.handleOf(action.ownerId) : (action.ownerText ?? "no owner");
  const due = action.dueAt ? `, due ${formatLondon(action.dueAt)}` : "";
  return action.status === "done"
    ? `- ${action.what} (${owner}): done – ${action.outcome ?? ""}`.trimEnd()
    : `- ${action.what} (${owner}${due}): still open – review`;
}

function describePurged(note: OversightNote): string {
  return `- ${formatLondon(note.fields.discussedAt)}: on the case record${note.caseRecordRef ? ` (${note.caseRecordRef})` : ""}; its content is no longer kept here (retention) – review it there`;
}

function describeDecision(note: OversightNote): string {
  return `- ${formatLondon(note.fields.discussedAt)}, decided: ${note.fields.decision ?? "-"} – review`;
}
