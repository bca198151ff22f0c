// When a case must next be discussed (docs/design.md#the-case-register): its category's frequency
// from the profile, counted from its last discussion, or from the day it entered its category
// when it has not been discussed since and the category sets a first discussion of its own.
import { isoDate, londonDateOf, parseLondonDate } from "../calendar/london-date.ts";
import { everyPeriod, periodAfter, periodInWords } from "../calendar/period-after.ts";
import { extensionInForce, type RegisteredCase } from "../domain/case-register.ts";
import type { CategoryFrequency } from "../domain/discussion-frequency.ts";
import { AppError } from "../domain/errors.ts";
import { londonToInstant } from "../domain/london-time.ts";
import type { PolicyProfile } from "./profile.ts";

export interface DiscussionDue {
  /** What the period runs from: the last discussion, or the start of the day the case entered its category. */
  fromAt: Date;
  due: Date;
  /** e.g. "Child in need, every 4 weeks from the last discussion: 4 weeks after Mon 7 Dec 2026: end of Mon 4 Jan 2027". */
  explain: string;
  /** The policy paragraph behind the period. */
  source: string;
}

/** The category's frequency in the profile; an unknown category is refused, naming the known ones. */
export function categoryFrequency(profile: PolicyProfile, category: string): CategoryFrequency {
  const frequency = profile.caseDiscussion.categories[category];
  if (frequency) return frequency;
  const known = Object.keys(profile.caseDiscussion.categories).join(", ");
  throw new AppError("CASE.UNKNOWN_CATEGORY", `"${category}" is not a case category in the ${profile.id} profile; the categories are ${known}`, { category, known });
}

/** When a case discussed at `discussedAt` (a case of `category`, without an agreed extension) must next be discussed. */
export function nextDiscussionDue(profile: PolicyProfile, category: string, discussedAt: Date): DiscussionDue {
  const frequency = categoryFrequency(profile, category);
  const { due, explain } = periodAfter(londonDateOf(discussedAt), frequency.every, profile.workingHours);
  return { fromAt: discussedAt, due, explain: `${frequency.name}, ${everyPeriod(frequency.every)}: ${explain}`, source: frequency.source };
}

/**
 * When a case on the register must next be discussed, given its last discussion (null: none
 * recorded). A discussion before the case entered its category still counts, unless the category
 * sets its own first discussion (an assessment: 10 days), which then runs from the category's start.
 */
export function caseDiscussionDue(profile: PolicyProfile, kase: Pick<RegisteredCase, "category" | "categorySince" | "extension">, lastDiscussedAt: Date | null): DiscussionDue {
  const frequency = categoryFrequency(profile, kase.category);
  const since = parseLondonDate(kase.categorySince);
  const discussedSince = lastDiscussedAt !== null && isoDate(londonDateOf(lastDiscussedAt)) >= kase.categorySince;
  const extension = extensionInForce(kase) && frequency.extended ? frequency.extended : null;
  const every = extension?.every ?? frequency.every;
  const label = extension ? `${frequency.name}, ${everyPeriod(every)} as agreed (${extension.agreedBy})` : `${frequency.name}, ${everyPeriod(every)}`;
  const source = extension ? extension.source : frequency.source;
  if (lastDiscussedAt && (discussedSince || !frequency.first)) {
    const { due, explain } = periodAfter(londonDateOf(lastDiscussedAt), every, profile.workingHours);
    return { fromAt: lastDiscussedAt, due, explain: `${label}, from the last discussion: ${explain}`, source };
  }
  const fromAt = londonToInstant({ ...since, hour: 0, minute: 0 });
  const first = frequency.first ?? every;
  const { due, explain } = periodAfter(since, first, profile.workingHours);
  const what = frequency.first ? `${frequency.name}, first discussion within ${periodInWords(first)} of entering the category` : `${label}, not yet discussed, from entering the category`;
  return { fromAt, due, explain: `${what}: ${explain}`, source };
}
