import type { OutboundMessage } from "../../src/content/message.ts";
import type { Form, FormValues } from "../../src/content/form.ts";
import type { NoteFields } from "../../src/domain/note.ts";
import type { GroupSeries, GroupSession } from "../../src/domain/group-supervision.ts";
import { noteForm } from "../../src/bot/note-form.ts";
import { recordedMessage } from "../../src/bot/note-view.ts";
import { actionDoneForm } from "../../src/bot/action-done-form.ts";
import { announceMessage, stageMessage } from "../../src/scheduler/group-messages.ts";
import { sweepReminders } from "../../src/scheduler/send-reminders.ts";
import { Directory } from "../../src/services/directory.ts";
import { syncNoteDeadlines } from "../../src/services/sync-note-deadlines.ts";
import { markOnCaseRecord } from "../../src/services/mark-on-case-record.ts";
import type { Delivery, DeliveryResult } from "../../src/ports/delivery.ts";
import type { Person } from "../../src/domain/people.ts";
import { testCore } from "./core.ts";
import { completeFields } from "./fixtures.ts";

// Every kind of card the bot shows, as the core makes it (neutral messages and forms), with
// words a person typed that look like Markdown, for the rendering tests of each platform
// (tests/botframework/card-flows.test.ts, tests/slack/block-flows.test.ts) to check as each
// platform draws them: lists one item per line, typed words shown as typed.

/** Typed words that Markdown (Teams) or mrkdwn (Slack) would otherwise read as formatting. */
export const TYPED = "*urgent* visit_now <b>";
export const SECOND_OPTION = "Wait for the school's next report";

/** The note form as typed into ("* " marks the chosen option), with a problem under a field. */
export async function noteFormWithProblems(): Promise<Form> {
  const { core } = await testCore();
  const text = (t: string) => ({ type: "text" as const, text: t });
  return noteForm(
    {
      answers: { caseRef: text("4471-JB"), issue: text(`${TYPED}\nsecond line`), options: text(`* ${TYPED}\n${SECOND_OPTION}`), decision: text("") },
      problems: { decision: { key: "form.required" } },
      state: { draftId: "n9" },
      ask: { lateReason: false, nameCheck: false },
      guessed: [],
    },
    core.prompts,
  );
}

/** What a note card submitted with two options typed on two lines carries (Keep as draft shows it back). */
export const TYPED_VALUES: FormValues = {
  caseRef: { type: "text", text: "4471-JB" },
  options: { type: "text", text: `* Visit the family this week\n${SECOND_OPTION}` },
  issue: { type: "text", text: TYPED },
  actions: {
    type: "actions",
    rows: [
      { what: "visit the family", owner: { typed: "@sam" }, due: "2026-11-27T17:00:00.000Z" },
      { what: TYPED, owner: null, due: null },
    ],
  },
};

/** The recorded note's summary: options (the chosen one marked), participants, disagreements, actions. */
export async function recordedSummary(overrides: Partial<NoteFields> = {}): Promise<OutboundMessage> {
  const { core, storage } = await testCore();
  const at = core.clock.now();
  const { note } = await storage.notes.create({
    id: "n1",
    sourceKey: null,
    status: "recorded",
    fields: completeFields({
      options: [
        { text: TYPED, chosen: true },
        { text: SECOND_OPTION, chosen: false },
      ],
      disagreements: [
        { who: "p-sam", view: `Preferred _waiting_ for the school` },
        { who: "p-priya", view: "Visit sooner" },
      ],
      actions: [
        { what: TYPED, ownerId: "p-sam", ownerText: null, dueAt: new Date("2026-11-24T17:00:00Z") },
        { what: "Review", ownerId: "p-mo", ownerText: null, dueAt: new Date("2026-11-27T17:30:00Z") },
      ],
      participantIds: ["p-mo", "p-sam", "p-priya"],
      ...overrides,
    }),
    createdAt: at,
    createdById: "p-mo",
    recorderId: "p-mo",
    recording: { at, byId: "p-mo", recorderId: "p-mo", lateReason: null },
  });
  return recordedMessage(note, await Directory.load(storage.people), core.prompts);
}

/** A group supervision note's summary: its questions and insights typed over several lines. */
export const groupNoteSummary = () =>
  recordedSummary({
    kind: "group-supervision",
    questions: `What is the risk?\n${TYPED}`,
    issue: "Attendance",
    insights: "- keep it simple\n1. talk to the school",
    options: [],
    decision: null,
    rationale: null,
    disagreements: [],
  });

