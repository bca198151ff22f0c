import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { handleInbound } from "../../src/bot/inbound.ts";
import { FixedClock } from "../../src/domain/clock.ts";
import type { Logger } from "../../src/logger.ts";
import type { Storage } from "../../src/ports/storage.ts";
import { loadPrompts } from "../../src/prompts/prompts.ts";
import { replanOpenDeadlines } from "../../src/scheduler/scheduler.ts";
import { DEFAULT_SETTINGS, type Core } from "../../src/services/core.ts";
import { createMemoryStorage } from "../../src/storage/memory/memory-storage.ts";
import { openSqliteStorage } from "../../src/storage/prisma/open-sqlite.ts";
import { completeFields, COMPLETE_EXAMPLE, team } from "../support/fixtures.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "oversight-startup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

const storages: [string, () => Promise<Storage>][] = [
  ["memory", async () => createMemoryStorage()],
  ["prisma sqlite", () => openSqliteStorage(`file:${path.join(dir, `t${++files}`, "oversight.db")}`)],
];

function recordingLogger() {
  const lines: { level: string; event: string; fields: Record<string, unknown> }[] = [];
  const at = (level: string) => (event: string, fields: Record<string, unknown> = {}) => void lines.push({ level, event, fields });
  const log: Logger = { info: at("info"), warn: at("warn"), error: at("error") };
  return { log, lines };
}

async function setUp(open: () => Promise<Storage>) {
  const storage = await open();
  let n = 0;
  const clock = new FixedClock("2026-11-23T15:00:00Z");
  const core: Core = { storage, clock, newId: () => `id${++n}`, settings: DEFAULT_SETTINGS, prompts: loadPrompts() };
  await storage.people.saveAll(team(), clock.now());
  return core;
}

const as = (handle: string) => ({ platform: "console" as const, externalId: handle });

for (const [kind, open] of storages) {
  describe(`the start-up check: ${kind}`, () => {
    it("finds nothing to put right after the bot's own turns: decisions, a recording, an action done, a note put on the case record", async () => {
      const core = await setUp(open);
      try {
        const { log } = recordingLogger();
        const first = await handleInbound(core, log, { kind: "command", eventId: "e1", actor: as("mo"), text: COMPLETE_EXAMPLE });
        await handleInbound(core, log, { kind: "command", eventId: "e2", actor: as("mo"), text: COMPLETE_EXAMPLE.replace("4471-JB", "5520-KT") });
        const form = first.form!;
        const values = Object.fromEntries(form.inputs.map((input) => [input.id, input.value ?? ""]));
        const recorded = await handleInbound(core, log, { kind: "submit", eventId: "e3", actor: as("mo"), formId: form.formId, values, state: form.state });
        expect(recorded.notify).toHaveLength(1);
        const [note] = (await core.storage.notes.listByCase("4471-JB")).filter((n) => n.status === "recorded");
        const done = await handleInbound(core, log, { kind: "command", eventId: "e4", actor: as("sam"), text: `done ${note!.actions[0]!.id} Visited; the child was seen alone.` });
        expect(done.message?.text).toMatch(/done/i);
        expect((await handleInbound(core, log, { kind: "command", eventId: "e5", actor: as("mo"), text: `on-record ${note!.id}` })).refused).toBeUndefined();
        expect((await core.storage.schedule.deadlinesForNote(note!.id)).map((d) => d.status)).toContain("met");

        const check = recordingLogger();
        const found = await replanOpenDeadlines(core, check.log);
        expect(found.notes).toBe(2);
        expect(found.repaired).toEqual([]);
        expect(check.lines.filter((l) => l.level !== "info")).toEqual([]);
      } finally {
        await core.storage.close();
      }
    });

    it("repairs a note stored without its deadlines, and says so by note id and counts only", async () => {
      const core = await setUp(open);
      try {
        // As a process killed between storing a note and planning it used to leave it.
        await core.storage.notes.create({ id: "n1", sourceKey: null, status: "draft", fields: completeFields(), createdAt: core.clock.now(), createdById: "p-mo", recorderId: "p-mo" });
        const { log, lines } = recordingLogger();
        const found = await replanOpenDeadlines(core, log);
        expect(found.repaired.map((r) => r.noteId)).toEqual(["n1"]);
        expect(found.repaired[0]!.changes.deadlinesSet).toBeGreaterThan(0);
        expect(found.repaired[0]!.changes.remindersAdded).toBeGreaterThan(0);
        expect(lines).toEqual([{ level: "warn", event: "scheduler.startup-repaired", fields: { noteId: "n1", ...found.repaired[0]!.changes } }]);
        expect(JSON.stringify(lines)).not.toContain("4471-JB");
        expect((await core.storage.schedule.deadlinesForNote("n1")).length).toBe(found.repaired[0]!.changes.deadlinesSet);
        // Put right once: the next start finds nothing.
        expect((await replanOpenDeadlines(core, log)).repaired).toEqual([]);
      } finally {
        await core.storage.close();
      }
    });
  });
}
