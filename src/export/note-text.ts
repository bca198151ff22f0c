import { formatLondon } from "../domain/london-time.ts";
import { GROUP_OUTCOME, GROUP_SUPERVISION, NOTE_KIND_LABELS, type NoteKind } from "../domain/note-kinds.ts";
import type { Prompts, PromptKey } from "../prompts/prompts.ts";
import type { NoteRecord } from "../services/view-note.ts";
import type { HistoryEvent } from "../services/note-history.ts";
import type { NoteFields } from "../domain/note.ts";
import { fieldLabel, fieldLabels, fieldText } from "./field-text.ts";

/**
 * The note as case-note text, ready to paste into the case system: titled
 * "Management Oversight – <kind> – <case ref>", headings in the order of docs/design.md#the-note, then
 * comments, amendments and the lifecycle. Never a child's name: only the case reference.
 */
export function noteAsText(record: NoteRecord, prompts: Prompts): string {
  const { note, directory } = record;
  const f = note.fields;
  const say = prompts.say;
  const h = (name: string): string => say(`export.heading.${name}` as PromptKey);
  const name = (id: string) => directory.nameOf(id);
  const role = (id: string) => directory.get(id)?.role.replace(/-/g, " ");
  const none = say("export.none");

  const group = f.kind === GROUP_SUPERVISION;
  const outcome = f.kind === GROUP_OUTCOME;
  const title = group ? say("export.group.title", { caseRef: f.caseRef ?? none }) : say("export.title", { kind: NOTE_KIND_LABELS[f.kind], caseRef: f.caseRef ?? none });
  const out: string[] = [title, ""];
  out.push(`${say("export.discussed")}: ${formatLondon(f.discussedAt)}`);
  out.push(`${say("export.participants")}: ${f.participantIds.map((id) => (role(id) ? `${name(id)} (${role(id)})` : name(id))).join(", ")}`);
  if (note.recorderId) out.push(`${say("export.recorder")}: ${name(note.recorderId)}`);
  const since = note.recordedAt ?? note.discardedAt;
  // A group outcome is discarded only when its child was taken off the group note: withdrawn, not "never recorded".
  const status = outcome && note.status === "discarded" ? say("export.group-outcome.withdrawn") : say(`export.status.${note.status}` as PromptKey);
  out.push(`${say("export.status")}: ${status}${since ? ` – ${formatLondon(since)}` : ""} (v${note.version})`);
  if (f.fromGroup) out.push(`${say("export.group-outcome.from")}: ${say("export.group-outcome.origin", { sessionId: f.fromGroup.sessionId ?? none, noteId: f.fromGroup.noteId })}`);
  if (note.lateReason) out.push(`${say("export.late-reason")}: ${note.lateReason}`);
  out.push("");
  // The content went under the retention rule: say so plainly, and what is still known.
  if (note.purgedAt) return purgedText(record, prompts, out);

  const section = (title: string, body: string | null | undefined) => out.push(title, body?.trim() ? body.trim() : none, "");
  const actions = note.actions
    .map((a) => {
      const owner = a.ownerId ? name(a.ownerId) : (a.ownerText ?? say("export.no-owner"));
      const due = a.dueAt ? formatLondon(a.dueAt) : say("export.no-due");
      const state = a.status === "done" ? say("export.action-done", { outcome: a.outcome ?? "" }) : say("export.action-open");
      return `- ${a.what} – ${owner} – ${due} – ${state}`;
    })
    .join("\n");
  if (group) {
    // [000 group Standard Four]: questions, issues, insights and next steps for the case.
    section(say("export.group.questions"), f.questions);
    section(say("export.group.issues"), f.issue);
    section(say("export.group.insights"), f.insights);
    section(say("export.group.next-steps"), actions);
    // Each child discussed and their outcome on their own case [docs/design.md#group-supervision].
    const children = (f.children ?? []).map((c) => {
      const entry = record.outcomes.get(c.caseRef);
      return say("export.group.child-line", { caseRef: c.caseRef, decision: c.decision, entry: entry ? say("export.group.child-entry", { id: entry.id }) : say("export.group.child-no-entry") });
    });
    section(say("export.group.children"), children.join("\n"));
  } else if (outcome) {
    section(h("decision"), (f.decisionNotToAct ? `${say("export.not-to-act")} ` : "") + (f.decision ?? ""));
  } else {
    oversightSections(f, { h, say, name, actions, section });
  }

  const later = record.history.filter((e) => e.kind !== "created" && e.kind !== "recorded" && e.kind !== "action-done");
  if (later.length) {
    out.push(say("export.history"));
    for (const event of later) {
      out.push(`- ${formatLondon(event.at)} ${name(event.byId)}: ${describe(event, prompts, f.kind)}`);
      if (event.kind === "amended") out.push(...amendedValues(record, event.version, event.fields, prompts));
    }
    out.push("");
  }
  return out.join("\n").trimEnd() + "\n";
}

