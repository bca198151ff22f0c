// Retention (docs/operating.md#retention): how long the bot keeps its own copy of a note's case
// content. The copy exists to reach the child's case record; once the note has been there for the
// profile's period (and, where the profile says so, the people in it have left and that period has
// passed too [003 8.12]), its content is due to go. Pure: the caller supplies now, the notes and
// when people left.

import { emptyFields, type NoteAction, type NoteFields } from "./note.ts";

/**
 * A note's fields once its case content is purged: what identifies and counts it stays (case
 * reference, kind, discussion time, the participants' ids: who may still see that it existed),
 * every written part goes. Action plans keep owner and due date, not what was to be done.
 */
export function purgedFields(fields: NoteFields): NoteFields {
  return {
    ...emptyFields(fields.discussedAt),
    caseRef: fields.caseRef,
    kind: fields.kind,
    participantIds: [...fields.participantIds],
    actions: fields.actions.map((a) => ({ what: "", ownerId: a.ownerId, ownerText: null, dueAt: a.dueAt })),
  };
}

/** An action once purged: its texts go; owner, due date, status and when it was done stay (compliance counts them). */
export function purgedAction(action: NoteAction): NoteAction {
  return { ...action, what: "", ownerText: null, outcome: null };
}

/** A calendar period: exactly one of years, months or days. */
export type RetentionPeriod = { years: number } | { months: number } | { days: number };

export interface RetentionRule {
  after: RetentionPeriod;
  /** The policy paragraph behind the period, or why none names one. */
  source: string;
}

export interface RetentionRules {
  /** Kept this long after the note went onto the child's case record. */
  onCaseRecord: RetentionRule;
  /**
   * When set, also kept while anyone in the note is still with the authority, and this long after
   * the last of them left ("records must be kept locally for at least 2 years" [003 8.12]).
   */
  afterLeaving: RetentionRule | null;
}

/** What retention needs of a note: ids and dates only, never its content. */
export interface RetentionCandidate {
  id: string;
  caseRef: string | null;
  onCaseRecordAt: Date;
  participantIds: string[];
}

export type RetentionVerdict =
  | { due: true; dueAt: Date; rule: string; explain: string }
  | { due: false; dueAt: Date | null; explain: string };

/** `at` moved on by `period` on the UTC calendar (31 Jan + 1 month → 28 or 29 Feb, not 3 Mar). */
export function addPeriod(at: Date, period: RetentionPeriod, sign: 1 | -1 = 1): Date {
  const d = new Date(at.getTime());
  if ("days" in period) {
    d.setUTCDate(d.getUTCDate() + sign * period.days);
    return d;
  }
  const months = sign * ("years" in period ? period.years * 12 : period.months);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d;
}

/** "12 months", "2 years", "1 day". */
export function describePeriod(period: RetentionPeriod): string {
  const [unit, n] = Object.entries(period)[0] as [string, number];
  return `${n} ${n === 1 ? unit.slice(0, -1) : unit}`;
}

/**
 * The latest on-case-record instant a note may have and be due at `now`: the bounded query's
 * cutoff. A day later than exact, since subtracting months is not the inverse of adding them
 * (29 Feb); `retentionVerdict` decides each note exactly.
 */
export function onCaseRecordCutoff(rules: RetentionRules, now: Date): Date {
  return addPeriod(addPeriod(now, rules.onCaseRecord.after, -1), { days: 1 });
}

/**
 * Whether a note's content is due to be purged at `now`, and why, in one sentence with the policy
 * sources. `leftAt(personId)` is when that person left, or null while they are with the authority
 * (someone no longer on the roster counts as not having left: the record is kept).
 */
export function retentionVerdict(note: RetentionCandidate, rules: RetentionRules, now: Date, leftAt: (personId: string) => Date | null): RetentionVerdict {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const fromCaseRecord = addPeriod(note.onCaseRecordAt, rules.onCaseRecord.after);
  const parts = [`on the case record since ${day(note.onCaseRecordAt)}, kept ${describePeriod(rules.onCaseRecord.after)} after that ${rules.onCaseRecord.source}`];
  let dueAt: Date | null = fromCaseRecord;
  let rule = "retention.on-case-record";
  if (rules.afterLeaving) {
    const period = describePeriod(rules.afterLeaving.after);
    const left = note.participantIds.map((id) => ({ id, at: leftAt(id) }));
    const staying = left.filter((p) => p.at === null).map((p) => p.id);
    if (staying.length > 0 || left.length === 0) {
      dueAt = null;
      parts.push(`and ${period} after the last person in it leaves ${rules.afterLeaving.source}: ${staying.length > 0 ? `${staying.join(", ")} not left` : "no one recorded in it"}`);
    } else {
      const lastLeft = new Date(Math.max(...left.map((p) => p.at!.getTime())));
      const fromLeaving = addPeriod(lastLeft, rules.afterLeaving.after);
      parts.push(`and ${period} after the last person in it left (${day(lastLeft)}) ${rules.afterLeaving.source}`);
      if (fromLeaving.getTime() > fromCaseRecord.getTime()) {
        dueAt = fromLeaving;
        rule = "retention.after-leaving";
      }
    }
  }
  const explain = `${parts.join(" ")}: ${dueAt ? `due ${day(dueAt)}` : "kept"}`;
  if (dueAt !== null && dueAt.getTime() <= now.getTime()) return { due: true, dueAt, rule, explain };
  return { due: false, dueAt, explain };
}
