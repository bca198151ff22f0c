import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { processLogger } from "../../src/logger.ts";
import { tempDir } from "../support/spawn.ts";

// Issue 14 item 6: JSON log lines were printed into the console's conversation.
describe("where the log goes", () => {
  it("while the console talks on the terminal stderr is, goes to DATA_DIR/oversight.log, not the screen", () => {
    const dataDir = path.join(tempDir("bot-log-"), "data");
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const { log, file } = processLogger({ consoleOn: true, dataDir, stderrOnConsole: true });
      log.info("server.started", { url: "http://127.0.0.1:1" });
      log.error("console.failed", { type: "Error" });
      expect(stderr).not.toHaveBeenCalled();
      expect(file).toBe(path.join(dataDir, "oversight.log"));
      const lines = readFileSync(file!, "utf8").trim().split("\n").map((l) => JSON.parse(l));
      expect(lines).toMatchObject([{ level: "info", event: "server.started" }, { level: "error", event: "console.failed", type: "Error" }]);
    } finally {
      stderr.mockRestore();
    }
  });

  it.each([
    ["the console is off", { consoleOn: false, stderrOnConsole: true }],
    ["stderr goes elsewhere (2>log.txt)", { consoleOn: true, stderrOnConsole: false }],
  ])("stays on stderr when %s", (_, opts) => {
    const dataDir = tempDir("bot-log-");
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const { log, file } = processLogger({ ...opts, dataDir });
      log.info("server.started");
      expect(file).toBeNull();
      expect(String(stderr.mock.calls[0]?.[0])).toMatch(/^\{"at":.*"event":"server.started"\}\n$/);
      expect(existsSync(path.join(dataDir, "oversight.log"))).toBe(false);
    } finally {
      stderr.mockRestore();
    }
  });
});
