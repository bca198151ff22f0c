// The append-only guards come back at start-up when someone removed, disabled or changed them,
// with an alarm in the log and the audit trail; an untouched database raises none.
import { expect, it } from "vitest";
import { FixedClock } from "../../src/domain/clock.ts";
import { jsonLogger } from "../../src/logger.ts";
import { openStorage } from "../../src/storage/prisma/open-storage.ts";
import { behindTheBack } from "../support/behind-the-back.ts";
import { describeEachStore } from "../support/stores.ts";

/** Opens the database as the bot does at start-up; what it logged, what it audited, and whether an audit row can still be edited. */
async function startUp(url: string) {
  const lines: string[] = [];
  const storage = await openStorage(url, { clock: new FixedClock("2026-12-01T09:00:00Z"), log: jsonLogger((line) => lines.push(line)) });
  try {
    // A row for the guards to guard: an edit of an empty table would not be refused.
    await storage.audit.append({ at: new Date("2026-12-01T09:00:00Z"), actorId: "p-mo", action: "note.view", entityType: "note", entityId: "n1", detail: {} });
    const alarms = (await storage.audit.list()).filter((e) => e.action === "audit.guards-restored");
    return { lines, alarms };
  } finally {
    await storage.close();
  }
}

async function auditEditRefused(url: string): Promise<boolean> {
  try {
    await behindTheBack(url, [`UPDATE "AuditEntry" SET "actorId" = 'p-x'`]);
    return false;
  } catch (error) {
    return /append-only/.test((error as Error).message);
  }
}

const SQLITE = {
  dropped: [`DROP TRIGGER "AuditEntry_append_only_update"`, `DROP TRIGGER "NoteComment_append_only_delete"`],
  changed: [`DROP TRIGGER "AuditEntry_append_only_update"`, `CREATE TRIGGER "AuditEntry_append_only_update" BEFORE UPDATE ON "AuditEntry" WHEN 0 BEGIN SELECT 1; END`],
};
const POSTGRES = {
  dropped: [`DROP TRIGGER "AuditEntry_append_only" ON "AuditEntry"`, `DROP TRIGGER "NoteComment_append_only" ON "NoteComment"`],
  changed: [`CREATE OR REPLACE FUNCTION "append_only"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END; $$`],
  disabled: [`ALTER TABLE "AuditEntry" DISABLE TRIGGER "AuditEntry_append_only"`],
};

describeEachStore("append-only guards at start-up", (store) => {
  // SQLite's triggers cannot be disabled, only dropped or changed.
  const tampers: Record<string, string[]> = store.name === "SQLite" ? SQLITE : POSTGRES;

  it("an untouched database starts with no alarm, twice", async () => {
    const url = await store.fresh();
    expect((await startUp(url)).alarms).toEqual([]);
    const again = await startUp(url);
    expect(again.alarms).toEqual([]);
    expect(again.lines.filter((l) => l.includes("guards-restored"))).toEqual([]);
    expect(await auditEditRefused(url)).toBe(true);
  });

  it.each(Object.entries(tampers))("guards %s behind the bot's back are put back, logged and audited", async (_how, sql) => {
    const url = await store.fresh();
    await startUp(url);
    await behindTheBack(url, sql);
    expect(await auditEditRefused(url)).toBe(false);
    const { lines, alarms } = await startUp(url);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ entityType: "database", detail: { guards: expect.any(Array) } });
    const logged = lines.map((l) => JSON.parse(l) as { level: string; event: string }).filter((l) => l.event === "audit.guards-restored");
    expect(logged).toMatchObject([{ level: "error" }]);
    expect(await auditEditRefused(url)).toBe(true);
    expect((await startUp(url)).alarms).toHaveLength(1); // put back once; the next start finds them whole
  });
});
