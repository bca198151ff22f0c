import { describe, expect, it } from "vitest";
import { chainAuditEntry, verifyAuditChain, type AuditEntry, type AuditRecord } from "../../src/domain/audit.ts";

const record = (i: number): AuditRecord => ({
  at: new Date(Date.UTC(2026, 10, 23, 9, i)),
  actorId: "p-mo",
  action: "note.view",
  entityType: "note",
  entityId: `n${i}`,
  detail: { version: 1, fields: ["issue"] },
});

function chain(length: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 0; i < length; i++) entries.push(chainAuditEntry(entries.at(-1) ?? null, record(i)));
  return entries;
}

describe("audit chain", () => {
  it("verifies an untouched chain, and an empty one", () => {
    expect(verifyAuditChain(chain(5))).toEqual({ ok: true, entries: 5 });
    expect(verifyAuditChain([])).toEqual({ ok: true, entries: 0 });
  });

  it("reports the first entry whose content was edited", () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, actorId: "p-sam" };
    expect(verifyAuditChain(entries)).toEqual({ ok: false, entries: 5, brokenAt: 3, reason: "hash-mismatch" });
  });

  it("reports an edit that recomputed the entry's own hash at the next link", () => {
    const entries = chain(5);
    const forged = { ...entries[1]!, entityId: "other" };
    entries[1] = { ...forged, hash: chainAuditEntry(entries[0]!, forged).hash };
    expect(verifyAuditChain(entries)).toMatchObject({ ok: false, brokenAt: 3, reason: "prev-mismatch" });
  });

  it("reports a deleted entry", () => {
    const entries = chain(5);
    entries.splice(3, 1);
    expect(verifyAuditChain(entries)).toMatchObject({ ok: false, brokenAt: 5, reason: "sequence-gap" });
  });

  it("does not depend on the order of detail keys", () => {
    const a = chainAuditEntry(null, { ...record(0), detail: { a: 1, b: 2 } });
    const b = chainAuditEntry(null, { ...record(0), detail: { b: 2, a: 1 } });
    expect(a.hash).toBe(b.hash);
  });
});
