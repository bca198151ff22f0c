import type { DeadlineRule } from "../domain/deadline.ts";
import { formatLondon } from "../domain/london-time.ts";
import type { PromptKey, Prompts } from "../prompts/prompts.ts";
import type { ComplianceSummary, OverdueItem, TimescaleTally } from "../services/compliance-summary.ts";
import type { Block, OutboundMessage } from "../content/message.ts";

// A month's compliance in the bot's words: the chat reply (`compliance`), and the figures on the
// dashboard page and in the inspector pack.

const RULE_KEYS: Record<DeadlineRule, PromptKey> = {
  "note.complete": "compliance.rule.complete",
  "allocation.oversight": "compliance.rule.complete",
  "note.on-case-record": "compliance.rule.record",
  "action.due": "compliance.rule.action",
  // Not a note's deadlines; listed so every rule has words.
  "supervision.notes-circulated": "compliance.rule.complete",
  "supervision.notes-signed": "compliance.rule.complete",
  "case-supervision.on-case-record": "compliance.rule.record",
  "group.note-recorded": "compliance.rule.complete",
  "group.session": "compliance.rule.complete",
  "case.discussion": "compliance.rule.discussion",
  "supervision.session": "compliance.rule.supervision",
  "agreement.signed": "compliance.rule.agreement",
  "agreement.review": "compliance.rule.agreement-review",
};

/** The summary as neutral blocks: the figures, then the overdue list and the late reasons (case references only). */
export function complianceMessage(summary: ComplianceSummary, prompts: Prompts): OutboundMessage {
  const say = prompts.say;
  const heading = say("compliance.heading", { team: summary.team, month: summary.month });
  const fields = [
    { label: say("compliance.notes"), value: String(summary.notes) },
    { label: say("compliance.completed"), value: tallyText(summary.completion, prompts) },
    { label: say("compliance.on-record"), value: tallyText(summary.onCaseRecord, prompts) },
  ];
  const group = summary.groupSupervision;
  if (group) fields.push({ label: say("compliance.group"), value: say("compliance.group-value", { held: group.held, due: group.due, weeks: group.cadenceWeeks, cancelled: group.cancelled }) });
  const cases = summary.caseDiscussion;
  if (cases) fields.push({ label: say("compliance.discussed"), value: `${tallyText(cases, prompts)} · ${say("compliance.cases", { count: cases.cases })}` });
  const formal = summary.formalSupervision;
  if (formal) {
    fields.push({ label: say("compliance.formal"), value: say("compliance.formal-value", { onTime: formal.heldOnTime, due: formal.due, held: formal.held, overdue: formal.overdue, moved: formal.moved, beyond: formal.beyondMaxGap.length, people: formal.supervisees }) });
    fields.push({ label: say("compliance.agreements"), value: say("compliance.agreements-value", { unsigned: formal.agreementsUnsigned, reviews: formal.reviewsOverdue }) });
  }
  const basis = say("compliance.basis", { profile: summary.profile });
  const overdueHeading = say("compliance.overdue.heading", { count: summary.overdue.length });
  const overdue = summary.overdue.map((item) => overdueLine(item, prompts));
  const late = summary.lateReasons.map((l) =>
    say("compliance.late.line", { caseRef: l.caseRef ?? "?", id: l.noteId, due: formatLondon(l.dueAt), recorded: formatLondon(l.recordedAt), reason: l.reason }),
  );

  const blocks: Block[] = [{ type: "heading", text: heading }, { type: "fields", fields }, { type: "text", text: basis }, { type: "heading", text: overdueHeading }];
  blocks.push(overdue.length ? { type: "list", items: overdue } : { type: "text", text: say("compliance.overdue.none") });
  const lateHeading = say("compliance.late.heading", { count: late.length });
  if (late.length) blocks.push({ type: "heading", text: lateHeading }, { type: "list", items: late });
  const drifting = (cases?.overdueCases ?? []).map((c) =>
    say("compliance.case-overdue.line", { caseRef: c.caseRef, category: c.category, due: formatLondon(c.dueAt), overdue: daysText(c.daysOverdue, prompts), who: c.worker ? `@${c.worker}` : say("compliance.unallocated") }),
  );
  const driftingHeading = say("compliance.case-overdue.heading", { count: drifting.length });
  if (drifting.length) blocks.push({ type: "heading", text: driftingHeading }, { type: "list", items: drifting });

  const text = [
    heading,
    ...fields.map((f) => `${f.label}: ${f.value}`),
    basis,
    overdueHeading,
    ...(overdue.length ? overdue.map((line) => `- ${line}`) : [say("compliance.overdue.none")]),
    ...(late.length ? [lateHeading, ...late.map((line) => `- ${line}`)] : []),
    ...(drifting.length ? [driftingHeading, ...drifting.map((line) => `- ${line}`)] : []),
  ].join("\n");
  return { text, blocks };
}

/** "2 of 4 (50%); 1 late, 1 overdue, 1 not yet due". */
function tallyText(tally: TimescaleTally, prompts: Prompts): string {
  const rate =
    tally.percentWithinDeadline === null
      ? prompts.say("compliance.rate-none")
      : prompts.say("compliance.rate", { onTime: tally.metOnTime, counted: tally.counted, percent: tally.percentWithinDeadline });
  return `${rate}; ${prompts.say("compliance.breakdown", { late: tally.metLate, overdue: tally.overdue, pending: tally.pending })}`;
}

/** "a few hours", "1 day", "3 days" overdue. */
function daysText(days: number, prompts: Prompts): string {
  if (days === 0) return prompts.say("compliance.overdue.hours");
  return days === 1 ? prompts.say("compliance.overdue.day") : prompts.say("compliance.overdue.days", { days });
}

function overdueLine(item: OverdueItem, prompts: Prompts): string {
  const overdue = daysText(item.daysOverdue, prompts);
  return prompts.say("compliance.overdue.line", {
    caseRef: item.caseRef ?? "?",
    id: item.noteId,
    what: prompts.say(RULE_KEYS[item.rule]),
    due: formatLondon(item.dueAt),
    overdue,
    who: item.who.map((h) => `@${h}`).join(", "),
  });
}
