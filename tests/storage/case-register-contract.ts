import { beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain, type AuditRecord } from "../../src/domain/audit.ts";
import type { CaseChange, RegisteredCase } from "../../src/domain/case-register.ts";
import type { Storage } from "../../src/ports/storage.ts";
import { team } from "../support/fixtures.ts";

const T0 = new Date("2026-11-23T15:00:00Z");
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const kase = (caseRef: string, extra: Partial<RegisteredCase> = {}): RegisteredCase => ({
  caseRef, category: "cin", categorySince: "2026-09-01", workerId: "p-sam", team: "North", openedOn: "2026-09-01", closedOn: null, extension: null, createdAt: T0, updatedAt: T0, ...extra,
});
const change = (id: string, caseRef: string, field: CaseChange["field"], value: string | null, at = T0): CaseChange => ({ id, caseRef, at, byId: null, field, value, effectiveOn: "2026-09-01", reason: "import" });
const record = (entityId: string): AuditRecord => ({ at: T0, actorId: null, action: "case.create", entityType: "case", entityId, detail: { fields: ["opened"] } });

/** The CaseRegister port, the same for every Storage implementation: no implementation-specific branches. */
export function caseRegisterContract(name: string, open: () => Promise<Storage>) {
  describe(`case register contract: ${name}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await open();
      await storage.people.saveAll(team(), T0);
      return () => storage.close();
    });

    it("finds a saved case as saved, its extension's instant a Date again", async () => {
      const extension = { byId: "p-lee", at: later(5), category: "cla", rationale: "Settled with long-term carers" };
      await storage.cases.save([kase("88123", { category: "cla", extension })], [change("c1", "88123", "opened", "cla")], [record("88123")]);
      expect(await storage.cases.find("88123")).toEqual(kase("88123", { category: "cla", extension }));
      expect(await storage.cases.find("99999")).toBeNull();
      const audit = await storage.audit.list();
      expect(audit.map((e) => `${e.action}:${e.entityType}:${e.entityId}`)).toEqual(["case.create:case:88123"]);
      expect(verifyAuditChain(audit)).toMatchObject({ ok: true });
    });

    it("replaces a case saved again by its reference, keeping every change", async () => {
      await storage.cases.save([kase("4471-JB")], [change("c1", "4471-JB", "opened", "cin")]);
      await storage.cases.save([kase("4471-JB", { category: "cp", categorySince: "2026-11-20", updatedAt: later(10) })], [change("c2", "4471-JB", "category", "cp", later(10))]);
      expect(await storage.cases.find("4471-JB")).toMatchObject({ category: "cp", categorySince: "2026-11-20", createdAt: T0, updatedAt: later(10) });
      expect((await storage.cases.history("4471-JB")).map((c) => c.id)).toEqual(["c1", "c2"]);
      expect(await storage.cases.list()).toHaveLength(1);
    });

    it("gives a case's history oldest first, changes made together in field order whatever their ids", async () => {
      await storage.cases.save([kase("4471-JB")], [change("z9", "4471-JB", "team", "North"), change("m5", "4471-JB", "worker", "p-sam"), change("q1", "4471-JB", "opened", "cin")]);
      await storage.cases.save([kase("4471-JB", { closedOn: "2026-11-23" })], [change("a1", "4471-JB", "closed", "2026-11-23", later(1))]);
      await storage.cases.save([kase("5521-KT")], [change("b1", "5521-KT", "opened", "cin")]);
      expect((await storage.cases.history("4471-JB")).map((c) => c.field)).toEqual(["opened", "worker", "team", "closed"]);
      expect(await storage.cases.history("4471-JB")).toContainEqual(change("a1", "4471-JB", "closed", "2026-11-23", later(1)));
      expect(await storage.cases.history("0000")).toEqual([]);
    });

    it("lists cases by reference, by worker, workers, team and open or closed", async () => {
      await storage.cases.save(
        [kase("5521-KT", { workerId: "p-priya" }), kase("4471-JB"), kase("88123", { closedOn: "2026-10-01" }), kase("6000-AB", { workerId: "p-out", team: "South" }), kase("7000-CD", { workerId: null, team: null })],
        [],
      );
      const refs = async (filter?: Parameters<Storage["cases"]["list"]>[0]) => (await storage.cases.list(filter)).map((c) => c.caseRef);
      expect(await refs()).toEqual(["4471-JB", "5521-KT", "6000-AB", "7000-CD", "88123"]);
      expect(await refs({ workerId: "p-sam" })).toEqual(["4471-JB", "88123"]);
      expect(await refs({ workerIds: ["p-sam", "p-out"] })).toEqual(["4471-JB", "6000-AB", "88123"]);
      expect(await refs({ team: "North" })).toEqual(["4471-JB", "5521-KT", "88123"]);
      expect(await refs({ open: true })).toEqual(["4471-JB", "5521-KT", "6000-AB", "7000-CD"]);
      expect(await refs({ open: false, workerId: "p-sam" })).toEqual(["88123"]);
    });

    it("stores nothing of a save inside a transaction that throws", async () => {
      const failure = new Error("the process died here");
      await expect(
        storage.transaction(async (tx) => {
          await tx.cases.save([kase("4471-JB")], [change("c1", "4471-JB", "opened", "cin")], [record("4471-JB")]);
          expect(await tx.cases.find("4471-JB")).not.toBeNull();
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await storage.cases.find("4471-JB")).toBeNull();
      expect(await storage.cases.history("4471-JB")).toEqual([]);
      expect(await storage.audit.list()).toEqual([]);
    });
  });
}
