import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { inspectorPack, type PackFile } from "../../src/export/inspector-pack.ts";
import { november } from "../support/compliance-month.ts";

// Issue 18 item 4: the inspector pack for North, October to November 2026 (tests/support/compliance-month.ts).

function writePack(files: readonly PackFile[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "inspector-pack-"));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
    writeFileSync(path.join(dir, file.path), file.content);
  }
  return dir;
}

const verify = (dir: string) => spawnSync(process.execPath, ["audit/verify-extract.mjs", "audit/audit-extract.jsonl"], { cwd: dir, encoding: "utf8" });

describe("the inspector pack", () => {
  it("holds each month's compliance as a page with charts and as CSV, every note in the period, an audit extract, a README and a manifest", async () => {
    const { t, ids } = await november();
    const pack = await inspectorPack(t.core, await t.person("mo"), { team: "north", from: "2026-10", to: "2026-11" });
    const paths = pack.files.map((f) => f.path);
    expect(pack).toMatchObject({ team: "North", from: "2026-10", to: "2026-11", withheld: [] });
    expect(paths.filter((p) => p.startsWith("compliance/"))).toEqual(["compliance/2026-10.html", "compliance/2026-10.csv", "compliance/2026-11.html", "compliance/2026-11.csv", "compliance/summary.json"]);
    // October's note and November's five, each as text and JSON, named by case reference and id.
    expect(pack.notes).toBe(6);
    expect(paths).toContain(`notes/1003-CC_${ids.c}.txt`);
    expect(paths).toContain(`notes/1003-CC_${ids.c}.json`);
    expect(paths.filter((p) => p.startsWith("notes/"))).toHaveLength(12);
    expect(paths.some((p) => p.includes("2001-SS"))).toBe(false);
    const file = (p: string) => pack.files.find((f) => f.path === p)!.content;
    const november_ = file("compliance/2026-11.html");
    expect(november_).toContain("Compliance dashboard: North, Nov 2026");
    expect(november_).toContain('<a href="2026-10.html" rel="prev">');
    expect(november_.match(/<svg role="img"/g)).toHaveLength(2);
    expect(file("compliance/2026-11.csv").split("\r\n").filter(Boolean)).toHaveLength(6); // the header and five notes
    expect(JSON.parse(file("compliance/summary.json")).map((m: { month: string }) => m.month)).toEqual(["2026-10", "2026-11"]);
    expect(file(`notes/1002-BB_${ids.b}.txt`)).toContain("1002-BB");
    expect(JSON.parse(file(`notes/1002-BB_${ids.b}.json`))).toMatchObject({ id: ids.b });
    expect(file("README.txt")).toContain("Inspector pack: North, Oct 2026 to Nov 2026");
    expect(file("README.txt")).toMatch(/whole chain was checked: intact \(\d+ entries\)/);
    expect(file("index.html")).toContain('<a href="compliance/2026-10.html">2026-10.html</a>');

    // The manifest names every other file with its SHA-256.
    const manifest = file("MANIFEST.sha256").trim().split("\n");
    expect(manifest).toHaveLength(pack.files.length - 1);
    for (const line of manifest) {
      const [hash, name] = line.split("  ") as [string, string];
      expect(createHash("sha256").update(file(name)).digest("hex")).toBe(hash);
    }
  });

  it("extracts the audit chain from the period's start: North's notes in full, the rest as links; the script checks it, and finds a change", async () => {
    const { t, ids } = await november();
    const pack = await inspectorPack(t.core, await t.person("lee"), { team: "North", from: "2026-11", to: "2026-11" });
    const lines = pack.files.find((f) => f.path === "audit/audit-extract.jsonl")!.content.trim().split("\n").map((l) => JSON.parse(l));
    const all = await t.storage.audit.list();
    // From the first entry of 1 November (London) to the end, the pack's own export included.
    expect(lines[0].seq).toBe(all.find((e) => e.at >= new Date("2026-11-01T00:00:00Z"))!.seq);
    expect(lines.at(-1).seq).toBe(all.at(-1)!.seq);
    expect(lines.find((l) => l.action === "inspector-pack.export")).toMatchObject({ actorId: "p-lee", entityId: "North", detail: { from: "2026-11", to: "2026-11", outcome: "shown" } });
    expect(lines.some((l) => l.entityType === "note" && l.entityId === ids.b && l.action === "note.export")).toBe(true);
    // South's note is there only as links: its sequence and hashes.
    const south = all.find((e) => e.entityType === "note" && e.at >= new Date("2026-11-15T10:00:00Z") && e.at < new Date("2026-11-15T10:01:00Z"))!;
    expect(lines.find((l) => l.seq === south.seq)).toEqual({ seq: south.seq, withheld: true, prevHash: south.prevHash, hash: south.hash });

    const dir = writePack(pack.files);
    const checked = verify(dir);
    expect(checked.stdout).toContain(`OK: entries ${lines[0].seq} to ${lines.at(-1).seq} linked`);
    expect(checked.stdout).toContain(`Last hash ${all.at(-1)!.hash}`);
    expect(checked.status).toBe(0);

    const changed = lines.map((l) => (l.action === "inspector-pack.export" ? { ...l, actorId: "p-mo" } : l));
    writeFileSync(path.join(dir, "audit/audit-extract.jsonl"), changed.map((l) => JSON.stringify(l)).join("\n") + "\n");
    const tampered = verify(dir);
    expect(tampered.status).toBe(1);
    expect(tampered.stdout).toMatch(/^BROKEN at entry \d+: its content does not match its hash/);
    const dropped = lines.filter((_, i) => i !== 3);
    writeFileSync(path.join(dir, "audit/audit-extract.jsonl"), dropped.map((l) => JSON.stringify(l)).join("\n") + "\n");
    expect(verify(dir).stdout).toMatch(/^BROKEN at entry \d+: follows entry \d+/);
  });

  it("is for managers and auditors only: a practitioner is refused, and the refusal audited", async () => {
    const { t } = await november();
    await expect(inspectorPack(t.core, await t.person("sam"), { team: "North", from: "2026-10", to: "2026-11" })).rejects.toMatchObject({ code: "COMPLIANCE.NO_ACCESS" });
    expect((await t.storage.audit.list()).at(-1)).toMatchObject({ action: "inspector-pack.export", actorId: "p-sam", detail: { outcome: "refused" } });
  });
});
