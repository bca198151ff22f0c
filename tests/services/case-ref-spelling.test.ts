// Issue 14 item 4, "one case, one spelling": however a case reference is typed, it is stored and
// found in one canonical form, and rows stored before that are rewritten at start-up.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { handleInbound } from "../../src/bot/inbound.ts";
import { parseMessage } from "../../src/capture/parse-message.ts";
import { FixedClock } from "../../src/domain/clock.ts";
import { canonicalCaseRef, isCaseRef } from "../../src/domain/vocabulary.ts";
import { openSqliteStorage } from "../../src/storage/prisma/open-sqlite.ts";
import { testCore } from "../support/core.ts";
import { completeFields, team } from "../support/fixtures.ts";
import { recordedNote } from "../support/notes.ts";
import { shown, start, submit, valuesOf } from "../support/note-forms.ts";

const NOW = new Date("2026-11-23T15:00:00Z");

describe("canonicalCaseRef: one spelling per case", () => {
  it.each([
    ["4471-JB", "4471-JB"],
    ["4471-jb", "4471-JB"],
    ["4471JB", "4471-JB"],
    ["4471 JB", "4471-JB"],
    ["4471/jb", "4471-JB"],
    [" 4471 - JB ", "4471-JB"],
    ["JB 4471", "4471-JB"],
    ["JB-4471", "4471-JB"],
    ["jb4471", "4471-JB"],
    ["CR-20931", "20931-CR"],
    ["MOS123456", "123456-MOS"],
    ["LL/5567", "5567-LL"],
    ["0088123", "0088123"],
    ["AB/12/3", "AB-12-3"],
    ["4471-JB-2", "4471-JB-2"],
  ])("%j → %j", (typed, canonical) => {
    expect(canonicalCaseRef(typed)).toBe(canonical);
    // The canonical form is itself a case reference, and stays as it is.
    expect(isCaseRef(canonical)).toBe(true);
    expect(canonicalCaseRef(canonical)).toBe(canonical);
  });

  it.each(["Jo Bloggs", "Jayden 4471", "4471 Smith", "JB-", ""])("leaves %j as typed (not a reference, or a word written like a name for the guard)", (typed) => {
    expect(canonicalCaseRef(typed)).toBe(typed.trim());
  });
});

describe("every way in stores the canonical spelling", () => {
  it.each(["4471-jb quick chat with @sam. Issue: missed visits.", "4471JB quick chat. Issue: missed visits.", "Case: JB 4471\nIssue: missed visits", "jb-4471: issue missed visits"])(
    "the parser reads %j as 4471-JB",
    (text) => {
      expect(parseMessage(text, { now: NOW }).caseRef).toBe("4471-JB");
    },
  );

  it("the form stores what was typed in the canonical spelling", async () => {
    const { core, person } = await testCore();
    const mo = await person("mo");
    const started = await start(core, { actor: mo, text: "4471-JB discussed today 14:10 with @sam. Issue: x. Options: a; b. Decision: b. Because: y. Disagreements: none. Child's views: not discussed: baby", eventId: null });
    const outcome = await submit(core, { actor: mo, values: { ...valuesOf(started.form), caseRef: "jb 4471" }, state: started.form.state, submissionKey: "s" });
    expect(outcome).toMatchObject({ status: "recorded", note: { fields: { caseRef: "4471-JB" } } });
  });
});

