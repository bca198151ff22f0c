import { openAmend, submitAmend, valuesOf } from "./note-forms.ts";
import type { Core } from "../../src/services/core.ts";
import type { NoteFields } from "../../src/domain/note.ts";
import { syncNoteDeadlines } from "../../src/services/sync-note-deadlines.ts";
import { completeFields } from "./fixtures.ts";

/** Stores a recorded note (recorder mo, with sam) straight through storage: for tests of what comes after. */
export async function recordedNote(core: Core, id: string, overrides: Partial<NoteFields> = {}) {
  const at = core.clock.now();
  const { note } = await core.storage.notes.create({
    id,
    sourceKey: null,
    status: "recorded",
    fields: completeFields(overrides),
    createdAt: at,
    createdById: "p-mo",
    recorderId: "p-mo",
    recording: { at, byId: "p-mo", recorderId: "p-mo", lateReason: null },
  });
  return note;
}

/** Amends a note as its recorder (mo) through the amendment form. */
export async function amendFields(core: Core, id: string, changes: Record<string, string>, reason: string) {
  const mo = (await core.storage.people.findByHandle("mo"))!;
  const form = await openAmend(core, mo, id);
  const outcome = await submitAmend(core, mo, { ...valuesOf(form), ...changes, amendReason: reason }, form.state);
  if (outcome.status !== "amended") throw new Error(`amendment ${outcome.status}: ${JSON.stringify(outcome.status === "invalid" ? outcome.form.errors : {})}`);
  return outcome.note;
}

/**
 * A note (draft or recorded; recorder mo, with sam) discussed Mon 23 Nov 2026 14:10, with its
 * deadlines and reminders planned as the bot plans them: for tests of reminders.
 */
export async function plannedNote(core: Core, id: string, status: "draft" | "recorded", caseRef: string) {
  const now = core.clock.now();
  await core.storage.notes.create({
    id,
    sourceKey: null,
    status,
    fields: completeFields({ caseRef, discussedAt: new Date("2026-11-23T14:10:00Z") }),
    createdAt: now,
    createdById: "p-mo",
    recorderId: "p-mo",
    ...(status === "recorded" && { recording: { at: now, byId: "p-mo", recorderId: "p-mo", lateReason: null } }),
  });
  await syncNoteDeadlines(core, id, "p-mo");
}
