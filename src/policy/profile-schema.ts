// The shape of a profile file (docs/design.md#timescales), checked with zod. Messages are written to be
// read after a path: "rules.note.complete.after.hours must be a positive whole number".
import { z } from "zod";
import { RULE_IDS, type PolicyProfile } from "./profile.ts";

type Issue = { input?: unknown };
const required = (problem: string) => (iss: Issue) => (iss.input === undefined ? "is required" : problem);

const POSITIVE = "must be a positive whole number";
const positiveWhole = z.number({ error: required(POSITIVE) }).int({ error: POSITIVE }).min(1, { error: POSITIVE });
const WHOLE = "must be a whole number, 0 or more";
const whole = z.number({ error: required(WHOLE) }).int({ error: WHOLE }).min(0, { error: WHOLE });
const text = z.string({ error: required("must be text") }).trim().min(1, { error: "must not be empty" });
/** Every value says where it comes from, so the bot can say why a deadline is what it is. */
const CITE = "cite the policy paragraph behind the values, or say that no policy names one";
const source = z
  .string({ error: (iss) => (iss.input === undefined ? `is required: ${CITE}` : "must be text") })
  .trim()
  .min(1, { error: `must not be empty: ${CITE}` });

/** A strict object whose unknown keys are named, with the keys it does accept. */
function strict<Shape extends z.ZodRawShape>(shape: Shape) {
  const known = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === "unrecognized_keys"
        ? `has an unknown setting ${iss.keys.map((k) => `"${k}"`).join(", ")} (expected ${known})`
        : required(`must be a mapping of ${known}`)(iss),
  });
}

const TIME = 'must be a London time "HH:MM", e.g. "17:30"';
const timeOfDay = z
  .string({ error: required(TIME) })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: TIME })
  .transform((hhmm) => ({ hour: Number(hhmm.slice(0, 2)), minute: Number(hhmm.slice(3)) }));

const WEEKDAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const DAY = 'must be a weekday: "Mon" … "Sun", or 1 (Monday) … 7 (Sunday)';
const weekday = z.union([
  z.number().int().min(1).max(7),
  z.string().transform((name, ctx) => {
    const n = WEEKDAY_NAMES.indexOf(name.trim().slice(0, 3).toLowerCase()) + 1;
    if (n === 0 || name.trim().length < 3) ctx.addIssue({ code: "custom", message: DAY });
    return n;
  }),
], { error: DAY });
const weekdays = z
  .array(weekday, { error: required("must be a list of weekdays, e.g. [Mon, Tue, Wed, Thu, Fri]") })
  .min(1, { error: "must list at least one day" })
  .refine((days) => new Set(days).size === days.length, { error: "must not list a day twice" })
  .refine((days) => days.some((d) => d <= 5), { error: "must include a day Monday to Friday, or no working-day deadline could fall due" })
  .transform((days) => [...days].sort((a, b) => a - b));

/** Exactly one of hours / workingDays. */
export const durationSchema = strict({ hours: positiveWhole.optional(), workingDays: positiveWhole.optional() })
  .refine((d) => (d.hours === undefined) !== (d.workingDays === undefined), {
    error: (iss) =>
      (iss.input as { hours?: unknown }).hours === undefined ? "must set hours or workingDays" : "must set exactly one of hours or workingDays, not both",
  })
  .transform((d): { hours: number } | { workingDays: number } => (d.hours !== undefined ? { hours: d.hours } : { workingDays: d.workingDays! }));

const rule = strict({ after: durationSchema, source });

const reminders = {
  before: z.array(durationSchema, { error: required("must be a list of durations, e.g. [{ hours: 24 }, { hours: 4 }]") }),
  actionWorkingDaysBefore: whole,
  digestAt: timeOfDay,
  source,
};
const workingHours = { start: timeOfDay, end: timeOfDay, days: weekdays, source };
const format = strict({ name: text, cadenceWeeks: positiveWhole, source });
const FORMAT_ID = "format ids look like case-progression";
const groupSupervision = {
  cadenceWeeks: positiveWhole,
  announceWorkingDaysBefore: whole,
  formats: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, { error: FORMAT_ID }), format).optional(),
  source,
};
const exportStyle = {
  title: z.enum(["standard", "supervising"], { error: 'must be "standard" or "supervising"' }),
  source,
};

/** Exactly one of weeks / months: a session cadence or gap. */
const INTERVAL = "must set exactly one of weeks or months";
const interval = strict({ weeks: positiveWhole.optional(), months: positiveWhole.optional() })
  .refine((i) => (i.weeks === undefined) !== (i.months === undefined), { error: INTERVAL })
  .transform((i): { weeks: number } | { months: number } => (i.weeks !== undefined ? { weeks: i.weeks } : { months: i.months! }));
