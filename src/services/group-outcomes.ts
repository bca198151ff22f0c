import { isDecisionNotToAct } from "../domain/decision.ts";
import { changedFields, emptyFields, type ChildDiscussed, type NoteFields, type OversightNote } from "../domain/note.ts";
import { GROUP_OUTCOME, GROUP_SUPERVISION } from "../domain/note-kinds.ts";
import { auditRecord } from "./audit-trail.ts";
import type { Core } from "./core.ts";
import { syncNoteDeadlines } from "./sync-note-deadlines.ts";

/** The source key prefix of a group supervision note made for its session (see group-sessions.ts). */
const GROUP_NOTE_SOURCE = "group-note:";

/**
 * The outcomes a group note's children have now, by case reference: the entry each child's
 * row made, as stored (never a withdrawn one). Example: outcomesOf(core, group) → Map { "4471-JB" → note k7m2 }.
 */
export async function outcomesOf(core: Core, group: OversightNote, caseRefs: Iterable<string> = (group.fields.children ?? []).map((c) => c.caseRef)): Promise<Map<string, OversightNote>> {
  const found = new Map<string, OversightNote>();
  for (const caseRef of new Set(caseRefs)) {
    const entry = (await core.storage.notes.listByCase(caseRef)).find((n) => n.fields.kind === GROUP_OUTCOME && n.fields.fromGroup?.noteId === group.id);
    if (entry) found.set(caseRef, entry);
  }
  return found;
}

/**
 * Brings a recorded group note's outcomes in line with the children it lists, in the turn
 * that recorded or amended it: one outcome per child (a recorded note of its own on that
 * child's case, with the decision for them, the group note's participants and recorder, and
 * its own deadlines and reminders), a changed decision amended into its outcome, a child
 * taken off the note having its outcome withdrawn (deadlines and reminders cancelled).
 * Idempotent: keyed by group note and case reference, so a repeat changes nothing.
 * Returns the outcomes in the note's order.
 */
export async function syncGroupOutcomes(core: Core, groupNoteId: string, actorId: string, reason: string | null): Promise<OversightNote[]> {
  const group = await core.storage.notes.findById(groupNoteId);
  if (!group || group.fields.kind !== GROUP_SUPERVISION || (group.status !== "recorded" && group.status !== "on-case-record")) return [];
  const children = group.fields.children ?? [];
  // Every case any version listed: where an outcome to withdraw may be.
  const listed = (await core.storage.notes.revisions(group.id)).flatMap((r) => r.fields.children ?? []);
  const live = await outcomesOf(core, group, [...listed, ...children].map((c) => c.caseRef));
  const now = core.clock.now();
  const outcomes: OversightNote[] = [];
  for (const child of children) {
    const fields = outcomeFields(group, child);
    const existing = live.get(child.caseRef);
    live.delete(child.caseRef);
    outcomes.push(existing ? await follow(core, existing, fields, actorId, reason, group) : await create(core, group, fields, actorId));
  }
  for (const gone of live.values()) {
    const withdrawn = auditRecord(core, actorId, "note.discarded", "note", gone.id, { from: "group-note", groupNoteId: group.id, version: group.version });
    const result = await core.storage.notes.withdrawGroupOutcome(gone.id, now, actorId, [withdrawn]);
    if (result?.changed) await syncNoteDeadlines(core, gone.id, actorId);
  }
  return outcomes;
}

/** A child's outcome as the group note now implies it. */
function outcomeFields(group: OversightNote, child: ChildDiscussed): NoteFields {
  const sessionId = group.sourceKey?.startsWith(GROUP_NOTE_SOURCE) ? group.sourceKey.slice(GROUP_NOTE_SOURCE.length) : null;
  return {
    ...emptyFields(group.fields.discussedAt),
    kind: GROUP_OUTCOME,
    caseRef: child.caseRef,
    participantIds: [...group.fields.participantIds],
    decision: child.decision,
    decisionNotToAct: isDecisionNotToAct(child.decision),
    fromGroup: { noteId: group.id, sessionId },
  };
}

/** A new outcome, recorded as the group note is, by its recorder; audited and sealed as any note. */
async function create(core: Core, group: OversightNote, fields: NoteFields, actorId: string): Promise<OversightNote> {
  const now = core.clock.now();
  const recorderId = group.recorderId ?? actorId;
  const key = `group-outcome:${group.id}:${fields.caseRef}`;
  const store = async (sourceKey: string) => {
    const id = core.newId();
    return core.storage.notes.create(
      { id, sourceKey, status: "recorded", fields, createdAt: now, createdById: actorId, recorderId, recording: { at: now, byId: actorId, recorderId, lateReason: null } },
      [
        auditRecord(core, actorId, "note.create", "note", id, { from: "group-note", groupNoteId: group.id }),
        auditRecord(core, actorId, "note.record", "note", id, { version: 1, late: false }),
      ],
    );
  };
  let stored = await store(key);
  // Taken off and put back by a later amendment: a new outcome, keyed by the group note's version.
  if (!stored.created && stored.note.status === "discarded") stored = await store(`${key}:v${group.version}`);
  if (stored.created) await syncNoteDeadlines(core, stored.note.id, actorId);
  return stored.note;
}

/** An outcome amended to follow its group note (a new decision, participants or time), with the group amendment's reason. */
async function follow(core: Core, outcome: OversightNote, fields: NoteFields, actorId: string, reason: string | null, group: OversightNote): Promise<OversightNote> {
  const changed = changedFields(outcome.fields, fields);
  if (changed.length === 0) return outcome;
  const record = auditRecord(core, actorId, "note.amend", "note", outcome.id, { version: outcome.version + 1, fields: changed, from: "group-note", groupNoteId: group.id });
  const amended = await core.storage.notes.amend(outcome.id, { at: core.clock.now(), byId: actorId, reason, fields, expectedVersion: outcome.version }, [record]);
  if (!amended) return outcome;
  await syncNoteDeadlines(core, outcome.id, actorId);
  return amended;
}
