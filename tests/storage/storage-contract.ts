import { beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain, type AuditRecord } from "../../src/domain/audit.ts";
import type { Person } from "../../src/domain/people.ts";
import type { Storage } from "../../src/ports/storage.ts";
import { completeFields, person, team } from "../support/fixtures.ts";

const T0 = new Date("2026-11-23T15:00:00Z");
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** One suite for every Storage implementation: no implementation-specific branches. */
export function storageContract(name: string, open: () => Promise<Storage>) {
  describe(`storage contract: ${name}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await open();
      await storage.people.saveAll(team(), T0);
      return () => storage.close();
    });

    const draft = (id: string, sourceKey: string | null = null) =>
      storage.notes.create({ id, sourceKey, status: "draft", fields: completeFields(), createdAt: T0, createdById: "p-mo", recorderId: null });

    describe("people", () => {
      it("finds people by id, handle (any case, with @) and platform id", async () => {
        expect((await storage.people.findById("p-sam"))?.handle).toBe("sam");
        expect((await storage.people.findByHandle("@SAM"))?.id).toBe("p-sam");
        expect((await storage.people.findByPlatformId("slack", "U0SAM"))?.id).toBe("p-sam");
        expect(await storage.people.findByPlatformId("teams", "U0SAM")).toBeNull();
        expect(await storage.people.findByHandle("nobody")).toBeNull();
      });

      it("replaces a person saved again and keeps the rest", async () => {
        await storage.people.saveAll([person("sam", "senior-practitioner", { lineManagerId: "p-mo" })], later(1));
        expect((await storage.people.findById("p-sam"))?.role).toBe("senior-practitioner");
        expect((await storage.people.findById("p-sam"))?.identities).toEqual([{ platform: "console", externalId: "sam" }]);
        expect(await storage.people.list()).toHaveLength(6);
      });

      it("imports a roster of 2,500 people in one call, and again with handles swapped and ids moved (issue 15 item 2)", async () => {
        // 2,500 people with two platform ids each: lists of ids far past any one statement's bound values (999 once failed).
        const roster = Array.from({ length: 2500 }, (_, i) =>
          person(`w${i}`, "practitioner", { lineManagerId: "p-mo", active: i % 7 !== 0, identities: [{ platform: "slack", externalId: `U${i}` }] }),
        );
        await storage.people.saveAll(roster, later(1));
        expect(await storage.people.list()).toHaveLength(6 + 2500);
        expect(await storage.people.findByPlatformId("slack", "U2498")).toMatchObject({ id: "p-w2498", active: true });
        expect((await storage.people.findById("p-w7"))?.active).toBe(false);

        // Again: w0 and w1 swap handles, w2's Slack id moves to w3, and everyone is renamed.
        const again = roster.map((p) => ({ ...p, name: `${p.name} II` }));
        const [w0, w1, w2, w3] = again as [Person, Person, Person, Person];
        again.splice(0, 4, { ...w0, handle: "w1" }, { ...w1, handle: "w0" }, { ...w2, identities: [{ platform: "console", externalId: "w2" }] }, {
          ...w3,
          identities: [...w3.identities, { platform: "slack", externalId: "U2" }],
        });
        await storage.people.saveAll(again, later(2));
        expect(await storage.people.list()).toHaveLength(6 + 2500);
        expect((await storage.people.findByHandle("w0"))?.id).toBe("p-w1");
        expect((await storage.people.findByHandle("W1"))?.id).toBe("p-w0");
        expect((await storage.people.findByPlatformId("slack", "U2"))?.id).toBe("p-w3");
        expect((await storage.people.findById("p-w2499"))?.name).toBe("W2499 Worker II");
        expect((await storage.people.findById("p-sam"))?.name).toBe("Sam Worker"); // not in the import: kept
      });

      it("saves nothing from a batch that breaks a rule (two people with one handle)", async () => {
        await expect(
          storage.people.saveAll([person("new", "practitioner"), { ...person("dup", "practitioner"), handle: "sam" }], later(1)),
        ).rejects.toThrow();
        expect(await storage.people.findById("p-new")).toBeNull();
      });
    });

    describe("notes", () => {
      it("stores a draft with its fields and actions", async () => {
        const { note, created } = await draft("n1");
        expect(created).toBe(true);
        const found = await storage.notes.findById("n1");
        expect(found).toEqual(note);
        expect(found?.status).toBe("draft");
        expect(found?.fields).toEqual(completeFields());
        expect(found?.actions.map((a) => [a.what, a.ownerId, a.status])).toEqual([
          ["Visit", "p-sam", "open"],
          ["Review", "p-mo", "open"],
        ]);
      });

      it("keeps one note when the same source key arrives twice, even concurrently", async () => {
        const results = await Promise.all([draft("n1", "slack:Ev1"), draft("n2", "slack:Ev1")]);
        expect(results.filter((r) => r.created)).toHaveLength(1);
        expect(results[0].note.id).toBe(results[1].note.id);
        expect(await storage.notes.listByCase("4471-JB")).toHaveLength(1);
      });

      it("updates a draft but not a recorded note", async () => {
        await draft("n1");
        // A draft's guesses are kept with it, for the form opened later (issue 14 item 2).
        const updated = await storage.notes.updateDraft("n1", completeFields({ issue: "New issue", guessed: ["decision", "childViews"] }), "p-priya", later(1));
        expect(updated).toMatchObject({ fields: { issue: "New issue", guessed: ["decision", "childViews"] }, recorderId: "p-priya", updatedAt: later(1) });
        expect((await storage.notes.findById("n1"))?.fields.guessed).toEqual(["decision", "childViews"]);
        await storage.notes.record("n1", completeFields(), { at: later(2), byId: "p-mo", recorderId: "p-mo", lateReason: null });
        expect(await storage.notes.updateDraft("n1", completeFields({ issue: "Overwrite" }), "p-mo", later(3))).toBeNull();
        expect((await storage.notes.findById("n1"))?.fields.issue).toBe(completeFields().issue);
      });

      it("records a draft once, with revision 1, and reports a second recording as no change", async () => {
        await draft("n1");
        const facts = { at: later(5), byId: "p-mo", recorderId: "p-mo", lateReason: "Court all day" };
        const first = await storage.notes.record("n1", completeFields(), facts);
        const second = await storage.notes.record("n1", completeFields({ issue: "changed" }), { ...facts, at: later(9) });
        expect(first?.changed).toBe(true);
        expect(second?.changed).toBe(false);
        expect(second?.note.fields.issue).toBe(completeFields().issue);
        expect(first?.note).toMatchObject({ status: "recorded", recordedAt: later(5), recorderId: "p-mo", lateReason: "Court all day", version: 1 });
        const revisions = await storage.notes.revisions("n1");
        expect(revisions).toHaveLength(1);
        expect(revisions[0]).toMatchObject({ version: 1, kind: "recorded", byId: "p-mo", at: later(5) });
      });

      it("creates a note recorded straight from a complete form", async () => {
        const { note } = await storage.notes.create({
          id: "n1",
          sourceKey: "form:1",
          status: "recorded",
          fields: completeFields(),
          createdAt: T0,
          createdById: "p-mo",
          recorderId: "p-mo",
          recording: { at: T0, byId: "p-mo", recorderId: "p-mo", lateReason: null },
        });
        expect(note).toMatchObject({ status: "recorded", recordedAt: T0, version: 1 });
        expect(await storage.notes.revisions("n1")).toHaveLength(1);
      });

      it("amends a recorded note as a new version and keeps every earlier one", async () => {
        await draft("n1");
        await storage.notes.record("n1", completeFields(), { at: later(5), byId: "p-mo", recorderId: "p-mo", lateReason: null });
        const amended = await storage.notes.amend("n1", {
          at: later(60),
          byId: "p-mo",
          reason: "Police check result added",
          fields: completeFields({ rationale: "Updated rationale" }),
          expectedVersion: 1,
        });
        expect(amended).toMatchObject({ version: 2, fields: { rationale: "Updated rationale" } });
        const stale = await storage.notes.amend("n1", { at: later(61), byId: "p-mo", reason: null, fields: completeFields(), expectedVersion: 1 });
        expect(stale).toBeNull();
        const revisions = await storage.notes.revisions("n1");
        expect(revisions.map((r) => [r.version, r.kind, r.fields.rationale, r.reason])).toEqual([
          [1, "recorded", completeFields().rationale, null],
          [2, "amended", "Updated rationale", "Police check result added"],
        ]);
      });

      it("keeps an action's id and status through an amendment that moves it", async () => {
        await draft("n1");
        const { note } = (await storage.notes.record("n1", completeFields(), { at: later(5), byId: "p-mo", recorderId: "p-mo", lateReason: null }))!;
        await storage.notes.completeAction(note.actions[0]!.id, "Visited, child seen alone", later(10), "p-sam");
        const fields = completeFields();
        fields.actions = [{ what: "Chase school", ownerId: "p-priya", ownerText: null, dueAt: null }, fields.actions[1]!, fields.actions[0]!];
        const amended = await storage.notes.amend("n1", { at: later(20), byId: "p-mo", reason: null, fields, expectedVersion: 1 });
        expect(amended?.actions.map((a) => [a.position, a.what, a.status, a.outcome])).toEqual([
          [0, "Chase school", "open", null],
          [1, "Review", "open", null],
          [2, "Visit", "done", "Visited, child seen alone"],
        ]);
        expect(amended?.actions[2]?.id).toBe(note.actions[0]?.id);
        expect(amended?.actions[1]?.id).toBe(note.actions[1]?.id);
        expect(await storage.notes.findById("n1")).toEqual(amended);
      });

      it("marks a recorded note on the case record once, not a draft", async () => {
        await draft("n1");
        expect(await storage.notes.markOnCaseRecord("n1", later(1), "p-sam", null)).toBeNull();
        await storage.notes.record("n1", completeFields(), { at: later(5), byId: "p-mo", recorderId: "p-mo", lateReason: null });
        const first = await storage.notes.markOnCaseRecord("n1", later(30), "p-sam", "MOSAIC-99");
        const second = await storage.notes.markOnCaseRecord("n1", later(40), "p-mo", "other");
        expect(first).toMatchObject({ changed: true, note: { status: "on-case-record", onCaseRecordAt: later(30), onCaseRecordById: "p-sam", caseRecordRef: "MOSAIC-99" } });
        expect(second).toMatchObject({ changed: false, note: { caseRecordRef: "MOSAIC-99" } });
      });

      it("discards a draft once, kept with who and when, with its audit entry only when it changed", async () => {
        await draft("n1");
        const audit = (id: string): AuditRecord => ({ at: later(10), actorId: "p-mo", action: "note.discarded", entityType: "note", entityId: id, detail: {} });
        const first = await storage.notes.discardDraft("n1", later(10), "p-mo", [audit("n1")]);
        expect(first).toMatchObject({ changed: true, note: { id: "n1", status: "discarded", discardedAt: later(10), discardedById: "p-mo", updatedAt: later(10) } });
        expect(await storage.notes.findById("n1")).toEqual(first?.note);
        const second = await storage.notes.discardDraft("n1", later(20), "p-sam", [audit("n1")]);
        expect(second).toMatchObject({ changed: false, note: { status: "discarded", discardedAt: later(10), discardedById: "p-mo" } });
        // The draft was stored with no audit record of its own: it is sealed in a `record.sealed` entry.
        expect((await storage.audit.list()).map((e) => [e.action, e.entityId])).toEqual([["record.sealed", "n1"], ["note.discarded", "n1"]]);
        expect(await storage.notes.discardDraft("nope", later(20), "p-mo")).toBeNull();
      });

      it("never discards a recorded note, and never records, amends or puts on the case record a discarded one", async () => {
        await draft("n1");
        await storage.notes.record("n1", completeFields(), { at: later(5), byId: "p-mo", recorderId: "p-mo", lateReason: null });
        expect(await storage.notes.discardDraft("n1", later(10), "p-mo")).toMatchObject({ changed: false, note: { status: "recorded", discardedAt: null, discardedById: null } });

        await draft("n2");
        await storage.notes.discardDraft("n2", later(10), "p-mo");
        expect(await storage.notes.updateDraft("n2", completeFields({ issue: "changed" }), "p-mo", later(11))).toBeNull();
        expect(await storage.notes.record("n2", completeFields(), { at: later(12), byId: "p-mo", recorderId: "p-mo", lateReason: null })).toMatchObject({ changed: false, note: { status: "discarded" } });
        expect(await storage.notes.amend("n2", { at: later(13), byId: "p-mo", reason: null, fields: completeFields(), expectedVersion: 1 })).toBeNull();
        expect(await storage.notes.markOnCaseRecord("n2", later(14), "p-mo", null)).toBeNull();
        expect(await storage.notes.findById("n2")).toMatchObject({ status: "discarded", recordedAt: null, onCaseRecordAt: null, version: 1 });
        expect(await storage.notes.revisions("n2")).toEqual([]);
      });

      it("withdraws a group outcome once, sealed, and nothing else", async () => {
        const outcome = completeFields({ kind: "group-outcome", fromGroup: { noteId: "g1", sessionId: "s1" } });
        const recording = { at: later(5), byId: "p-sam", recorderId: "p-sam", lateReason: null };
        await storage.notes.create({ id: "o1", sourceKey: "group-outcome:g1:4471-JB", status: "recorded", fields: outcome, createdAt: later(5), createdById: "p-sam", recorderId: "p-sam", recording });
        const audit: AuditRecord = { at: later(10), actorId: "p-sam", action: "note.discarded", entityType: "note", entityId: "o1", detail: { from: "group-note" } };
        const first = await storage.notes.withdrawGroupOutcome("o1", later(10), "p-sam", [audit]);
        expect(first).toMatchObject({ changed: true, note: { status: "discarded", discardedAt: later(10), discardedById: "p-sam", recordedAt: later(5), fields: { fromGroup: { noteId: "g1", sessionId: "s1" } } } });
        expect(await storage.notes.findById("o1")).toEqual(first?.note);
        expect(await storage.notes.withdrawGroupOutcome("o1", later(20), "p-mo", [audit])).toMatchObject({ changed: false, note: { discardedById: "p-sam" } });
        expect(await storage.notes.listByCase("4471-JB")).toEqual([]);
        // An oversight note is never withdrawn this way, nor a note that is not there.
        await draft("n1");
        await storage.notes.record("n1", completeFields(), recording);
        expect(await storage.notes.withdrawGroupOutcome("n1", later(30), "p-mo")).toBeNull();
        expect((await storage.notes.findById("n1"))!.status).toBe("recorded");
        expect(await storage.notes.withdrawGroupOutcome("nope", later(30), "p-mo")).toBeNull();
        expect((await storage.audit.list()).filter((e) => e.entityId === "o1").map((e) => e.action)).toEqual(["record.sealed", "note.discarded"]);
        expect(verifyAuditChain(await storage.audit.list()).ok).toBe(true);
      });

      it("lists a discarded draft nowhere: by case, participant, involvement or discussion time", async () => {
        await draft("kept");
        await draft("gone");
        await storage.notes.discardDraft("gone", later(10), "p-mo");
        const ids = (notes: { id: string }[]) => notes.map((n) => n.id);
        expect(ids(await storage.notes.listByCase("4471-JB"))).toEqual(["kept"]);
        expect(ids(await storage.notes.listByParticipant("p-sam"))).toEqual(["kept"]);
        expect(ids(await storage.notes.listInvolving("p-sam"))).toEqual(["kept"]);
        expect(ids(await storage.notes.listDiscussedBetween(later(-24 * 60), later(24 * 60)))).toEqual(["kept"]);
      });

      it("lists notes by case oldest first and by participant newest first", async () => {
        for (const [id, hour, caseRef, people] of [
          ["a", "09", "4471-JB", ["p-mo", "p-sam"]],
          ["b", "11", "4471-JB", ["p-mo", "p-priya"]],
          ["c", "10", "9000-ZZ", ["p-sam"]],
        ] as const) {
          await storage.notes.create({
            id,
            sourceKey: null,
            status: "draft",
            fields: completeFields({ caseRef, participantIds: [...people], discussedAt: new Date(`2026-11-23T${hour}:00:00Z`) }),
            createdAt: T0,
            createdById: "p-mo",
            recorderId: null,
          });
        }
        expect((await storage.notes.listByCase("4471-JB")).map((n) => n.id)).toEqual(["a", "b"]);
        expect((await storage.notes.listByParticipant("p-sam")).map((n) => n.id)).toEqual(["c", "a"]);
        expect(await storage.notes.listByCase("nothing")).toEqual([]);
      });

      it("lists the notes involving someone: as participant, recorder, or owner of an action", async () => {
        const note = (id: string, hour: string, extra: { participantIds: string[]; recorderId: string | null; owner: string }) =>
          storage.notes.create({
            id,
            sourceKey: null,
            status: "draft",
            fields: completeFields({
              participantIds: extra.participantIds,
              discussedAt: new Date(`2026-11-23T${hour}:00:00Z`),
              actions: [{ what: "Visit", ownerId: extra.owner, ownerText: null, dueAt: new Date("2026-11-27T17:30:00Z") }],
            }),
            createdAt: T0,
            createdById: "p-mo",
            recorderId: extra.recorderId,
          });
        await note("took-part", "09", { participantIds: ["p-priya", "p-mo"], recorderId: "p-mo", owner: "p-mo" });
        await note("records", "10", { participantIds: ["p-mo"], recorderId: "p-priya", owner: "p-mo" });
        await note("owns", "11", { participantIds: ["p-mo"], recorderId: "p-mo", owner: "p-priya" });
        await note("nothing", "12", { participantIds: ["p-mo"], recorderId: "p-mo", owner: "p-mo" });
        expect((await storage.notes.listInvolving("p-priya")).map((n) => n.id)).toEqual(["owns", "records", "took-part"]);
      });

      it("lists notes discussed from one instant up to (not including) another, oldest first", async () => {
        for (const [id, at] of [
          ["before", "2026-10-31T23:59:59.999Z"],
          ["last", "2026-11-30T23:59:00Z"],
          ["first", "2026-11-01T00:00:00Z"],
          ["after", "2026-12-01T00:00:00Z"],
        ] as const) {
          await storage.notes.create({ id, sourceKey: null, status: "draft", fields: completeFields({ discussedAt: new Date(at) }), createdAt: T0, createdById: "p-mo", recorderId: null });
        }
        const november = await storage.notes.listDiscussedBetween(new Date("2026-11-01T00:00:00Z"), new Date("2026-12-01T00:00:00Z"));
        expect(november.map((n) => n.id)).toEqual(["first", "last"]);
        expect(november[0]?.actions).toHaveLength(2);
        expect(await storage.notes.listDiscussedBetween(new Date("2027-01-01T00:00:00Z"), new Date("2027-02-01T00:00:00Z"))).toEqual([]);
      });

      it("appends comments in order", async () => {
        await draft("n1");
        await storage.notes.addComment({ id: "c1", noteId: "n1", at: later(1), byId: "p-sam", kind: "disagreement", text: "I still disagree" });
        await storage.notes.addComment({ id: "c2", noteId: "n1", at: later(2), byId: "p-mo", kind: "comment", text: "Noted" });
        expect((await storage.notes.comments("n1")).map((c) => [c.id, c.kind, c.byId, c.at])).toEqual([
          ["c1", "disagreement", "p-sam", later(1)],
          ["c2", "comment", "p-mo", later(2)],
        ]);
      });

      it("completes an action once", async () => {
        await draft("n1");
        const { note } = (await storage.notes.record("n1", completeFields(), { at: later(5), byId: "p-mo", recorderId: "p-mo", lateReason: null }))!;
        const actions = note.actions;
        expect(actions).toHaveLength(2);
        const first = await storage.notes.completeAction(actions[0]!.id, "Done: seen", later(6), "p-sam");
        const again = await storage.notes.completeAction(actions[0]!.id, "Other", later(7), "p-sam");
        expect(first).toMatchObject({ changed: true, action: { status: "done", outcome: "Done: seen", doneAt: later(6), doneById: "p-sam" } });
        expect(again).toMatchObject({ changed: false, action: { outcome: "Done: seen" } });
        expect(await storage.notes.completeAction("missing", "x", later(8), "p-sam")).toBeNull();
      });
    });

    describe("retention", () => {
      const onCaseRecord = async (id: string, at: Date, fields = completeFields()) => {
        await draft(id);
        await storage.notes.record(id, fields, { at: later(1), byId: "p-mo", recorderId: "p-mo", lateReason: "Court all day" });
        await storage.notes.markOnCaseRecord(id, at, "p-sam", "MOSAIC-7");
      };
      const purged = (id: string): AuditRecord => ({ at: later(500), actorId: null, action: "note.purged", entityType: "note", entityId: id, detail: { run: "r1" } });
      const purge = { at: later(500), byId: null, rule: "retention.on-case-record [policy]" };

      it("purges an on-case-record note's content once, keeping what counts it, and its audit entry only when it changed", async () => {
        await onCaseRecord("n1", later(10));
        await storage.notes.amend("n1", { at: later(11), byId: "p-mo", reason: "typo", fields: completeFields({ issue: "Amended issue" }), expectedVersion: 1 });
        await storage.notes.addComment({ id: "c1", noteId: "n1", at: later(12), byId: "p-sam", kind: "disagreement", text: "I disagree" });
        const action = (await storage.notes.findById("n1"))!.actions[0]!;
        await storage.notes.completeAction(action.id, "Seen at home", later(13), "p-sam");

        const first = await storage.notes.purge("n1", purge, [purged("n1")]);
        const again = await storage.notes.purge("n1", { ...purge, at: later(600) }, [purged("n1")]);
        expect(first?.changed).toBe(true);
        expect(again).toMatchObject({ changed: false, note: { purgedAt: later(500) } });
        const note = (await storage.notes.findById("n1"))!;
        expect(note).toEqual(first?.note);
        expect(note).toMatchObject({
          id: "n1", status: "on-case-record", version: 2, recordedAt: later(1), onCaseRecordAt: later(10), caseRecordRef: "MOSAIC-7",
          lateReason: null, purgedAt: later(500), purgedById: null, purgedRule: "retention.on-case-record [policy]",
        });
        const { caseRef, kind, discussedAt, participantIds } = completeFields();
        expect(note.fields).toMatchObject({ caseRef, kind, discussedAt, participantIds, issue: null, decision: null, rationale: null, options: [], disagreements: [], childViews: null });
        expect(note.fields.actions.map((a) => a.what)).toEqual(["", ""]);
        expect(note.actions.map((a) => [a.what, a.ownerId, a.status, a.outcome])).toEqual([["", "p-sam", "done", null], ["", "p-mo", "open", null]]);
        expect(await storage.notes.revisions("n1")).toEqual([]);
        expect(await storage.notes.comments("n1")).toEqual([]);
        // Still counted where compliance looks, and never amended again.
        expect((await storage.notes.listByCase("4471-JB")).map((n) => n.id)).toEqual(["n1"]);
        expect(await storage.notes.amend("n1", { at: later(700), byId: "p-mo", reason: "x", fields: completeFields(), expectedVersion: 2 })).toBeNull();
        const entries = await storage.audit.list();
        // The changes above named no audit record: each was sealed in a `record.sealed` entry of its own.
        const purgeEntries = entries.filter((e) => e.action !== "record.sealed");
        expect(purgeEntries.map((e) => `${e.action}:${e.entityId}`)).toEqual(["note.purged:n1"]);
        // The purged note sealed as it now stands; the removed versions' and comment's seals let go.
        expect(purgeEntries[0]!.detail).toMatchObject({ seals: [expect.stringMatching(/^note:n1 /)], released: ["revision:n1:1", "revision:n1:2", "comment:c1"] });
        expect(verifyAuditChain(entries).ok).toBe(true);
      });

      it("purges only notes on the case record", async () => {
        await draft("d1");
        await storage.notes.record("d1", completeFields(), { at: later(1), byId: "p-mo", recorderId: "p-mo", lateReason: null });
        expect(await storage.notes.purge("d1", purge, [purged("d1")])).toBeNull();
        expect(await storage.notes.purge("nope", purge)).toBeNull();
        expect((await storage.notes.findById("d1"))?.fields.issue).toBe(completeFields().issue);
        expect(await storage.notes.revisions("d1")).toHaveLength(1);
        expect((await storage.audit.list()).filter((e) => e.action !== "record.sealed")).toEqual([]);
      });

      it("lists candidates in pages, on the case record by the cutoff and not purged, oldest first", async () => {
        for (const [id, minutes] of [["r03", 30], ["r01", 10], ["r02", 10], ["r04", 40], ["r05", 50]] as const) await onCaseRecord(id, later(minutes), completeFields({ participantIds: ["p-sam", "p-mo", "p-sam"] }));
        await draft("d1"); // never on the case record
        await storage.notes.purge("r03", purge);
        const page = (after: { onCaseRecordAt: Date; id: string } | null) => storage.notes.listRetentionCandidates({ onCaseRecordBefore: later(40), after, limit: 2 });
        const first = await page(null);
        expect(first).toEqual([
          { id: "r01", caseRef: "4471-JB", onCaseRecordAt: later(10), participantIds: ["p-mo", "p-sam"] },
          { id: "r02", caseRef: "4471-JB", onCaseRecordAt: later(10), participantIds: ["p-mo", "p-sam"] },
        ]);
        const second = await page(first[1]!);
        expect(second.map((c) => c.id)).toEqual(["r04"]);
        expect(await page(second[0]!)).toEqual([]);
      });
    });

    describe("changes and their audit records", () => {
      const rec = (action: AuditRecord["action"], entityId = "n1"): AuditRecord => ({ at: T0, actorId: "p-mo", action, entityType: "note", entityId, detail: {} });

      it("stores a change's audit records with it, and none when a repeated call changes nothing", async () => {
        await storage.notes.create({ id: "n1", sourceKey: "k", status: "draft", fields: completeFields(), createdAt: T0, createdById: "p-mo", recorderId: null }, [rec("note.create")]);
        await storage.notes.create({ id: "n2", sourceKey: "k", status: "draft", fields: completeFields(), createdAt: T0, createdById: "p-mo", recorderId: null }, [rec("note.create", "n2")]);
        const facts = { at: later(1), byId: "p-mo", recorderId: "p-mo", lateReason: null };
        await storage.notes.record("n1", completeFields(), facts, [rec("note.record")]);
        await storage.notes.record("n1", completeFields(), facts, [rec("note.record")]);
        await storage.notes.markOnCaseRecord("n1", later(2), "p-sam", null, [rec("note.on-case-record")]);
        await storage.notes.markOnCaseRecord("n1", later(3), "p-sam", null, [rec("note.on-case-record")]);
        const stale = await storage.notes.amend("n1", { at: later(4), byId: "p-mo", reason: null, fields: completeFields(), expectedVersion: 7 }, [rec("note.amend")]);
        expect(stale).toBeNull();
        await storage.notes.addComment({ id: "c1", noteId: "n1", at: later(5), byId: "p-sam", kind: "comment", text: "ok" }, [rec("note.comment")]);
        const entries = await storage.audit.list();
        expect(entries.map((e) => `${e.action}:${e.entityId}`)).toEqual(["note.create:n1", "note.record:n1", "note.on-case-record:n1", "note.comment:n1"]);
        expect(verifyAuditChain(entries).ok).toBe(true);
      });
    });

    describe("audit log", () => {
      const record = (i: number): AuditRecord => ({
        at: later(i),
        actorId: "p-mo",
        action: "note.view",
        entityType: "note",
        entityId: `n${i}`,
        detail: { version: i },
      });

      it("chains entries so the whole trail verifies", async () => {
        for (let i = 0; i < 5; i++) await storage.audit.append(record(i));
        const entries = await storage.audit.list();
        expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
        expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
        expect(verifyAuditChain(entries)).toEqual({ ok: true, entries: 5 });
        expect(await storage.audit.list(4)).toHaveLength(2);
      });

      it("never forks the chain under concurrent appends", async () => {
        await Promise.all(Array.from({ length: 20 }, (_, i) => storage.audit.append(record(i))));
        const entries = await storage.audit.list();
        expect(entries).toHaveLength(20);
        expect(verifyAuditChain(entries).ok).toBe(true);
      });
    });

    describe("transactions", () => {
      const record = (entityId: string): AuditRecord => ({ at: T0, actorId: "p-mo", action: "note.change", entityType: "note", entityId, detail: {} });
      const reminder = (id: string) => ({ id, key: `k-${id}`, kind: "notice" as const, deadlineId: null, aboutId: "p-sam", recipientId: "p-sam", dueAt: T0, createdAt: T0, message: null });

      it("stores everything the work wrote when it resolves, and hands back what it returned", async () => {
        const result = await storage.transaction(async (tx) => {
          await tx.notes.create({ id: "n1", sourceKey: "s1", status: "draft", fields: completeFields(), createdAt: T0, createdById: "p-mo", recorderId: null }, [record("n1")]);
          await tx.schedule.schedule([reminder("r1")]);
          expect(await tx.inbound.firstSeen("slack:event:Ev9", T0)).toBe(true);
          // The work reads its own writes.
          expect((await tx.notes.findById("n1"))?.id).toBe("n1");
          expect(await tx.audit.list()).toHaveLength(1);
          return "done";
        });
        expect(result).toBe("done");
        expect((await storage.notes.findById("n1"))?.status).toBe("draft");
        expect(await storage.schedule.reminders({ recipientId: "p-sam" })).toHaveLength(1);
        expect(await storage.audit.list()).toHaveLength(1);
        expect(await storage.inbound.firstSeen("slack:event:Ev9", T0)).toBe(false);
      });

      it("stores nothing the work wrote when it throws, and rethrows, joined transactions included", async () => {
        const failure = new Error("the process died here");
        await expect(
          storage.transaction(async (tx) => {
            await tx.notes.create({ id: "n1", sourceKey: "s1", status: "draft", fields: completeFields(), createdAt: T0, createdById: "p-mo", recorderId: null }, [record("n1")]);
            await tx.transaction(async (inner) => {
              await inner.schedule.schedule([reminder("r1")]);
              await inner.people.saveAll([person("new", "practitioner")], T0);
            });
            await tx.inbound.firstSeen("slack:event:Ev9", T0);
            await tx.audit.append(record("n1"));
            throw failure;
          }),
        ).rejects.toBe(failure);
        expect(await storage.notes.findById("n1")).toBeNull();
        expect(await storage.notes.listByCase("4471-JB")).toEqual([]);
        expect(await storage.schedule.reminders({})).toEqual([]);
        expect(await storage.people.findById("p-new")).toBeNull();
        expect(await storage.audit.list()).toEqual([]);
        expect(await storage.inbound.firstSeen("slack:event:Ev9", T0)).toBe(true);
        // And the storage goes on working: the same writes again are stored.
        await storage.transaction((tx) => tx.notes.create({ id: "n1", sourceKey: "s1", status: "draft", fields: completeFields(), createdAt: T0, createdById: "p-mo", recorderId: null }, [record("n1")]));
        expect(verifyAuditChain(await storage.audit.list())).toEqual({ ok: true, entries: 1 });
      });

      it("runs transactions begun together one after the other, and calls made outside them meanwhile", async () => {
        const steps: string[] = [];
        const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
        const work = (name: string) =>
          storage.transaction(async (tx) => {
            steps.push(`${name} begins`);
            const first = await tx.inbound.firstSeen("slack:event:shared", T0);
            await pause();
            steps.push(`${name} ends`);
            return first;
          });
        const outside = (async () => {
          await pause();
          const found = await storage.people.findById("p-sam");
          steps.push("outside");
          return found;
        })();
        const [a, b, found] = await Promise.all([work("a"), work("b"), outside]);
        // Each saw the other's write only once it was stored: exactly one was first.
        expect([a, b].filter(Boolean)).toHaveLength(1);
        expect(steps.filter((s) => s !== "outside")).toEqual(["a begins", "a ends", "b begins", "b ends"]);
        // Whether it ran between them (one SQLite connection) or beside them (a PostgreSQL pool).
        expect(found?.id).toBe("p-sam");
      });
    });

    describe("readiness", () => {
      it("is reachable and current once opened: every migration the build ships is applied", async () => {
        const ready = await storage.readiness();
        expect(ready.reachable).toBe(true);
        expect(ready.migrations.current).toBe(true);
        expect(ready.migrations.shipped.filter((name) => !ready.migrations.applied.includes(name))).toEqual([]);
        // Asked from inside a transaction too (a turn's storage).
        expect((await storage.transaction((tx) => tx.readiness())).reachable).toBe(true);
      });
    });

    describe("inbound deliveries", () => {
      it("recognises a retried delivery, also when both arrive at once, and forgets old keys", async () => {
        expect(await storage.inbound.firstSeen("slack:event:Ev1", T0)).toBe(true);
        expect(await storage.inbound.firstSeen("slack:event:Ev1", later(1))).toBe(false);
        const racing = await Promise.all([storage.inbound.firstSeen("teams:a2", T0), storage.inbound.firstSeen("teams:a2", T0)]);
        expect(racing.sort()).toEqual([false, true]);
        expect(await storage.inbound.forgetBefore(later(1))).toBe(2);
        expect(await storage.inbound.firstSeen("slack:event:Ev1", later(2))).toBe(true);
      });
    });

    describe("conversation addresses", () => {
      it("keeps the latest address per platform and key, and lists one kind newest first", async () => {
        const address = (key: string, kind: "chat" | "member" | "channel", at: Date, reference = "{}") => ({ platform: "teams" as const, key, kind, label: kind === "channel" ? `North › ${key}` : null, reference, updatedAt: at });
        await storage.conversations.save(address("person:29:a", "member", T0));
        await storage.conversations.save(address("person:29:a", "chat", later(1), '{"conversation":{"id":"a:1"}}'));
        await storage.conversations.save(address("channel:19:general", "channel", T0));
        await storage.conversations.save(address("channel:19:cases", "channel", later(2)));
        expect(await storage.conversations.get("teams", "person:29:a")).toEqual(address("person:29:a", "chat", later(1), '{"conversation":{"id":"a:1"}}'));
        expect(await storage.conversations.get("slack", "person:29:a")).toBeNull();
        expect((await storage.conversations.list("teams", "channel")).map((a) => [a.key, a.label])).toEqual([
          ["channel:19:cases", "North › channel:19:cases"],
          ["channel:19:general", "North › channel:19:general"],
        ]);
        expect(await storage.conversations.list("teams", "member")).toEqual([]);
      });
    });

    describe("group supervision", () => {
      const series = { id: "s1", team: "North", format: "signs-of-safety" as const, cadenceWeeks: 3, firstDate: "2026-12-01", time: "14:00", durationMinutes: 90, channel: "slack:C0NORTH", createdAt: T0, createdById: "p-mo", updatedAt: T0 };
      const session = (id: string, date: string) => ({
        id,
        seriesId: "s1",
        date,
        startsAt: new Date(`${date}T14:00:00Z`),
        status: "planned" as const,
        presenterId: "p-sam",
        facilitatorId: "p-priya",
        advisorId: "p-mo",
        rolesFixed: false,
        caseRef: null,
        replacesId: null,
        stage: 0,
        pendingSwap: null,
        noteId: null,
        cancelReason: null,
        revision: 0,
        createdAt: T0,
        updatedAt: T0,
      });

      it("keeps one series a team, and its sessions one a day, earliest first, with every part round-tripped", async () => {
        await storage.groups.saveSeries(series);
        await storage.groups.saveSeries({ ...series, cadenceWeeks: 2, updatedAt: later(1) });
        expect(await storage.groups.seriesOfTeam("North")).toEqual({ ...series, cadenceWeeks: 2, updatedAt: later(1) });
        expect(await storage.groups.listSeries()).toHaveLength(1);
        expect(await storage.groups.seriesOfTeam("South")).toBeNull();

        expect(await storage.groups.addSession(session("g2", "2026-12-22"))).toBe(true);
        expect(await storage.groups.addSession(session("g1", "2026-12-01"))).toBe(true);
        expect(await storage.groups.addSession(session("g3", "2026-12-01"))).toBe(false);
        const changed = { ...session("g1", "2026-12-01"), status: "held" as const, caseRef: "4471-JB", stage: 3, rolesFixed: true, pendingSwap: { fromId: "p-sam", toId: "p-lee" }, noteId: "n9", updatedAt: later(5) };
        expect(await storage.groups.updateSession(changed, [{ at: later(5), actorId: "p-mo", action: "group.session-held", entityType: "group-session", entityId: "g1", detail: {} }])).toBe(true);
        expect(await storage.groups.findSession("g1")).toEqual({ ...changed, revision: 1 });
        // A change made from the read before that one is refused, and writes nothing (no audit entry either).
        expect(await storage.groups.updateSession({ ...changed, status: "cancelled" }, [{ at: later(6), actorId: "p-lee", action: "group.session-cancelled", entityType: "group-session", entityId: "g1", detail: {} }])).toBe(false);
        expect((await storage.groups.findSession("g1"))!.status).toBe("held");
        expect((await storage.groups.sessionsOf("s1")).map((s) => s.id)).toEqual(["g1", "g2"]);
        expect((await storage.audit.list()).filter((e) => e.entityId === "g1").map((e) => e.action)).toEqual(["group.session-held"]);
      });
    });
  });
}
