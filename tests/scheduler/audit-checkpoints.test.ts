// The scheduler anchors the audit chain: a signed checkpoint appended to the operator's file
// when the chain has grown, and the day's first sent to each auditor, once a day.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkAgainstCheckpoints } from "../../src/domain/audit-checkpoint.ts";
import { silentLogger } from "../../src/logger.ts";
import { CHECKPOINT_FILE } from "../../src/scheduler/audit-checkpoints.ts";
import { startScheduler } from "../../src/scheduler/scheduler.ts";
import { testCore } from "../support/core.ts";
import { RecordingDelivery } from "../support/recording-delivery.ts";
import { tempDir } from "../support/spawn.ts";

const key = Buffer.from("k".repeat(64));

describe("audit checkpoints from the scheduler", () => {
  it("writes one when the chain has grown, and sends the day's first to the auditors only, once", async () => {
    const { core, clock, storage } = await testCore({ now: "2026-12-01T10:00:00Z" });
    const dir = tempDir("sched-checkpoints-");
    const view = () => storage.audit.append({ at: clock.now(), actorId: "p-mo", action: "note.view", entityType: "note", entityId: "n1", detail: {} });
    await view();
    const delivery = new RecordingDelivery();
    const scheduler = await startScheduler(core, delivery, silentLogger, { intervalMs: 3600_000, checkpoints: { key, dir, everyMs: 0 } });
    try {
      await scheduler.sweepNow();
      const sentToAuditor = () => delivery.sent.filter((s) => s.text.startsWith("Audit checkpoint"));
      expect(sentToAuditor().map((s) => s.to)).toEqual(["aud"]);
      expect(sentToAuditor()[0]!.text).toContain("entry 1.");

      // The chain grew (another view): a new line reaching it; no second notice that day.
      const lines = () => readFileSync(path.join(dir, CHECKPOINT_FILE), "utf8").trim().split("\n");
      const before = lines().length;
      const viewed = await view();
      await scheduler.sweepNow();
      expect(lines().length).toBeGreaterThan(before);
      expect(JSON.parse(lines().at(-1)!).seq).toBeGreaterThanOrEqual(viewed.seq);
      expect(sentToAuditor()).toHaveLength(1);

      // The next day's first goes to the auditor again; what they were sent checks against the chain.
      clock.set("2026-12-02T10:00:00Z");
      await view();
      await scheduler.sweepNow();
      expect(sentToAuditor()).toHaveLength(2);
      const kept = sentToAuditor()[1]!.text.split("\n").at(-1)!;
      expect(checkAgainstCheckpoints(kept, await storage.audit.list(), key)).toMatchObject({ checked: 1, problems: [] });
      expect(checkAgainstCheckpoints(lines().join("\n"), await storage.audit.list(), key)).toMatchObject({ checked: lines().length, problems: [] });
    } finally {
      await scheduler.stop();
    }
  });

  it("writes nothing while the chain has not grown", async () => {
    const { core } = await testCore();
    const dir = tempDir("sched-checkpoints-");
    const scheduler = await startScheduler(core, new RecordingDelivery(), silentLogger, { intervalMs: 3600_000, checkpoints: { key, dir, everyMs: 0 } });
    await scheduler.sweepNow();
    await scheduler.stop();
    expect(() => readFileSync(path.join(dir, CHECKPOINT_FILE))).toThrow(/ENOENT/);
  });
});
