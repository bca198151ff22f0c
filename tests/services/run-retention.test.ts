import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../src/domain/audit.ts";
import { verifyAudit } from "../../src/services/verify-audit.ts";
import { AppError } from "../../src/domain/errors.ts";
import { exportNote } from "../../src/export/export-note.ts";
import { openAmendForm } from "../../src/services/amend-note.ts";
import { commentOnNote } from "../../src/services/comment-on-note.ts";
import { runRetention } from "../../src/services/run-retention.ts";
import { completeFields } from "../support/fixtures.ts";
import { testCore } from "../support/core.ts";

/** Notes recorded in Nov 2026 and put on the case record `days` after 1 Dec 2026. */
async function onCaseRecord(core: Awaited<ReturnType<typeof testCore>>["core"], ids: [string, number][]) {
  for (const [id, days] of ids) {
    const at = new Date("2026-11-23T15:00:00Z");
    await core.storage.notes.create({ id, sourceKey: null, status: "recorded", fields: completeFields(), createdAt: at, createdById: "p-mo", recorderId: "p-mo", recording: { at, byId: "p-mo", recorderId: "p-mo", lateReason: null } });
    await core.storage.notes.addComment({ id: `c-${id}`, noteId: id, at, byId: "p-sam", kind: "disagreement", text: "I disagree" });
    await core.storage.notes.markOnCaseRecord(id, new Date(Date.UTC(2026, 11, 1 + days, 10)), "p-mo", `MOSAIC-${id}`);
  }
}

describe("retention run", () => {
  it("lists on a dry run what would go and why, changing nothing; a real run purges those, each audited, in pages", async () => {
    const t = await testCore({ now: "2028-01-05T09:00:00Z" });
    await onCaseRecord(t.core, [["n1", 0], ["n2", 1], ["n3", 2], ["n4", 40], ["n5", 2]]);
    await t.core.storage.notes.create({ id: "d1", sourceKey: null, status: "draft", fields: completeFields(), createdAt: new Date("2026-11-23T15:00:00Z"), createdById: "p-mo", recorderId: null });
    const now = new Date("2027-12-20T00:00:00Z"); // 12 months after 1–3 Dec 2026, not after 10 Jan 2027
    const before = (await t.storage.audit.list()).length;

    const dry = await runRetention(t.core, { dryRun: true, now, batchSize: 2 });
    expect(dry).toMatchObject({ dryRun: true, now: now.toISOString(), profile: "default", checked: 4, purged: 0 });
    expect(dry.due.map((d) => d.noteId)).toEqual(["n1", "n2", "n3", "n5"]);
    expect(dry.due[0]).toEqual({
      noteId: "n1",
      caseRef: "4471-JB",
      onCaseRecordAt: "2026-12-01T10:00:00.000Z",
      dueAt: "2027-12-01T10:00:00.000Z",
      rule: "retention.on-case-record",
      explain: expect.stringMatching(/^on the case record since 2026-12-01, kept 12 months after that No policy names .*: due 2027-12-01$/),
    });
    expect((await t.storage.notes.findById("n1"))?.purgedAt).toBeNull();
    expect(await t.storage.audit.list()).toHaveLength(before);

    const run = await runRetention(t.core, { dryRun: false, now, batchSize: 2 });
    expect(run).toMatchObject({ dryRun: false, checked: 4, purged: 4 });
    expect(run.due).toEqual(dry.due);
    const audited = (await t.storage.audit.list()).slice(before);
    expect(audited.map((e) => [e.action, e.entityId, e.actorId])).toEqual(["n1", "n2", "n3", "n5"].map((id) => ["note.purged", id, null]));
    expect(audited[0]!.detail).toMatchObject({ run: expect.any(String), rule: "retention.on-case-record" });
    expect(verifyAuditChain(await t.storage.audit.list()).ok).toBe(true);
    // The record against its seals too: the purged notes as they now stand, their versions let go.
    expect(await verifyAudit(t.core)).toMatchObject({ ok: true });
    expect(await t.storage.notes.findById("n1")).toMatchObject({ purgedAt: t.clock.now(), purgedRule: expect.stringMatching(/^retention\.on-case-record: on the case record since/) });
    expect(await t.storage.notes.comments("n1")).toEqual([]);
    expect((await t.storage.notes.findById("n4"))?.fields.issue).toBe(completeFields().issue);

    // Nothing left to do: a second run finds the purged notes no more.
    expect(await runRetention(t.core, { dryRun: false, now, batchSize: 2 })).toMatchObject({ checked: 0, due: [], purged: 0 });
  });

  it("shows and exports a purged note as content removed under the retention rule, and refuses to amend or comment on it", async () => {
    const t = await testCore({ now: "2028-01-05T09:00:00Z" });
    await onCaseRecord(t.core, [["n1", 0]]);
    await runRetention(t.core, { dryRun: false });
    const mo = await t.person("mo");
    const text = await exportNote(t.core, mo, "n1", "text");
    expect(text).toContain("Management Oversight – Ad hoc – 4471-JB");
    expect(text).toContain("Content removed: the bot's copy of this note's content was removed on Wed 5 Jan 2028 under the retention rule, after the note had gone onto the child's case record (MOSAIC-n1).");
    expect(text).toMatch(/Retention rule: retention\.on-case-record: on the case record since 2026-12-01/);
    expect(text).not.toContain(completeFields().issue!);
    expect(await exportNote(t.core, mo, "n1", "child")).toContain("Content removed");
    const json = JSON.parse(await exportNote(t.core, mo, "n1", "json")) as Record<string, unknown>;
    expect(json).toMatchObject({ id: "n1", caseRef: "4471-JB", status: "on-case-record", issue: null, decision: null, purgedAt: "2028-01-05T09:00:00.000Z", purgedBy: null, revisions: [], comments: [] });

    const refused = (work: Promise<unknown>) => work.then(() => null, (error: unknown) => error);
    const amend = await refused(openAmendForm(t.core, mo, "n1"));
    expect(amend).toBeInstanceOf(AppError);
    expect(amend).toMatchObject({ code: "NOTE.PURGED", params: { noteId: "n1", date: "Wed 5 Jan 2028" } });
    expect(t.core.prompts.say("error.note.purged", (amend as AppError).params)).toBe(
      "The content of note n1 was removed from the bot on Wed 5 Jan 2028 under the retention rule, so it can no longer be amended or commented on. The note is on the child's case record: add to it there.",
    );
    expect(await refused(commentOnNote(t.core, await t.person("sam"), "n1", "comment", "More to say"))).toMatchObject({ code: "NOTE.PURGED" });
    expect(await t.storage.notes.comments("n1")).toEqual([]);
  });
});
