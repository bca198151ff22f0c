import { beforeEach, describe, expect, it } from "vitest";
import { handleInbound } from "../../src/bot/inbound.ts";
import { message } from "../../src/content/message.ts";
import { typed, valuesOf } from "../support/note-forms.ts";
import { queueNotices } from "../../src/bot/queue-notices.ts";
import { silentLogger } from "../../src/logger.ts";
import { sweepReminders } from "../../src/scheduler/send-reminders.ts";
import { testCore } from "../support/core.ts";
import { RecordingDelivery } from "../support/recording-delivery.ts";

// Notices: what a turn tells other people (a note recorded, a swap asked for) is queued as
// a scheduler row and sent like a reminder: at once in working hours, otherwise at the
// person's next working start; retried after a refusal; once. The clock: Mon 23 Nov 2026.

let t: Awaited<ReturnType<typeof testCore>>;
let delivery: RecordingDelivery;
let woken = 0;
beforeEach(async () => {
  t = await testCore({ now: "2026-11-23T15:00:00Z" });
  t.core.wake = () => void woken++;
  woken = 0;
  delivery = new RecordingDelivery();
});

const sweepAt = async (iso: string) => {
  t.clock.set(iso);
  await sweepReminders(t.core, delivery);
  return delivery.take();
};
const notices = async () => (await t.storage.schedule.reminders({ status: "pending" })).concat(await t.storage.schedule.reminders({ status: "sent" })).filter((r) => r.kind === "notice");
const tell = (handle: string, text: string, eventId = "e1") => t.person(handle).then((p) => queueNotices(t.core, silentLogger, eventId, [{ personId: p.id, message: message(text) }]));

describe("a notice", () => {
  it("is a row the scheduler sends at once in working hours, with its audit entry; the scheduler is woken", async () => {
    await tell("sam", "Oversight note n1 on 4471-JB is recorded.");
    expect(woken).toBe(1);
    expect(await sweepAt("2026-11-23T15:00:00Z")).toEqual(["sam: Oversight note n1 on 4471-JB is recorded."]);
    expect(await sweepAt("2026-11-23T15:05:00Z")).toEqual([]);
    const sent = (await t.storage.audit.list()).filter((e) => e.action === "reminder.sent");
    expect(sent.map((e) => e.detail)).toEqual([{ kind: "notice", to: (await t.person("sam")).id }]);
  });

  it("queued twice for one event is one row", async () => {
    await tell("sam", "Recorded.", "e7");
    await tell("sam", "Recorded.", "e7");
    expect(await notices()).toHaveLength(1);
  });

  it("queued on Friday evening goes at the start of Monday's working day, not in the night", async () => {
    t.clock.set("2026-11-27T19:40:00Z");
    await tell("sam", "Swap asked.");
    expect(await sweepAt("2026-11-27T19:40:00Z")).toEqual([]);
    expect(await sweepAt("2026-11-30T08:29:00Z")).toEqual([]);
    expect(await sweepAt("2026-11-30T08:30:00Z")).toEqual(["sam: Swap asked."]);
  });

  it("refused for now is retried after the platform's Retry-After; refused for good is not sent again", async () => {
    await tell("sam", "First.", "e1");
    delivery.script.push({ status: "retry", reason: "rate-limited", retryAfterMs: 45_000 });
    expect(await sweepAt("2026-11-23T15:00:00Z")).toEqual([]);
    expect(await sweepAt("2026-11-23T15:00:40Z")).toEqual([]);
    expect(await sweepAt("2026-11-23T15:00:46Z")).toEqual(["sam: First."]);

    await tell("priya", "Second.", "e2");
    delivery.script.push({ status: "permanent", reason: "account_inactive" });
    expect(await sweepAt("2026-11-23T15:01:00Z")).toEqual([]);
    expect(await sweepAt("2026-11-23T16:01:00Z")).toEqual([]);
    const [failed] = await t.storage.schedule.reminders({ status: "failed" });
    expect(failed).toMatchObject({ kind: "notice", lastError: "account_inactive" });
  });

  it("throttled again and again goes once the platform lets it, its attempts not used up: a rate limit is not a refusal", async () => {
    await tell("sam", "Throttled.", "e3");
    const start = new Date("2026-11-23T15:00:00Z").getTime();
    // More 429s in a row than the attempts a failing message is allowed (10).
    for (let i = 0; i < 12; i++) {
      delivery.script.push({ status: "retry", reason: "rate-limited", retryAfterMs: 1_000, throttled: true });
      expect(await sweepAt(new Date(start + i * 1_000).toISOString())).toEqual([]);
      // Not before its Retry-After.
      expect(await sweepAt(new Date(start + i * 1_000 + 999).toISOString())).toEqual([]);
    }
    expect(await sweepAt(new Date(start + 12_000).toISOString())).toEqual(["sam: Throttled."]);
    const [sent] = (await notices()).filter((r) => r.status === "sent");
    // Only the send that went counts.
    expect(sent).toMatchObject({ attempts: 1 });
    expect(await t.storage.schedule.reminders({ status: "failed" })).toEqual([]);
  });

  it("throttled ends the sweep: it is not claimed and put back again and again inside the platform's window", async () => {
    await tell("sam", "Held.", "e4");
    delivery.script.push(...Array.from({ length: 5 }, () => ({ status: "retry" as const, reason: "rate-limited", retryAfterMs: 0, throttled: true })));
    t.clock.set("2026-11-23T15:00:00Z");
    expect(await sweepReminders(t.core, delivery)).toMatchObject({ throttled: 1, sent: 0 });
    expect(delivery.script).toHaveLength(4);
  });

  it("for someone who has left by the time it goes is dropped", async () => {
    await tell("sam", "Recorded.");
    const sam = await t.person("sam");
    await t.storage.people.saveAll((await t.storage.people.list()).map((p) => (p.id === sam.id ? { ...p, active: false } : p)), t.clock.now());
    expect(await sweepAt("2026-11-23T15:01:00Z")).toEqual([]);
    const [cancelled] = await t.storage.schedule.reminders({ status: "cancelled" });
    expect(cancelled).toMatchObject({ kind: "notice", lastError: "no-recipient" });
  });
});

describe("a turn that tells others", () => {
  it("queues what it tells them: a swap asked of a colleague reaches them through the scheduler", async () => {
    const command = (handle: string, text: string, eventId: string) => handleInbound(t.core, silentLogger, { kind: "command", eventId, actor: { platform: "console", externalId: handle }, text });
    const form = (await command("mo", "group setup", "c1")).form!;
    await handleInbound(t.core, silentLogger, {
      kind: "submit",
      eventId: "c2",
      actor: { platform: "console", externalId: "mo" },
      formId: form.formId,
      values: typed({ ...valuesOf(form), first: "2026-12-01T14:00:00Z", channel: "north-team" }),
      state: form.state,
    });
    const series = (await t.storage.groups.seriesOfTeam("North"))!;
    const [first] = await t.storage.groups.sessionsOf(series.id);
    const presenter = (await t.storage.people.findById(first!.presenterId!))!;
    const other = (await t.storage.people.list()).find((p) => p.team === "North" && p.active && p.id !== presenter.id && p.role !== "auditor")!;
    const reply = await command(presenter.handle, `group swap ${first!.id} @${other.handle}`, "c3");
    expect(reply.notify?.map((n) => n.personId)).toEqual([other.id]);
    const sent = await sweepAt("2026-11-23T15:00:00Z");
    expect(sent.filter((line) => line.startsWith(`${other.handle}:`))).toHaveLength(1);
  });
});
