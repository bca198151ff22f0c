import { formatLondon } from "../domain/london-time.ts";
import { GROUP_SUPERVISION, NOTE_KIND_LABELS } from "../domain/note-kinds.ts";
import { deadlineState, type Deadline } from "../domain/deadline.ts";
import type { OversightNote } from "../domain/note.ts";
import type { PromptKey, Prompts } from "../prompts/prompts.ts";
import type { Directory } from "../services/directory.ts";
import type { NoteRecord } from "../services/view-note.ts";
import { noteAsText } from "../export/note-text.ts";
import { fieldLabels } from "../export/field-text.ts";
import type { Block, Field, FieldValue, OutboundMessage } from "../content/message.ts";

/** One line about a note for lists: id, case, kind, when, status. */
export function noteLine(note: OversightNote, prompts: Prompts): string {
  return prompts.say("note.line", {
    id: note.id,
    caseRef: note.fields.caseRef ?? "?",
    kind: NOTE_KIND_LABELS[note.fields.kind],
    discussed: formatLondon(note.fields.discussedAt),
    status: prompts.say(`export.status.${note.status}` as PromptKey),
  });
}

/** A note shown in full with its history: the export text is what an inspector would read. */
export function noteMessage(record: NoteRecord, prompts: Prompts, now: Date): OutboundMessage {
  const text = noteAsText(record, prompts);
  const blocks: Block[] = [{ type: "text", text }];
  // A draft's fields the bot only guessed from a message, not yet checked by anyone.
  const guessed = record.note.status === "draft" ? record.note.fields.guessed : [];
  if (guessed.length) blocks.push({ type: "text", text: prompts.say("note.guessed", { fields: fieldLabels(guessed.map(storedField), record.note.fields.kind, prompts) }) });
  if (record.history.length) {
    blocks.push({ type: "heading", text: prompts.say("note.history") });
    blocks.push({ type: "list", items: record.history.map((e) => `${formatLondon(e.at)} ${record.directory.nameOf(e.byId)}: ${prompts.say(`note.event.${e.kind}` as PromptKey)}${"version" in e ? ` v${e.version}` : ""}`) });
  }
  if (record.deadlines.length) {
    blocks.push({ type: "heading", text: prompts.say("note.deadlines") });
    blocks.push({ type: "list", items: record.deadlines.map((d) => deadlineLine(d, record.note, now, prompts)) });
  }
  return { text, blocks };
}

/** The stored field a form's field is named by in the record's labels (participants → participantIds). */
const storedField = (field: string): string => (field === "participants" ? "participantIds" : field);

/**
 * The summary of a note sent to participants when it is recorded (and shown in place of the
 * card it was recorded from): what was recorded, field by field, lists one item per line
 * (participants, options with the chosen one marked, disagreements, actions).
 */
export function recordedMessage(note: OversightNote, directory: Directory, prompts: Prompts): OutboundMessage {
  const say = prompts.say;
  const f = note.fields;
  const caseRef = f.caseRef ?? "?";
  const text = say("note.recorded", { id: note.id, caseRef });
  const items = note.actions.map((a) =>
    say("note.action-line", {
      id: a.id,
      what: a.what,
      owner: a.ownerId ? directory.nameOf(a.ownerId) : (a.ownerText ?? "-"),
      due: a.dueAt ? formatLondon(a.dueAt) : "-",
    }),
  );
  const group = f.kind === GROUP_SUPERVISION;
  const fields: Field[] = [];
  const add = (label: PromptKey, value: FieldValue | null | undefined) => {
    if (value !== null && value !== undefined && value.length > 0) fields.push({ label: say(label), value });
  };
  add("form.label.kind", NOTE_KIND_LABELS[f.kind]);
  add("form.label.discussedat", formatLondon(f.discussedAt));
  add("form.label.participants", f.participantIds.map((id) => directory.nameOf(id)));
  if (group) {
    add("form.label.questions", f.questions);
    add("form.label.group-issues", f.issue);
    add("form.label.insights", f.insights);
    add("form.label.children", (f.children ?? []).map((c) => `${c.caseRef}: ${c.decision}`));
  } else {
    add("form.label.issue", f.issue);
    add("form.label.review", f.review ?? f.reviewDoesNotApply);
    add("form.label.options", f.options.map((o) => (o.chosen ? `${o.text} ${say("export.chosen")}` : o.text)));
    add("form.label.decision", (f.decisionNotToAct ? `${say("export.not-to-act")} ` : "") + (f.decision ?? ""));
    add("form.label.rationale", f.rationale);
    add("form.label.disagreements", f.noDisagreement ? say("export.no-disagreement") : f.disagreements.map((d) => `${directory.nameOf(d.who)}: ${d.view}`));
    add("form.label.childviews", f.childViews ?? f.childViewsDoesNotApply);
  }
  // Who did record it: the most senior may have handed it on, and a group note is its presenter's.
  if (note.recorderId) add("export.recorder", directory.nameOf(note.recorderId));
  const blocks: Block[] = [
    { type: "text", text },
    { type: "fields", fields },
  ];
  if (items.length) blocks.push({ type: "heading", text: say(group ? "form.label.next-steps" : "form.label.actions") }, { type: "list", items });
  return { text, blocks };
}

/** A recorded group note's summary with its children's outcomes, one line each: "4471-JB: outcome k7m2". */
export function withOutcomes(summary: OutboundMessage, outcomes: readonly OversightNote[], prompts: Prompts): OutboundMessage {
  if (outcomes.length === 0) return summary;
  const heading = prompts.say("group.outcomes-recorded");
  const items = outcomes.map((o) => prompts.say("group.outcome-line", { caseRef: o.fields.caseRef ?? "?", id: o.id }));
  return { text: [summary.text, heading, ...items].join("\n"), blocks: [...summary.blocks, { type: "text", text: heading }, { type: "list", items }] };
}

/** "Complete the note: due Wed 25 Nov 2026 14:10, met on time (48 hours after …; [004 §7] …)". */
function deadlineLine(deadline: Deadline, note: OversightNote, now: Date, prompts: Prompts): string {
  const state = deadlineState(deadline, now);
  const action = deadline.subjectType === "action" ? note.actions.find((a) => a.id === deadline.subjectId) : undefined;
  return prompts.say("note.deadline-line", {
    what: action ? prompts.say("note.deadline.action", { id: action.id }) : prompts.say(`note.deadline.${deadline.rule === "note.on-case-record" ? "record" : "complete"}` as PromptKey),
    due: formatLondon(deadline.dueAt),
    state: prompts.say(`note.deadline-state.${state}` as PromptKey, { at: deadline.metAt ? formatLondon(deadline.metAt) : "" }),
    explain: deadline.explain,
    source: deadline.source,
  });
}
