/** The kinds of management oversight (docs/design.md#the-note, after Kent's table [002]). */
export const NOTE_KINDS = [
  "ad-hoc",
  "allocation",
  "step-up",
  "step-down",
  "step-across",
  "closure",
  "transfer",
  "strategy-discussion",
  "case-progression",
  "case-supervision",
  "other",
  "group-supervision",
  "group-outcome",
] as const;

export type NoteKind = (typeof NOTE_KINDS)[number];

export const NOTE_KIND_LABELS: Record<NoteKind, string> = {
  "ad-hoc": "Ad hoc",
  allocation: "Point of allocation",
  "step-up": "Step up",
  "step-down": "Step down",
  "step-across": "Step across",
  closure: "Closure",
  transfer: "Transfer",
  "strategy-discussion": "Strategy discussion",
  "case-progression": "Case progression",
  "case-supervision": "Case supervision",
  other: "Other",
  "group-supervision": "Group supervision",
  "group-outcome": "Group supervision outcome",
};

/** The group supervision note, recorded by the session's presenter (docs/design.md#group-supervision). */
export const GROUP_SUPERVISION = "group-supervision" as const satisfies NoteKind;

/**
 * One child's outcome of a group session: the decision for that child, made from the group
 * note when it is recorded, so it reaches that child's own case record (docs/design.md#group-supervision).
 */
export const GROUP_OUTCOME = "group-outcome" as const satisfies NoteKind;

/** The kinds a manager picks for an oversight note (a group note and its outcomes come from the session). */
export const OVERSIGHT_KINDS = NOTE_KINDS.filter((kind) => kind !== GROUP_SUPERVISION && kind !== GROUP_OUTCOME);

export function isNoteKind(value: string): value is NoteKind {
  return (NOTE_KINDS as readonly string[]).includes(value);
}
