// Fault: the disk under the SQLite database fills up. A real full disk: the bot's side
// (tests/faults/support/disk-full-child.ts) runs in a private mount namespace (`unshare`) whose
// data directory is a 4 MB tmpfs, and fills it to the last byte between turns. Asserted: each
// turn taken while it is full tells the person plainly that nothing was saved and their text is
// kept (not a generic failure), stores nothing of itself, and leaves the connection usable:
// once there is space the next turn is stored; the database passes integrity_check.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";
import { loadPrompts } from "../../src/prompts/prompts.ts";
import { ROOT, tempDir } from "../support/spawn.ts";

const CHILD = path.join(ROOT, "tests/faults/support/disk-full-child.ts");
const TSX_LOADER = pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;

/** Why a private mount namespace with a tmpfs cannot be made here, or null when it can. */
function namespaceUnavailable(): string | null {
  const probe = spawnSync("unshare", ["--user", "--map-root-user", "--mount", "sh", "-c", `mount -t tmpfs -o size=64k tmpfs "${tempDir("probe-")}"`], { encoding: "utf8" });
  if (probe.error) return probe.error.message;
  return probe.status === 0 ? null : probe.stderr.trim() || `unshare exited ${probe.status}`;
}

const unavailable = namespaceUnavailable();
if (unavailable) process.stderr.write(`disk-full fault skipped: no private mount namespace here (${unavailable})\n`);

it.skipIf(unavailable !== null)("a full disk under SQLite: the person is told nothing was saved and their text is kept, nothing half-written, the next turn after space is freed is stored, integrity ok", () => {
  const dir = tempDir("disk-full-");
  const script = `mount -t tmpfs -o size=4m tmpfs "$DATA_DIR" && exec "${process.execPath}" --import "${TSX_LOADER}" "${CHILD}"`;
  const run = spawnSync("unshare", ["--user", "--map-root-user", "--mount", "sh", "-c", script], { cwd: ROOT, env: { ...process.env, DATA_DIR: dir }, encoding: "utf8", timeout: 120_000 });
  expect(run.status, run.stderr).toBe(0);
  const result = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as {
    before: { text: string; failed: boolean };
    whileFull: { text: string; failed: boolean }[];
    after: { text: string; failed: boolean };
    notesWhileFull: number;
    notesAfter: number;
    caseRefs: string[];
    integrity: string[];
    auditGaps: number;
    logged: string[];
  };
  const full = loadPrompts().say("error.storage-full");
  process.stdout.write(
    `[faults] disk full (4 MB tmpfs, ENOSPC): ${result.whileFull.filter((r) => r.text === full).length}/${result.whileFull.length} turns told "${full}", ` +
      `${result.notesWhileFull - 1} notes stored while full, after freeing space the next turn ${result.after.failed ? "failed" : "stored"} (${result.notesAfter} notes), ` +
      `integrity_check ${result.integrity.join()}, ${result.auditGaps} audit chain gaps; logged ${result.logged.join(", ")}\n`,
  );
  expect(result.before.failed).toBe(false);
  expect(result.whileFull.map((r) => r.text)).toEqual(Array(result.whileFull.length).fill(full));
  expect(result.notesWhileFull).toBe(1);
  expect(result.after.failed).toBe(false);
  expect(result.caseRefs).toEqual(["8101-DF", "8301-DF"]);
  expect(result.integrity).toEqual(["ok"]);
  expect(result.auditGaps).toBe(0);
});