/** What is left of a note whose content the retention rule removed: the header, and why the rest is gone. */
export function purgedStatement(record: NoteRecord, prompts: Prompts): string {
  const { note } = record;
  return prompts.say("export.purged", { date: formatLondon(note.purgedAt!, { withTime: false }), caseRecordRef: note.caseRecordRef ? ` (${note.caseRecordRef})` : "" });
}

function purgedText(record: NoteRecord, prompts: Prompts, out: string[]): string {
  out.push(purgedStatement(record, prompts), "");
  if (record.note.purgedRule) out.push(`${prompts.say("export.purged-rule")}: ${record.note.purgedRule}`, "");
  return out.join("\n").trimEnd() + "\n";
}

/** The note's headings, in the order of docs/design.md#the-note. */
function oversightSections(
  f: NoteFields,
  x: { h: (name: string) => string; say: Prompts["say"]; name: (id: string) => string; actions: string; section: (title: string, body: string | null | undefined) => void },
): void {
  const { h, say, name, section } = x;
  section(h("issue"), f.issue);
  // What was answered: the review or the views, or why they do not apply ("first note on this case").
  section(h("review"), f.review ?? f.reviewDoesNotApply);
  section(h("options"), f.options.map((o) => `- ${o.text}${o.chosen ? ` ${say("export.chosen")}` : ""}`).join("\n"));
  section(h("decision"), (f.decisionNotToAct ? `${say("export.not-to-act")} ` : "") + (f.decision ?? ""));
  section(h("rationale"), f.rationale);
  section(h("disagreements"), f.noDisagreement ? say("export.no-disagreement") : f.disagreements.map((d) => `- ${name(d.who)}: ${d.view}`).join("\n"));
  section(h("actions"), x.actions);
  section(h("child-views"), f.childViews ?? f.childViewsDoesNotApply);
}

function describe(event: HistoryEvent, prompts: Prompts, kind: NoteKind): string {
  const say = prompts.say;
  switch (event.kind) {
    case "amended":
      return say("export.event.amended", { version: event.version, fields: fieldLabels(event.fields, kind, prompts), reason: event.reason ?? "" });
    case "comment":
      return say("export.event.comment", { text: event.text });
    case "disagreement":
      return say("export.event.disagreement", { text: event.text });
    case "on-case-record":
      return say("export.event.on-case-record", { ref: event.caseRecordRef ?? "-" });
    case "discarded":
      return say("export.event.discarded");
    default:
      return event.kind;
  }
}

/** For an amendment, each changed field as it was before and as it became. */
function amendedValues(record: NoteRecord, version: number, changed: string[], prompts: Prompts): string[] {
  const say = prompts.say;
  const before = record.revisions.find((r) => r.version === version - 1)?.fields;
  const after = record.revisions.find((r) => r.version === version)?.fields;
  if (!before || !after) return [];
  const nameOf = (id: string) => record.directory.nameOf(id);
  // A flag or a "does not apply" answer changed with its field is shown once, by the field.
  const companion: Partial<Record<string, string>> = { decisionNotToAct: "decision", noDisagreement: "disagreements", reviewDoesNotApply: "review", childViewsDoesNotApply: "childViews" };
  const shown = changed.filter((key) => key !== "guessed" && !(companion[key] && changed.includes(companion[key])));
  return shown.flatMap((key) => {
    const field = key as Exclude<keyof NoteFields, "guessed">;
    return [
      `    ${say("export.was", { field: fieldLabel(field, record.note.fields.kind, prompts), value: fieldText(before, field, nameOf) || "-" })}`,
      `    ${say("export.now", { value: fieldText(after, field, nameOf) || "-" })}`,
    ];
  });
}

