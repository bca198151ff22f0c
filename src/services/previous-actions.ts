import { notesVisibleTo } from "../domain/access.ts";
import { formatLondon } from "../domain/london-time.ts";
import type { NoteAction } from "../domain/note.ts";
import type { Person } from "../domain/people.ts";
import { canonicalCaseRef } from "../domain/vocabulary.ts";
import { audit } from "./audit-trail.ts";
import type { Core } from "./core.ts";
import type { Directory } from "./directory.ts";

/**
 * The "review of previous decisions and actions" offered for a new note: the actions of
 * earlier recorded notes on the case that the person may see, open ones with their due
 * date, done ones with their one-line outcome. Reading them is audited like a listing.
 */
export async function previousActionsReview(core: Core, actor: Person, typedCaseRef: string, directory: Directory): Promise<string> {
  const caseRef = canonicalCaseRef(typedCaseRef);
  const notes = await core.storage.notes.listByCase(caseRef);
  const visible = notesVisibleTo(actor, notes.filter((n) => n.status !== "draft"), directory.byId);
  const actions = visible.flatMap((n) => n.actions);
  if (actions.length) await audit(core, actor.id, "note.list", "note", caseRef, { count: visible.length, purpose: "review" });
  return actions.map((action) => describeAction(action, directory)).join("\n");
}

function describeAction(action: NoteAction, directory: Directory): string {
  const owner = action.ownerId ? directory.handleOf(action.ownerId) : (action.ownerText ?? "no owner");
  const due = action.dueAt ? `, due ${formatLondon(action.dueAt)}` : "";
  return action.status === "done"
    ? `- ${action.what} (${owner}): done – ${action.outcome ?? ""}`.trimEnd()
    : `- ${action.what} (${owner}${due}): still open – review`;
}
