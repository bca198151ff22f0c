// The disk-full fault's bot side (tests/faults/disk-full.test.ts), run in its own process inside a
// private mount namespace whose DATA_DIR is a small tmpfs: a real full disk (ENOSPC), no
// simulation. Takes turns as a person would (a decision typed to the bot), fills the disk,
// takes more, frees the disk, takes one more, and prints what happened as one JSON line.
// Run (DATA_DIR a small tmpfs, mounted by the test): npx tsx tests/faults/support/disk-full-child.ts
import { closeSync, openSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { handleInbound } from "../../../src/bot/inbound.ts";
import { FixedClock } from "../../../src/domain/clock.ts";
import type { Logger } from "../../../src/logger.ts";
import { loadPrompts } from "../../../src/prompts/prompts.ts";
import { DEFAULT_SETTINGS, type Core } from "../../../src/services/core.ts";
import { openStorage } from "../../../src/storage/prisma/open-storage.ts";
import { team } from "../../support/fixtures.ts";

const dir = process.env.DATA_DIR;
if (!dir) throw new Error("disk-full-child: DATA_DIR is not set");
const file = path.join(dir, "oversight.db");
const filler = path.join(dir, "filler");

const logged: string[] = [];
const log: Logger = { info: (event) => void logged.push(event), warn: (event) => void logged.push(event), error: (event) => void logged.push(event) };
const clock = new FixedClock("2026-11-24T11:00:00Z");
const storage = await openStorage(`file:${file}`, { clock });
let ids = 0;
const core: Core = { storage, clock, newId: () => `n${++ids}`, settings: DEFAULT_SETTINGS, prompts: loadPrompts() };
await storage.people.saveAll(team(), clock.now());

let turns = 0;
const decide = (caseRef: string) =>
  handleInbound(core, log, { kind: "message", eventId: `disk-full-${++turns}`, actor: { platform: "console", externalId: "mo" }, text: `${caseRef} discussed today 10:00 with @sam. Issue: new referral. Decision: visit tomorrow. Because: first concern raised.` });
const notes = async () => (await storage.notes.listDiscussedBetween(new Date("2026-11-01T00:00:00Z"), new Date("2026-12-01T00:00:00Z"))).length;

const before = await decide("8101-DF");

// Fill the disk to the last byte.
const fd = openSync(filler, "w");
const chunk = Buffer.alloc(64 * 1024);
let size = chunk.length;
for (;;) {
  try {
    writeSync(fd, chunk.subarray(0, size));
  } catch {
    if (size === 1) break;
    size = Math.max(1, Math.floor(size / 2));
  }
}
closeSync(fd);

// Turns while the disk is full: each must fail cleanly, keeping nothing of itself.
const whileFull = [];
for (let i = 0; i < 5; i++) whileFull.push(await decide(`82${String(i).padStart(2, "0")}-DF`));
const notesWhileFull = await notes();

// Space again: the same connection must take the next turn (no lock left behind by the failed ones).
rmSync(filler);
const after = await decide("8301-DF");
const notesAfter = await notes();
await storage.close();

const db = new Database(file, { readonly: true });
const integrity = (db.prepare("PRAGMA integrity_check").all() as { integrity_check: string }[]).map((r) => r.integrity_check);
const caseRefs = (db.prepare("SELECT caseRef FROM Note ORDER BY caseRef").all() as { caseRef: string }[]).map((r) => r.caseRef);
const auditGaps = (db.prepare("SELECT count(*) AS n FROM AuditEntry a WHERE a.seq > 1 AND NOT EXISTS (SELECT 1 FROM AuditEntry b WHERE b.seq = a.seq - 1)").get() as { n: number }).n;
db.close();

const text = (reply: { message?: { text: string } }) => reply.message?.text ?? "";
process.stdout.write(
  JSON.stringify({
    before: { text: text(before), failed: "failed" in before },
    whileFull: whileFull.map((r) => ({ text: text(r), failed: "failed" in r && r.failed === true })),
    after: { text: text(after), failed: "failed" in after },
    notesWhileFull,
    notesAfter,
    caseRefs,
    integrity,
    auditGaps,
    logged: [...new Set(logged)],
  }) + "\n",
);