describe("a case is found however it is typed", () => {
  const say = async (core: Awaited<ReturnType<typeof testCore>>["core"], who: string, text: string) =>
    (await handleInbound(core, { info: () => {}, warn: () => {}, error: () => {} }, { kind: "command", eventId: `${who}:${text}`, actor: { platform: "console", externalId: who }, text })).message?.text ?? "";

  it.each(["list 4471-JB", "list 4471-jb", "list 4471JB", "list 4471 JB", "list JB 4471", "list JB-4471"])("%s lists both notes of 4471-JB", async (command) => {
    const { core } = await testCore();
    await recordedNote(core, "n1");
    await recordedNote(core, "n2", { caseRef: "4471-JB", discussedAt: new Date("2026-11-23T14:30:00Z") });
    await recordedNote(core, "other", { caseRef: "4472-JB" });
    const reply = await say(core, "mo", command);
    expect(reply).toMatch(/\bn1\b/);
    expect(reply).toMatch(/\bn2\b/);
    expect(reply).not.toMatch(/\bother\b/);
  });

  it("the review of previous actions finds earlier notes typed another way", async () => {
    const { core, person } = await testCore();
    const mo = await person("mo");
    await recordedNote(core, "n1");
    const next = await start(core, { actor: mo, text: "JB 4471 with @sam. Issue: follow-up.", eventId: null });
    expect(shown(next.form).caseRef).toBe("4471-JB");
    expect(shown(next.form).review).toContain("Visit (@sam, due");
  });
});

describe("rows stored before canonical spellings are rewritten at start-up", () => {
  it("rewrites notes and group sessions, audits each, keeps recorded versions as they were, and finds the case by any spelling", async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "case-ref-")), "oversight.db");
    const clock = new FixedClock(NOW.toISOString());
    const before = await openSqliteStorage(`file:${file}`, { clock });
    await before.people.saveAll(team(), NOW);
    // As an older version stored them: straight through storage, as typed.
    for (const [id, caseRef] of [["n1", "4471-jb"], ["n2", "JB 4471"], ["n3", "4471-JB"], ["n4", "cr-20931"]] as const) {
      await before.notes.create({
        id, sourceKey: null, status: "recorded", fields: completeFields({ caseRef }), createdAt: NOW, createdById: "p-mo", recorderId: "p-mo",
        recording: { at: NOW, byId: "p-mo", recorderId: "p-mo", lateReason: null },
      });
    }
    await before.close();
    const db = new Database(file);
    db.prepare(`INSERT INTO "GroupSeries" (id, team, format, cadenceWeeks, firstDate, time, durationMinutes, channel, createdById, createdAt, updatedAt) VALUES ('s1', 'North', 'signs-of-safety', 3, '2026-12-01', '10:00', 90, 'c', 'p-mo', 0, 0)`).run();
    db.prepare(`INSERT INTO "GroupSession" (id, seriesId, date, startsAt, status, rolesFixed, caseRef, stage, revision, createdAt, updatedAt) VALUES ('g1', 's1', '2026-12-01', 0, 'planned', 1, '4471 jb', 0, 0, 0, 0)`).run();
    db.close();

    const after = await openSqliteStorage(`file:${file}`, { clock });
    try {
      expect((await after.notes.listByCase("4471-JB")).map((n) => [n.id, n.fields.caseRef])).toEqual([["n1", "4471-JB"], ["n2", "4471-JB"], ["n3", "4471-JB"]]);
      expect((await after.notes.findById("n4"))?.fields.caseRef).toBe("20931-CR");
      expect((await after.groups.findSession("g1"))?.caseRef).toBe("4471-JB");
      // The record as it was recorded is kept: the revision still has the old spelling.
      expect((await after.notes.revisions("n1"))[0]?.fields.caseRef).toBe("4471-jb");
      const audited = (await after.audit.list()).filter((e) => e.action === "case-ref.normalised");
      expect(audited.map((e) => e.entityId).sort()).toEqual(["g1", "n1", "n2", "n4"]);
      expect(audited.every((e) => e.at.getTime() === NOW.getTime() && e.actorId === null)).toBe(true);
    } finally {
      await after.close();
    }
    // A second start changes nothing more.
    const again = await openSqliteStorage(`file:${file}`, { clock });
    try {
      expect((await again.audit.list()).filter((e) => e.action === "case-ref.normalised")).toHaveLength(4);
    } finally {
      await again.close();
    }
  });
});
