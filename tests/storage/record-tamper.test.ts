// An edit of the record behind the storage's back (a note's content, status or actions, a
// recorded version, a comment; a row deleted or slipped in) is found by `audit verify`, on
// each database the bot runs on: the audit chain carries each change's seals.
import { expect, it } from "vitest";
import { FixedClock } from "../../src/domain/clock.ts";
import type { Storage } from "../../src/ports/storage.ts";
import { loadPrompts } from "../../src/prompts/prompts.ts";
import { commentOnNote } from "../../src/services/comment-on-note.ts";
import { completeAction } from "../../src/services/complete-action.ts";
import { DEFAULT_SETTINGS, type Core } from "../../src/services/core.ts";
import { markOnCaseRecord } from "../../src/services/mark-on-case-record.ts";
import { verifyAudit } from "../../src/services/verify-audit.ts";
import { openStorage } from "../../src/storage/prisma/open-storage.ts";
import { team } from "../support/fixtures.ts";
import { amendFields, recordedNote } from "../support/notes.ts";
import { behindTheBack } from "../support/behind-the-back.ts";
import { describeEachStore } from "../support/stores.ts";

/** Dropping the append-only triggers first, as someone covering their tracks would. */
const DROP_TRIGGERS = {
  sqlite: ["NoteRevision_append_only_update", "NoteRevision_append_only_delete", "NoteComment_append_only_update", "NoteComment_append_only_delete"].map((t) => `DROP TRIGGER "${t}"`),
  postgres: [`DROP TRIGGER "NoteRevision_append_only" ON "NoteRevision"`, `DROP TRIGGER "NoteComment_append_only" ON "NoteComment"`],
};

const TAMPERS: { what: string; sql: string[]; finds: { key: string; problem: string } }[] = [
  { what: "a note's decision edited", sql: [`UPDATE "Note" SET "content" = replace("content", 'Visit today instead.', 'No further action.') WHERE "id" = 'n1'`], finds: { key: "note:n1", problem: "altered" } },
  { what: "a note's status put back", sql: [`UPDATE "Note" SET "status" = 'recorded', "onCaseRecordAt" = NULL WHERE "id" = 'n1'`], finds: { key: "note:n1", problem: "altered" } },
  { what: "an action's outcome edited", sql: [`UPDATE "NoteAction" SET "outcome" = 'Child not seen' WHERE "noteId" = 'n1' AND "status" = 'done'`], finds: { key: "note:n1", problem: "altered" } },
  { what: "a recorded version edited", sql: [`UPDATE "NoteRevision" SET "reason" = 'Manager asked' WHERE "noteId" = 'n1' AND "version" = 2`], finds: { key: "revision:n1:2", problem: "altered" } },
  { what: "a disagreement reworded", sql: [`UPDATE "NoteComment" SET "text" = 'Agreed in the end.' WHERE "noteId" = 'n1'`], finds: { key: "comment:", problem: "altered" } },
  { what: "a disagreement deleted", sql: [`DELETE FROM "NoteComment" WHERE "noteId" = 'n1'`], finds: { key: "comment:", problem: "missing" } },
  { what: "a whole note deleted", sql: [`DELETE FROM "Note" WHERE "id" = 'n2'`], finds: { key: "note:n2", problem: "missing" } },
  {
    what: "a note slipped in",
    sql: [`INSERT INTO "Note" ("id", "caseRef", "kind", "status", "discussedAt", "createdAt", "createdById", "recorderId", "recordedAt", "recordedById", "version", "content", "updatedAt") SELECT 'n9', "caseRef", "kind", "status", "discussedAt", "createdAt", "createdById", "recorderId", "recordedAt", "recordedById", "version", "content", "updatedAt" FROM "Note" WHERE "id" = 'n2'`],
    finds: { key: "note:n9", problem: "unsealed" },
  },
];

describeEachStore("audit verify checks the record against the chain's seals", (store) => {
  /** A record with every kind of change: recorded, amended, disagreed with, an action done, put on the case record; and a second note. */
  async function sealedRecord(): Promise<{ url: string; storage: Storage; core: Core }> {
    const url = await store.fresh();
    const clock = new FixedClock("2026-11-23T15:00:00Z");
    const storage = await openStorage(url, { clock });
    let n = 0;
    const core: Core = { storage, clock, newId: () => `id${++n}`, settings: DEFAULT_SETTINGS, prompts: loadPrompts() };
    await storage.people.saveAll(team(), clock.now());
    const sam = (await storage.people.findByHandle("sam"))!;
    await recordedNote(core, "n1");
    await amendFields(core, "n1", { decision: "Visit today instead." }, "Police available today");
    await commentOnNote(core, sam, "n1", "disagreement", "I would have waited for the strategy meeting.");
    const note = (await storage.notes.findById("n1"))!;
    await completeAction(core, sam, note.actions[0]!.id, "Child seen alone");
    await markOnCaseRecord(core, sam, "n1", "MOS-1");
    await recordedNote(core, "n2");
    return { url, storage, core };
  }

  it("passes an untouched record, every note, version and comment checked", async () => {
    const { storage, core } = await sealedRecord();
    try {
      expect(await verifyAudit(core)).toMatchObject({ ok: true, records: 2 });
    } finally {
      await storage.close();
    }
  });

  it.each(TAMPERS)("finds $what", async ({ sql, finds }) => {
    const { url, storage, core } = await sealedRecord();
    try {
      const drop = url.startsWith("file:") ? DROP_TRIGGERS.sqlite : DROP_TRIGGERS.postgres;
      await behindTheBack(url, [...drop, ...sql]);
      const verdict = await verifyAudit(core);
      expect(verdict).toMatchObject({ ok: false, reason: "record-mismatch" });
      const problems = "problems" in verdict ? verdict.problems : [];
      expect(problems).toContainEqual({ key: expect.stringContaining(finds.key), problem: finds.problem });
    } finally {
      await storage.close();
    }
  });

  it("seals, once, at start-up, a record a build before seals stored", async () => {
    const { url, storage } = await sealedRecord();
    await storage.close();
    // As an earlier build left it: a note with no seal, and no mark that the record was sealed.
    await behindTheBack(url, [TAMPERS.at(-1)!.sql[0]!, `DELETE FROM "DataVersion" WHERE "name" = 'record-seals'`]);
    const clock = new FixedClock("2026-12-01T09:00:00Z");
    for (const start of [1, 2]) {
      const reopened = await openStorage(url, { clock });
      try {
        const core: Core = { storage: reopened, clock, newId: () => "x", settings: DEFAULT_SETTINGS, prompts: loadPrompts() };
        expect(await verifyAudit(core), `start ${start}`).toMatchObject({ ok: true, records: 3 });
        expect((await reopened.audit.list()).filter((e) => e.action === "record.sealed" && e.detail.notes === 3)).toHaveLength(1);
      } finally {
        await reopened.close();
      }
    }
  });
});
