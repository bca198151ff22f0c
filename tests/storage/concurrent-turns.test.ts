import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { handleInbound, type InboundEvent } from "../../src/bot/inbound.ts";
import { FixedClock } from "../../src/domain/clock.ts";
import { silentLogger } from "../../src/logger.ts";
import { loadPrompts } from "../../src/prompts/prompts.ts";
import { DEFAULT_SETTINGS, type Core } from "../../src/services/core.ts";
import { openSqliteStorage } from "../../src/storage/prisma/open-sqlite.ts";
import { COMPLETE_EXAMPLE, team } from "../support/fixtures.ts";

/**
 * SQLite has one writer and each turn is one transaction: turns arriving together queue for
 * it, none fails for waiting. 200 deliveries of one command at once store one note.
 */

const dir = mkdtempSync(path.join(os.tmpdir(), "oversight-concurrent-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function sqliteCore(name: string): Promise<Core> {
  const storage = await openSqliteStorage(`file:${path.join(dir, name, "oversight.db")}`);
  let n = 0;
  const core: Core = { storage, clock: new FixedClock("2026-11-23T15:00:00Z"), newId: () => `id${++n}`, settings: DEFAULT_SETTINGS, prompts: loadPrompts() };
  await storage.people.saveAll(team(), core.clock.now());
  return core;
}

const command = (extra: Partial<InboundEvent> = {}) => ({ kind: "command", eventId: "slack:command:T1", actor: { platform: "console", externalId: "mo" }, text: COMPLETE_EXAMPLE, ...extra }) as InboundEvent;

it("200 concurrent deliveries of one /oversight command all get the form, and store one draft with its deadlines and reminders once", { timeout: 180_000 }, async () => {
  const core = await sqliteCore("same-command");
  try {
    const replies = await Promise.all(Array.from({ length: 200 }, () => handleInbound(core, silentLogger, command())));
    expect(replies.filter((r) => r.failed)).toEqual([]);
    expect(new Set(replies.map((r) => r.form?.state.draftId))).toEqual(new Set([expect.any(String)]));
    const [note, ...others] = await core.storage.notes.listByCase("4471-JB");
    expect(others).toEqual([]);
    const deadlines = await core.storage.schedule.deadlinesForNote(note!.id);
    expect(deadlines.length).toBeGreaterThan(0);
    const reminders = await core.storage.schedule.reminders({});
    expect(new Set(reminders.map((r) => r.key)).size).toBe(reminders.length);
    expect((await core.storage.audit.list()).filter((e) => e.action === "note.create")).toHaveLength(1);
  } finally {
    await core.storage.close();
  }
});

it("200 concurrent deliveries of one event with a retry key: acted on once, the rest seen as duplicates", { timeout: 180_000 }, async () => {
  const core = await sqliteCore("same-event");
  try {
    const replies = await Promise.all(Array.from({ length: 200 }, () => handleInbound(core, silentLogger, command({ eventId: "slack:event:Ev1", retryKey: "slack:event:Ev1" }))));
    expect(replies.filter((r) => r.failed)).toEqual([]);
    expect(replies.filter((r) => r.form)).toHaveLength(1);
    expect(replies.filter((r) => r.duplicate)).toHaveLength(199);
    expect(await core.storage.notes.listByCase("4471-JB")).toHaveLength(1);
  } finally {
    await core.storage.close();
  }
});