const cadence = strict({ steps: z.array(strict({ every: interval, until: interval }), { error: required("must be a list of { every, until }") }), then: interval, source });
const supervision = {
  usual: cadence,
  newlyQualified: cadence,
  maxGap: strict({ after: interval, source }),
  planAhead: strict({ sessions: positiveWhole, source }),
  agreement: strict({ signWithin: interval, reviewEvery: interval, source }),
  caseRecord: strict({ required: z.boolean({ error: "must be true or false" }), source }),
};

/** Exactly one of years / months / days. */
const PERIOD = "must set exactly one of years, months or days";
export const periodSchema = strict({ years: positiveWhole.optional(), months: positiveWhole.optional(), days: positiveWhole.optional() })
  .refine((p) => [p.years, p.months, p.days].filter((n) => n !== undefined).length === 1, { error: PERIOD })
  .transform((p): { years: number } | { months: number } | { days: number } =>
    p.years !== undefined ? { years: p.years } : p.months !== undefined ? { months: p.months } : { days: p.days! },
  );
const retentionRule = strict({ after: periodSchema, source });
const retention = {
  onCaseRecord: retentionRule,
  // null (or absent) in a profile: no condition on people leaving.
  afterLeaving: retentionRule.nullable().optional().transform((rule) => rule ?? null),
};

/** Exactly one of days / weeks / months. */
const CALENDAR_PERIOD = "must set exactly one of days, weeks or months";
const calendarPeriod = strict({ days: positiveWhole.optional(), weeks: positiveWhole.optional(), months: positiveWhole.optional() })
  .refine((p) => [p.days, p.weeks, p.months].filter((n) => n !== undefined).length === 1, { error: CALENDAR_PERIOD })
  .transform((p): { days: number } | { weeks: number } | { months: number } =>
    p.days !== undefined ? { days: p.days } : p.weeks !== undefined ? { weeks: p.weeks } : { months: p.months! },
  );
const CATEGORY_ID = "category ids look like cin, cp or placed-with-parents";
const categoryFrequency = strict({
  name: text,
  every: calendarPeriod,
  first: calendarPeriod.optional(),
  extended: strict({ every: calendarPeriod, agreedBy: text, source }).optional(),
  source,
});
const categories = z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, { error: CATEGORY_ID }), categoryFrequency, { error: required("must be a mapping of category ids") });
const caseDiscussion = {
  categories,
  remindBefore: z.array(durationSchema, { error: required("must be a list of durations, e.g. [{ workingDays: 5 }, { workingDays: 1 }]") }),
  source,
};

const ID = "must be lower-case letters, digits and hyphens, e.g. south-gloucestershire";
const identity = { id: z.string({ error: required(ID) }).regex(/^[a-z0-9][a-z0-9-]*$/, { error: ID }), name: text };

/** The base profile (`default`): every setting present. */
export const fullProfileSchema = strict({
  ...identity,
  rules: z.record(z.enum(RULE_IDS), rule, { error: required("must be a mapping of rule ids") }),
  reminders: strict(reminders),
  workingHours: strict(workingHours),
  groupSupervision: strict(groupSupervision),
  export: strict(exportStyle),
  supervision: strict(supervision),
  retention: strict(retention),
  caseDiscussion: strict(caseDiscussion),
});

/**
 * Any other profile: only what differs from `default`. Each rule is whole; a section may
 * set some of its values but must then give its `source`, which covers the section.
 */
export const partialProfileSchema = strict({
  ...identity,
  rules: z.partialRecord(z.enum(RULE_IDS), rule, { error: required("must be a mapping of rule ids") }).optional(),
  reminders: strict(reminders).partial().extend({ source }).optional(),
  workingHours: strict(workingHours).partial().extend({ source }).optional(),
  groupSupervision: strict(groupSupervision).partial().extend({ source }).optional(),
  export: strict(exportStyle).partial().extend({ source }).optional(),
  // Each part of supervision is whole and carries its own source, as rules do.
  supervision: strict(supervision).partial().optional(),
  // Each retention rule is whole and carries its own source, as timescale rules do.
  retention: strict({ onCaseRecord: retentionRule.optional(), afterLeaving: retentionRule.nullable().optional() }).optional(),
  // Categories named here replace the base's whole (each carries its own source); others are inherited.
  caseDiscussion: strict({ categories: categories.optional(), remindBefore: caseDiscussion.remindBefore.optional(), source: source.optional() }).optional(),
});

export type PartialProfile = z.output<typeof partialProfileSchema>;

// Compile-time check that the schema produces the type the rest of the code uses.
const _fits: (p: z.output<typeof fullProfileSchema>) => PolicyProfile = (p) => p;
void _fits;