/** A Delivery that keeps every message sent, whole. */
class KeepingDelivery implements Delivery {
  readonly sent: { to: string; message: OutboundMessage }[] = [];
  async send(to: Person, message: OutboundMessage): Promise<DeliveryResult> {
    this.sent.push({ to: to.handle, message });
    return { status: "delivered" };
  }
  async post(channel: string, message: OutboundMessage): Promise<DeliveryResult> {
    this.sent.push({ to: `#${channel}`, message });
    return { status: "delivered" };
  }
}

/**
 * What the scheduler sends about a recorded note discussed Mon 23 Nov 2026 14:10 whose action
 * (typed with Markdown) is Sam's, due Thu 26 Nov 17:00: the reminder with its buttons (mark
 * done, snooze), the case-record reminder (mark on case record), the overdue notice, the
 * escalation to Sam's manager, the manager's digest, and the "mark done" form.
 */
export async function reminderMessages() {
  const { core, storage, clock } = await testCore({ now: "2026-11-23T14:30:00Z" });
  const at = clock.now();
  await storage.notes.create({
    id: "n1",
    sourceKey: null,
    status: "recorded",
    fields: completeFields({
      discussedAt: new Date("2026-11-23T14:10:00Z"),
      actions: [
        { what: TYPED, ownerId: "p-sam", ownerText: null, dueAt: new Date("2026-11-26T17:00:00Z") },
        { what: "Phone the school", ownerId: "p-sam", ownerText: null, dueAt: new Date("2026-11-26T17:00:00Z") },
      ],
    }),
    createdAt: at,
    createdById: "p-mo",
    recorderId: "p-mo",
    recording: { at, byId: "p-mo", recorderId: "p-mo", lateReason: null },
  });
  await syncNoteDeadlines(core, "n1", "p-mo");
  const delivery = new KeepingDelivery();
  const sweep = async (iso: string) => {
    clock.set(iso);
    await sweepReminders(core, delivery);
    return delivery.sent.splice(0);
  };
  const find = (sent: { to: string; message: OutboundMessage }[], to: string, pattern: RegExp) => {
    const found = sent.find((s) => s.to === to && pattern.test(s.message.text));
    if (!found) throw new Error(`nothing to ${to} like ${pattern}: ${JSON.stringify(sent.map((s) => `${s.to}: ${s.message.text}`))}`);
    return found.message;
  };
  const early = await sweep("2026-11-25T08:30:00Z");
  const reminder = find(early, "sam", /^Reminder: your action/);
  const record = find(early, "sam", /on the child's case record/);
  await markOnCaseRecord(core, (await storage.people.findByHandle("sam"))!, "n1", null);
  const late = await sweep("2026-11-26T17:00:00Z");
  const overdue = find(late, "sam", /is overdue/);
  const escalation = find([...late, ...(await sweep("2026-11-27T17:00:00Z"))], "mo", /^Overdue: /);
  const digest = find([...(await sweep("2026-11-30T09:00:00Z")), ...(await sweep("2026-12-01T09:00:00Z"))], "mo", /^Still overdue/);
  const note = (await storage.notes.findById("n1"))!;
  const doneForm = await actionDoneForm(core, (await storage.people.findByHandle("sam"))!, note.actions[0]!.id);
  return { reminder, record, overdue, escalation, digest, doneForm };
}

/** Group supervision's announcement (names and roles, over two lines) and a stage prompt with its buttons. */
export async function groupMessages() {
  const { core, storage } = await testCore();
  const directory = await Directory.load(storage.people);
  const at = new Date("2026-11-23T15:00:00Z");
  const series: GroupSeries = { id: "s1", team: "North", format: "signs-of-safety", cadenceWeeks: 2, firstDate: "2026-12-01", time: "14:00", durationMinutes: 90, channel: "teams:19:general", createdAt: at, createdById: "p-mo", updatedAt: at };
  const session: GroupSession = {
    id: "g1",
    seriesId: "s1",
    date: "2026-12-01",
    startsAt: new Date("2026-12-01T14:00:00Z"),
    status: "planned",
    presenterId: "p-sam",
    facilitatorId: "p-priya",
    advisorId: "p-mo",
    rolesFixed: true,
    caseRef: "4471-JB",
    replacesId: null,
    stage: 2,
    pendingSwap: null,
    noteId: null,
    cancelReason: null,
    revision: 1,
    createdAt: at,
    updatedAt: at,
  };
  return { announce: announceMessage(series, session, directory, core.prompts), stage: stageMessage(series, session, core.prompts, true) };
}
