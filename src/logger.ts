import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";

/** Structured log lines. Callers pass ids, codes and timings only: never case content or names. */
export interface Logger {
  info(event: string, fields?: Record<string, string | number | boolean>): void;
  /** Something was wrong and has been put right (e.g. the start-up check repaired a note's reminders). */
  warn(event: string, fields?: Record<string, string | number | boolean>): void;
  error(event: string, fields?: Record<string, string | number | boolean>): void;
}

/** One JSON object per line: `{"at":"2026-11-24T11:00:00.000Z","level":"info","event":"server.started",…}`, on stdout unless told where. */
export function jsonLogger(write: (line: string) => void = (line) => process.stdout.write(line + "\n")): Logger {
  const log = (level: string) => (event: string, fields: Record<string, string | number | boolean> = {}) =>
    write(JSON.stringify({ at: new Date().toISOString(), level, event, ...fields }));
  return { info: log("info"), warn: log("warn"), error: log("error") };
}

/** JSON lines on stderr: for the CLI, whose stdout is its answer. */
export const stderrLogger: Logger = jsonLogger((line) => process.stderr.write(line + "\n"));

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** The file under DATA_DIR the log goes to while the console has the terminal. */
export const CONSOLE_LOG_FILE = "oversight.log";

/**
 * The process's log: JSON lines on stdout, where a container platform or a process manager
 * collects them; unless the console is on, which talks on stdout: then they are appended to
 * DATA_DIR/oversight.log, so they never land in the middle of someone's conversation. `file`
 * says where, to tell the person once.
 */
export function processLogger(opts: { consoleOn: boolean; dataDir: string }): { log: Logger; file: string | null } {
  if (!opts.consoleOn) return { log: jsonLogger(), file: null };
  const file = path.join(opts.dataDir, CONSOLE_LOG_FILE);
  mkdirSync(opts.dataDir, { recursive: true });
  // Appended line by line (synchronously): the last lines before an exit are not lost.
  return { log: jsonLogger((line) => appendFileSync(file, line + "\n")), file };
}
