// Group supervision (docs/design.md#group-supervision): a team's series of sessions, each with a presenter, a
// facilitator and an advisor chosen by fair rotation, stepped through its format's stages,
// and a group note the presenter records.

/** The formats: Signs of Safety group supervision by default [000]; Kent's others [002]. */
export const GROUP_FORMATS = ["signs-of-safety", "appreciative-inquiry", "case-progression", "case-formulation"] as const;
export type GroupFormat = (typeof GROUP_FORMATS)[number];
export const DEFAULT_GROUP_FORMAT: GroupFormat = "signs-of-safety";

/** How many stages the facilitator steps through; each has a prompt `group.stage.<format>.<n>`. */
export const STAGE_COUNTS: Record<GroupFormat, number> = {
  "signs-of-safety": 8,
  "appreciative-inquiry": 5,
  "case-progression": 5,
  "case-formulation": 6,
};

export function isGroupFormat(value: string): value is GroupFormat {
  return (GROUP_FORMATS as readonly string[]).includes(value);
}

/** A team's standing arrangement for group supervision. */
export interface GroupSeries {
  id: string;
  /** One series per team. */
  team: string;
  format: GroupFormat;
  /** Every 2–4 weeks [000 group Standard One]. */
  cadenceWeeks: number;
  /** The London calendar day of the first session; later ones follow every `cadenceWeeks`. */
  firstDate: string;
  /** London wall-clock start, "14:00". */
  time: string;
  durationMinutes: number;
  /** Where roles are announced: "slack:C0123ABC" or "console:<name>"; null for direct messages only. */
  channel: string | null;
  createdAt: Date;
  createdById: string;
  updatedAt: Date;
}

export type GroupSessionStatus = "planned" | "cancelled" | "held";

/** Why a session was called off when its series changed: not a cancellation the cadence counts. */
export const SERIES_CHANGED = "series-changed";

export interface GroupSession {
  id: string;
  seriesId: string;
  /** London calendar day. */
  date: string;
  startsAt: Date;
  status: GroupSessionStatus;
  presenterId: string | null;
  facilitatorId: string | null;
  advisorId: string | null;
  /** Set once roles are announced, swapped or set by a manager: the rotation no longer re-plans them. */
  rolesFixed: boolean;
  /** Chosen by the presenter beforehand [000 group Standard Two]. */
  caseRef: string | null;
  /** The cancelled session this one makes up for [000 group Standard One]. */
  replacesId: string | null;
  /** 0 before the facilitator starts; 1…n the stage running; n + 1 when all are done. */
  stage: number;
  /** A swap one role-holder asked for and the other has not yet agreed to. */
  pendingSwap: { fromId: string; toId: string } | null;
  /** The group note, once the presenter starts it. */
  noteId: string | null;
  cancelReason: string | null;
  /** Counts changes: an update made from an out-of-date read is refused (two processes, one session). */
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

export type GroupRoleId = "presenter" | "facilitator" | "advisor";

/** Who holds each role in a session. */
export function rolesOf(session: GroupSession): Record<GroupRoleId, string | null> {
  return { presenter: session.presenterId, facilitator: session.facilitatorId, advisor: session.advisorId };
}

/** The role a person holds in a session, if any. */
export function roleOf(session: GroupSession, personId: string): GroupRoleId | null {
  const roles = rolesOf(session);
  return (Object.keys(roles) as GroupRoleId[]).find((role) => roles[role] === personId) ?? null;
}
