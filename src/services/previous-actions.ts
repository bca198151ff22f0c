import { formatLondon } from "../domain/london-time.ts";
import type { NoteAction } from "../domain/note.ts";
import type { Core } from "./core.ts";
import type { Directory } from "./directory.ts";

/**
 * The "review of previous decisions and actions" offered for a new note: every action of
 * earlier recorded notes on the case, open ones with their due date, done ones with their
 * one-line outcome. Empty when the case has no earlier notes.
 */
export async function previousActionsReview(core: Core, caseRef: string, directory: Directory): Promise<string> {
  const actions = await core.storage.notes.actionsForCase(caseRef);
  return actions.map((action) => describeAction(action, directory)).join("\n");
}

function describeAction(action: NoteAction, directory: Directory): string {
  const owner = action.ownerId ? directory.handleOf(action.ownerId) : (action.ownerText ?? "no owner");
  const due = action.dueAt ? `, due ${formatLondon(action.dueAt)}` : "";
  return action.status === "done"
    ? `- ${action.what} (${owner}): done – ${action.outcome ?? ""}`.trimEnd()
    : `- ${action.what} (${owner}${due}): still open – review`;
}
