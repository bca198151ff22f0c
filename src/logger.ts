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
