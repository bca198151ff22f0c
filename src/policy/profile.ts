// A policy profile: the timescales, reminder offsets, working hours, group supervision
// cadence and export style of one authority, as data (docs/design.md#timescales). Every value carries
// the policy paragraph it comes from, so the bot can say why a deadline is what it is.

export { RULE_IDS, type Duration, type RuleId, type TimeOfDay, type WorkingHours } from "../domain/timescale.ts";
import type { Duration, RuleId, TimeOfDay, WorkingHours } from "../domain/timescale.ts";
import type { RetentionRules } from "../domain/retention.ts";
import type { CaseDiscussionRules } from "../domain/discussion-frequency.ts";
export type { CaseDiscussionRules, CategoryFrequency } from "../domain/discussion-frequency.ts";
export type { CalendarPeriod } from "../domain/timescale.ts";
import type { Cadence, Interval } from "../domain/supervision.ts";
export type { Cadence, CadenceStep, Interval } from "../domain/supervision.ts";
export type { RetentionPeriod, RetentionRule, RetentionRules } from "../domain/retention.ts";

export interface TimescaleRule {
  after: Duration;
  /** The policy paragraph behind the value, e.g. "[004 §7] definitely within 48 hours". */
  source: string;
}

export interface GroupSupervisionFormat {
  /** e.g. "Appreciative Inquiry" */
  name: string;
  cadenceWeeks: number;
  source: string;
}

export interface PolicyProfile {
  id: string;
  /** The authority, e.g. "Kent County Council". */
  name: string;
  rules: Record<RuleId, TimescaleRule>;
  reminders: {
    /** Reminders before each deadline, e.g. [{ hours: 24 }, { hours: 4 }]. */
    before: Duration[];
    /** Action owners are reminded this many working days before the due day (and on it). */
    actionWorkingDaysBefore: number;
    /** When the daily overdue digest goes to a manager (their working hours permitting). */
    digestAt: TimeOfDay;
    source: string;
  };
  /** Default working hours; a person's own (roster) replace them. Reminders wait for them. */
  workingHours: WorkingHours & { source: string };
  groupSupervision: {
    /** Sessions every N weeks (2–4 [000]). */
    cadenceWeeks: number;
    /** Roles announced this many working days before the session. */
    announceWorkingDaysBefore: number;
    /**
     * Other formats with their own cadence, keyed by format id, e.g. Kent's
     * `case-progression` every 2 weeks [002]. A series with no format uses `cadenceWeeks`.
     */
    formats?: Record<string, GroupSupervisionFormat>;
    source: string;
  };
  export: {
    /** "standard": "Management Oversight – kind – case"; "supervising": Merton's "<supervisor> supervising <supervisee>". */
    title: "standard" | "supervising";
    source: string;
  };
  /** Formal one-to-one supervision and supervision agreements (docs/design.md#formal-supervision). */
  supervision: SupervisionPolicy;
  /** How long the bot keeps its copy of a note's case content (docs/operating.md#retention). */
  retention: RetentionRules;
  /** How often a case of each category must be discussed (docs/design.md#the-case-register). */
  caseDiscussion: CaseDiscussionRules;
}

/** Formal supervision: how often, the longest gap, how far ahead, and the agreement's timescales. */
export interface SupervisionPolicy {
  /** Everyone's cadence (steps from their start date, if the policy has any for new starters). */
  usual: Cadence;
  /** A newly qualified social worker's (ASYE) cadence, from their start date. */
  newlyQualified: Cadence;
  /** Never longer than this since the last session held; a move past it is refused. */
  maxGap: { after: Interval; source: string };
  /** How many sessions are planned ahead. */
  planAhead: { sessions: number; source: string };
  /** Signed by both within `signWithin` of the relationship starting; reviewed every `reviewEvery`. */
  agreement: { signWithin: Interval; reviewEvery: Interval; source: string };
  /** Whether each session has a case supervision reference to put on the children's records (rule case-supervision.on-case-record). */
  caseRecord: { required: boolean; source: string };
}
