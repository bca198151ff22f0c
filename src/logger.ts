import { appendFileSync, fstatSync, mkdirSync } from "node:fs";
import path from "node:path";

/** Structured log lines. Callers pass ids, codes and timings only: never case content or names. */
export interface Logger {
  info(event: string, fields?: Record<string, string | number | boolean>): void;
  /** Something was wrong and has been put right (e.g. the start-up check repaired a note's reminders). */
  warn(event: string, fields?: Record<string, string | number | boolean>): void;
  error(event: string, fields?: Record<string, string | number | boolean>): void;
}

export function jsonLogger(write: (line: string) => void = (line) => process.stderr.write(line + "\n")): Logger {
  const log = (level: string) => (event: string, fields: Record<string, string | number | boolean> = {}) =>
    write(JSON.stringify({ at: new Date().toISOString(), level, event, ...fields }));
  return { info: log("info"), warn: log("warn"), error: log("error") };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** The file under DATA_DIR the log goes to while the console has the terminal. */
export const CONSOLE_LOG_FILE = "oversight.log";

/**
 * The process's log: JSON lines on stderr, unless the console is on and stderr is the terminal
 * it talks on; then they are appended to DATA_DIR/oversight.log, so they never land in the
 * middle of someone's conversation. `file` says where, to tell the person once.
 */
export function processLogger(opts: { consoleOn: boolean; dataDir: string; stderrOnConsole?: boolean }): { log: Logger; file: string | null } {
  if (!opts.consoleOn || !(opts.stderrOnConsole ?? stderrIsStdoutTerminal())) return { log: jsonLogger(), file: null };
  const file = path.join(opts.dataDir, CONSOLE_LOG_FILE);
  mkdirSync(opts.dataDir, { recursive: true });
  // Appended line by line (synchronously): the last lines before an exit are not lost.
  return { log: jsonLogger((line) => appendFileSync(file, line + "\n")), file };
}

/** Whether stderr is the same terminal as stdout (where the console writes): `2>log.txt` or a second terminal is not. */
function stderrIsStdoutTerminal(): boolean {
  if (!process.stderr.isTTY) return false;
  try {
    const [out, err] = [fstatSync(1), fstatSync(2)];
    return out.rdev === err.rdev && out.ino === err.ino;
  } catch {
    return true;
  }
}
