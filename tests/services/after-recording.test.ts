import { beforeEach, describe, expect, it } from "vitest";
import { handleCommand } from "../../src/bot/commands.ts";
import { commentOnNote } from "../../src/services/comment-on-note.ts";
import { completeAction } from "../../src/services/complete-action.ts";
import { listCaseNotes, listMyNotes } from "../../src/services/list-case-notes.ts";
import { markOnCaseRecord } from "../../src/services/mark-on-case-record.ts";
import { openAmendForm } from "../../src/services/amend-note.ts";
import { openAmend, submitAmend, valuesOf } from "../support/note-forms.ts";
import { viewNote } from "../../src/services/view-note.ts";
import { verifyAudit } from "../../src/services/verify-audit.ts";
import { testCore } from "../support/core.ts";
import { amendFields, recordedNote } from "../support/notes.ts";

describe("after a note is recorded", () => {
  let t: Awaited<ReturnType<typeof testCore>>;
  beforeEach(async () => {
    t = await testCore();
    await recordedNote(t.core, "n1");
  });

  describe("who may see it", () => {
    it.each([
      ["mo", "participant (recorder)", true],
      ["sam", "participant", true],
      ["lee", "line manager of a participant's line manager", true],
      ["aud", "auditor", true],
      ["priya", "same team, not in the discussion", false],
      ["out", "another team", false],
    ])("@%s (%s): %s", async (handle, _why, allowed) => {
      const viewer = await t.person(handle);
      const view = viewNote(t.core, viewer, "n1");
      if (allowed) await expect(view).resolves.toMatchObject({ note: { id: "n1" } });
      else await expect(view).rejects.toMatchObject({ code: "NOTE.NO_ACCESS" });
      const last = (await t.storage.audit.list()).at(-1);
      expect(last).toMatchObject({ action: allowed ? "note.view" : "note.access-denied", actorId: viewer.id, entityId: "n1" });
    });

    it("lists a case's notes only to those who may see them", async () => {
      await recordedNote(t.core, "n2", { participantIds: ["p-priya", "p-mo"] });
      expect((await listCaseNotes(t.core, await t.person("sam"), "4471-JB")).notes.map((n) => n.id)).toEqual(["n1"]);
      expect((await listCaseNotes(t.core, await t.person("lee"), "4471-JB")).notes.map((n) => n.id)).toEqual(["n1", "n2"]);
      expect((await listCaseNotes(t.core, await t.person("out"), "4471-JB")).notes).toEqual([]);
      expect((await t.storage.audit.list()).at(-1)).toMatchObject({ action: "note.access-denied", actorId: "p-out", entityId: "4471-JB", detail: { listing: true } });
    });

    it("answers a case with notes someone may not see exactly as a case with none, and audits both refusals", async () => {
      const out = await t.person("out");
      const list = async (caseRef: string) => (await handleCommand(t.core, { actor: out, text: `list ${caseRef}`, eventId: null })).message?.text;
      const existing = await list("4471-JB");
      const missing = await list("9999-ZZ");
      expect(existing).toBe("There are no notes on 4471-JB that you may see.");
      expect(missing).toBe(existing!.replace("4471-JB", "9999-ZZ"));
      const refusals = (await t.storage.audit.list()).filter((e) => e.action === "note.access-denied");
      expect(refusals.map((e) => [e.actorId, e.entityId, e.detail])).toEqual([
        ["p-out", "4471-JB", { listing: true }],
        ["p-out", "9999-ZZ", { listing: true }],
      ]);
    });

    it("lists someone's own notes only while they may see them", async () => {
      const sam = await t.person("sam");
      expect((await listMyNotes(t.core, sam)).map((n) => n.id)).toEqual(["n1"]);
      expect(await listMyNotes(t.core, { ...sam, active: false })).toEqual([]);
    });
  });

  describe("nothing is overwritten", () => {
    it("keeps every version of an amended note with who, when and why", async () => {
      t.clock.advance(3600_000);
      await amendFields(t.core, "n1", { decision: "Visit today instead." }, "Police available today");
      const record = await viewNote(t.core, await t.person("aud"), "n1");
      expect(record.note).toMatchObject({ version: 2, fields: { decision: "Visit today instead." } });
      expect(record.revisions.map((r) => [r.version, r.kind, r.fields.decision, r.reason])).toEqual([
        [1, "recorded", "Unannounced visit tomorrow with police check beforehand.", null],
        [2, "amended", "Visit today instead.", "Police available today"],
      ]);
      expect(record.history.map((e) => e.kind)).toEqual(["created", "recorded", "amended"]);
      expect(record.history[2]).toMatchObject({ byId: "p-mo", fields: ["decision"], reason: "Police available today" });
    });

    it("requires a reason, refuses an unchanged amendment, and allows only the recorder or their managers", async () => {
      const mo = await t.person("mo");
      const form = await openAmend(t.core, mo, "n1");
      const values = valuesOf(form);
      const noReason = await submitAmend(t.core, mo, { ...values, decision: "Changed" }, form.state);
      expect(noReason).toMatchObject({ status: "invalid", form: { errors: { amendReason: "Say why the note is being amended." } } });
      expect(await submitAmend(t.core, mo, { ...values, amendReason: "nothing" }, form.state)).toMatchObject({ status: "unchanged" });
      const named = await submitAmend(t.core, mo, { ...values, decision: "Changed", amendReason: "Jayden Smith asked" }, form.state);
      expect(named).toMatchObject({ status: "invalid", form: { errors: { amendReason: '"Jayden Smith" looks like a name: use the case reference or initials.' } } });
      await expect(openAmendForm(t.core, await t.person("sam"), "n1")).rejects.toMatchObject({ code: "NOTE.AMEND_NOT_ALLOWED" });
      await expect(openAmendForm(t.core, await t.person("lee"), "n1")).resolves.toBeTruthy();
    });

    it("keeps done actions done when an amendment adds one above them, and refuses dropping them", async () => {
      const note = (await t.storage.notes.findById("n1"))!;
      await completeAction(t.core, await t.person("sam"), note.actions[0]!.id, "Child seen alone");
      const amended = await amendFields(t.core, "n1", { actions: "@priya: chase school by 30/11/2026 12:00\n@sam: Visit by 24/11/2026 17:00\n@mo: Review by 27/11/2026 17:30" }, "school added");
      expect(amended.actions.map((a) => [a.what, a.status, a.outcome])).toEqual([
        ["chase school", "open", null],
        ["Visit", "done", "Child seen alone"],
        ["Review", "open", null],
      ]);
      await expect(amendFields(t.core, "n1", { actions: "@mo: Review by 27/11/2026 17:30" }, "tidy")).rejects.toThrow(/Done actions stay on the record/);
    });

    it("refuses an amendment made against a version someone else has already amended", async () => {
      const mo = await t.person("mo");
      const stale = await openAmend(t.core, mo, "n1");
      await amendFields(t.core, "n1", { rationale: "First change" }, "one");
      const values = valuesOf(stale);
      await expect(submitAmend(t.core, mo, { ...values, rationale: "Second", amendReason: "two" }, stale.state)).rejects.toMatchObject({ code: "NOTE.STALE" });
      expect((await t.storage.notes.findById("n1"))?.fields.rationale).toBe("First change");
    });

    it("appends participants' comments and disagreements to the record", async () => {
      const sam = await t.person("sam");
      t.clock.advance(60_000);
      await commentOnNote(t.core, sam, "n1", "disagreement", "A strategy discussion should have been held today");
      t.clock.advance(60_000);
      await commentOnNote(t.core, await t.person("mo"), "n1", "comment", "Noted; escalated to service manager");
      const record = await viewNote(t.core, await t.person("lee"), "n1");
      expect(record.comments.map((c) => [c.byId, c.kind, c.text])).toEqual([
        ["p-sam", "disagreement", "A strategy discussion should have been held today"],
        ["p-mo", "comment", "Noted; escalated to service manager"],
      ]);
      await expect(commentOnNote(t.core, await t.person("out"), "n1", "comment", "hi")).rejects.toMatchObject({ code: "NOTE.NO_ACCESS" });
      expect(await commentOnNote(t.core, sam, "n1", "comment", "Jayden Smith was upset")).toEqual({ status: "looks-like-name", words: "Jayden Smith" });
    });
  });

  it("lets auditors read but not change anything", async () => {
    const aud = await t.person("aud");
    await expect(markOnCaseRecord(t.core, aud, "n1", null)).rejects.toMatchObject({ code: "NOTE.READ_ONLY" });
    await expect(commentOnNote(t.core, aud, "n1", "disagreement", "I disagree")).rejects.toMatchObject({ code: "NOTE.READ_ONLY" });
    expect((await t.storage.notes.findById("n1"))?.status).toBe("recorded");
    expect((await t.storage.audit.list()).at(-1)).toMatchObject({ action: "note.access-denied", actorId: "p-aud", detail: { purpose: "act" } });
  });

  it("refuses people who have left", async () => {
    const sam = await t.person("sam");
    await t.storage.people.saveAll([{ ...sam, active: false }], t.clock.now());
    await expect(viewNote(t.core, { ...sam, active: false }, "n1")).rejects.toMatchObject({ code: "NOTE.NO_ACCESS" });
  });

  it("moves recorded → on case record once, timestamped, with the case system's reference", async () => {
    const sam = await t.person("sam");
    t.clock.set("2026-11-24T10:00:00Z");
    expect(await markOnCaseRecord(t.core, sam, "n1", "MOS-1")).toMatchObject({ changed: true, note: { status: "on-case-record", onCaseRecordAt: new Date("2026-11-24T10:00:00Z"), caseRecordRef: "MOS-1" } });
    expect(await markOnCaseRecord(t.core, sam, "n1", "MOS-2")).toMatchObject({ changed: false, note: { caseRecordRef: "MOS-1" } });
  });

  it("refuses a case system reference that looks like a name, and comments on drafts", async () => {
    const sam = await t.person("sam");
    await expect(markOnCaseRecord(t.core, sam, "n1", "Jayden Smith")).rejects.toMatchObject({ code: "NOTE.REFERENCE_LOOKS_LIKE_NAME" });
    await t.storage.notes.create({ id: "d1", sourceKey: null, status: "draft", fields: (await t.storage.notes.findById("n1"))!.fields, createdAt: t.clock.now(), createdById: "p-mo", recorderId: "p-mo" });
    await expect(commentOnNote(t.core, sam, "d1", "comment", "hello")).rejects.toMatchObject({ code: "NOTE.COMMENT_ON_DRAFT" });
  });

  it("marks an action done with its outcome, once", async () => {
    const sam = await t.person("sam");
    const note = (await t.storage.notes.findById("n1"))!;
    const actionId = note.actions[0]!.id;
    await expect(completeAction(t.core, sam, actionId, " ")).rejects.toMatchObject({ code: "ACTION.NO_OUTCOME" });
    expect(await completeAction(t.core, sam, actionId, "Child seen alone")).toMatchObject({ changed: true, action: { status: "done", outcome: "Child seen alone" } });
    expect(await completeAction(t.core, sam, actionId, "again")).toMatchObject({ changed: false });
  });

  it("keeps an audit trail whose chain verifies, and detects tampering", async () => {
    await viewNote(t.core, await t.person("sam"), "n1");
    await commentOnNote(t.core, await t.person("sam"), "n1", "comment", "ok");
    // The note's own seal (stored for the test), the view, the comment.
    expect(await verifyAudit(t.core)).toEqual({ ok: true, entries: 3, records: 1 });
    t.storage.audit.tamper(2, (entry) => (entry.actorId = "p-lee"));
    expect(await verifyAudit(t.core)).toMatchObject({ ok: false, brokenAt: 2, reason: "hash-mismatch" });
  });
});
