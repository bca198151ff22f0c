import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { processLogger } from "../../src/logger.ts";
import { tempDir } from "../support/spawn.ts";

// Issue 14 item 6: JSON log lines were printed into the console's conversation.
// Issue 15 item 5: without the console, JSON lines on stdout (one object per line).
describe("where the log goes", () => {
  it("while the console talks on the terminal, goes to DATA_DIR/oversight.log, not the screen", () => {
    const dataDir = path.join(tempDir("bot-log-"), "data");
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const { log, file } = processLogger({ consoleOn: true, dataDir });
      log.info("server.started", { url: "http://127.0.0.1:1" });
      log.error("console.failed", { type: "Error" });
      expect(stdout).not.toHaveBeenCalled();
      expect(stderr).not.toHaveBeenCalled();
      expect(file).toBe(path.join(dataDir, "oversight.log"));
      const lines = readFileSync(file!, "utf8").trim().split("\n").map((l) => JSON.parse(l));
      expect(lines).toMatchObject([{ level: "info", event: "server.started" }, { level: "error", event: "console.failed", type: "Error" }]);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  });

  it("is one JSON object per line on stdout when the console is off, nothing on stderr", () => {
    const dataDir = tempDir("bot-log-");
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const { log, file } = processLogger({ consoleOn: false, dataDir });
      log.info("server.started", { url: "http://127.0.0.1:1" });
      log.warn("scheduler.startup-repaired", { noteId: "k7m2q9x", reminders: 2 });
      expect(file).toBeNull();
      expect(stderr).not.toHaveBeenCalled();
      const written = stdout.mock.calls.map((call) => String(call[0]));
      expect(written.every((line) => /^\{.*\}\n$/.test(line))).toBe(true);
      expect(written.map((line) => JSON.parse(line))).toEqual([
        { at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), level: "info", event: "server.started", url: "http://127.0.0.1:1" },
        { at: expect.any(String), level: "warn", event: "scheduler.startup-repaired", noteId: "k7m2q9x", reminders: 2 },
      ]);
      expect(existsSync(path.join(dataDir, "oversight.log"))).toBe(false);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  });
});
