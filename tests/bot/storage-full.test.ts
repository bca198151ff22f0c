import { describe, expect, it } from "vitest";
import { handleInbound } from "../../src/bot/inbound.ts";
import { StorageFullError } from "../../src/domain/errors.ts";
import { silentLogger } from "../../src/logger.ts";
import { isStorageFull } from "../../src/storage/prisma/prisma-db.ts";
import { testCore } from "../support/core.ts";

// A full disk under the database (found by tests/faults/disk-full.test.ts): the person is told
// plainly that nothing was saved and what they wrote is kept, not the generic failure.

describe("a full database", () => {
  it("answers a turn with the storage-full message, as a failure (so adapters show the text back)", async () => {
    const t = await testCore();
    const core = { ...t.core, storage: { ...t.storage, transaction: async () => Promise.reject(new StorageFullError()) } };
    const reply = await handleInbound(core, silentLogger, { kind: "command", eventId: "e1", retryKey: "e1", actor: { platform: "console", externalId: "mo" }, text: "4471-JB discussed today 10:00. Issue: new referral." });
    expect(reply).toMatchObject({ failed: true, message: { text: t.core.prompts.say("error.storage-full") } });
  });

  it("is recognised from SQLite's and PostgreSQL's errors as the drivers and Prisma wrap them, and nothing else", () => {
    expect(isStorageFull(Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" }))).toBe(true);
    expect(isStorageFull({ name: "DriverAdapterError", cause: { originalCode: "SQLITE_FULL", kind: "sqlite" } })).toBe(true);
    expect(isStorageFull(new Error("x", { cause: { code: "53100", message: "could not extend file" } }))).toBe(true);
    expect(isStorageFull(Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" }))).toBe(false);
    expect(isStorageFull(new Error("Unique constraint failed"))).toBe(false);
  });
});
