import { beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain, type AuditRecord } from "../../src/domain/audit.ts";
import type { SupervisionAgreement, SupervisionSession } from "../../src/domain/supervision.ts";
import type { Storage } from "../../src/ports/storage.ts";
import { team } from "../support/fixtures.ts";

const T0 = new Date("2026-11-23T15:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const session = (id: string, overrides: Partial<SupervisionSession> = {}): SupervisionSession => ({
  id,
  superviseeId: "p-sam",
  supervisorId: "p-mo",
  date: "2026-11-30",
  status: "planned",
  replacesId: null,
  reason: null,
  heldAt: null,
  heldById: null,
  notesCirculatedAt: null,
  notesSignedAt: null,
  caseRecordAt: null,
  revision: 0,
  createdAt: T0,
  createdById: "p-mo",
  updatedAt: T0,
  ...overrides,
});

const agreement = (id: string, overrides: Partial<SupervisionAgreement> = {}): SupervisionAgreement => ({
  id,
  superviseeId: "p-sam",
  supervisorId: "p-mo",
  reason: "appointment",
  status: "open",
  signBy: at(28 * 24 * 60),
  supervisorSignedAt: null,
  superviseeSignedAt: null,
  reviewBy: null,
  previousId: null,
  revision: 0,
  createdAt: T0,
  updatedAt: T0,
  ...overrides,
});

const audit = (entityId: string): AuditRecord => ({ at: T0, actorId: "p-mo", action: "supervision.session-planned", entityType: "supervision-session", entityId, detail: { date: "2026-11-30" } });

/** One suite for every SupervisionRepository: no implementation-specific branches. */
export function supervisionContract(name: string, open: () => Promise<Storage>) {
  describe(`supervision contract: ${name}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await open();
      await storage.people.saveAll(team(), T0);
      return () => storage.close();
    });

    it("stores sessions with their audit records, lists them by day and filter, and finds one by id", async () => {
      await storage.supervision.addSessions([session("s2", { date: "2026-12-07" }), session("s1"), session("s3", { superviseeId: "p-priya", date: "2026-12-01" })], [audit("s1"), audit("s2")]);
      expect((await storage.supervision.sessions({ superviseeId: "p-sam" })).map((s) => s.id)).toEqual(["s1", "s2"]);
      expect((await storage.supervision.sessions({ supervisorId: "p-mo" })).map((s) => s.id)).toEqual(["s1", "s3", "s2"]);
      expect(await storage.supervision.findSession("s1")).toEqual(session("s1"));
      expect(await storage.supervision.findSession("nope")).toBeNull();
      const entries = await storage.audit.list();
      expect(entries.map((e) => e.entityId)).toEqual(["s1", "s2"]);
      expect(verifyAuditChain(entries).ok).toBe(true);
      // An id already stored fails the whole call: nothing of it is kept.
      await expect(storage.supervision.addSessions([session("s4"), session("s1")])).rejects.toThrow();
      expect(await storage.supervision.findSession("s4")).toBeNull();
    });

    it("updates a session only from the revision read, keeping who, whose and the day it was planned for", async () => {
      await storage.supervision.addSessions([session("s1")]);
      const held = { ...session("s1"), status: "held" as const, heldAt: at(60), heldById: "p-mo", updatedAt: at(60), date: "2027-01-01", supervisorId: "p-lee" };
      expect(await storage.supervision.updateSession(held, [audit("s1")])).toBe(true);
      expect(await storage.supervision.findSession("s1")).toEqual({ ...session("s1"), status: "held", heldAt: at(60), heldById: "p-mo", updatedAt: at(60), revision: 1 });
      // A second change made from the same (now stale) read is refused and writes nothing, its audit included.
      expect(await storage.supervision.updateSession({ ...held, status: "moved", reason: "late" }, [audit("s1")])).toBe(false);
      expect((await storage.supervision.findSession("s1"))?.status).toBe("held");
      expect((await storage.audit.list()).length).toBe(1);
      expect((await storage.supervision.sessions({ status: "held" })).map((s) => s.id)).toEqual(["s1"]);
    });

    it("stores agreements, lists them by supervisee and supervisor, and signs them from the revision read", async () => {
      await storage.supervision.addAgreement(agreement("a1"));
      await storage.supervision.addAgreement(agreement("a2", { superviseeId: "p-priya", createdAt: at(1) }));
      await storage.supervision.addAgreement(agreement("a3", { reason: "manager-change", supervisorId: "p-lee", previousId: "a1", createdAt: at(2) }));
      expect((await storage.supervision.agreementsOf("p-sam")).map((a) => a.id)).toEqual(["a1", "a3"]);
      expect((await storage.supervision.agreementsSupervisedBy("p-mo")).map((a) => a.id)).toEqual(["a1", "a2"]);
      const signed = { ...agreement("a1"), superviseeSignedAt: at(5), supervisorSignedAt: at(6), status: "signed" as const, reviewBy: at(365 * 24 * 60), updatedAt: at(6) };
      expect(await storage.supervision.updateAgreement(signed)).toBe(true);
      expect(await storage.supervision.findAgreement("a1")).toEqual({ ...signed, revision: 1 });
      expect(await storage.supervision.updateAgreement({ ...signed, status: "superseded" })).toBe(false);
      await expect(storage.supervision.addAgreement(agreement("a1"))).rejects.toThrow();
    });

    it("undoes a transaction's supervision writes when the transaction throws", async () => {
      await expect(
        storage.transaction(async (tx) => {
          await tx.supervision.addSessions([session("s1")], [audit("s1")]);
          await tx.supervision.addAgreement(agreement("a1"));
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      expect(await storage.supervision.findSession("s1")).toBeNull();
      expect(await storage.supervision.findAgreement("a1")).toBeNull();
      expect(await storage.audit.list()).toEqual([]);
    });
  });
}
