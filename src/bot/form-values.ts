// How structured inputs travel in a form's string values, for adapters with native
// widgets (Slack's user selects and date pickers, Adaptive Card inputs). The console types
// the same strings; the core reads them back with its own parsers.
import { londonToInstant, typedLondon } from "../domain/london-time.ts";

/** One SMART action as a row of inputs: what, the owner's handle ("@sam"), and when (ISO instant). */
export interface ActionRow {
  what: string;
  owner: string;
  due: string;
}

/** "@sam: visit the family by 24/11/2026 17:00", the line the note form shows for an action. */
const ACTION_LINE = /^(@[A-Za-z0-9][\w.-]*):\s+(.*?)(?:\s+by\s+(\d\d)\/(\d\d)\/(\d{4}) (\d\d):(\d\d))?$/;
const DUE_ONLY = /^(.*?)\s+by\s+(\d\d)\/(\d\d)\/(\d{4}) (\d\d):(\d\d)$/;

/** The rows of an actions value; a line in no known shape is kept whole as the "what". */
export function actionRows(value: string): ActionRow[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const full = ACTION_LINE.exec(line);
      if (full) return { owner: full[1]!, what: full[2]!, due: full[3] ? dueOf(full.slice(3, 8)) : "" };
      const dueOnly = DUE_ONLY.exec(line);
      if (dueOnly) return { owner: "", what: dueOnly[1]!, due: dueOf(dueOnly.slice(2, 7)) };
      return { owner: "", what: line, due: "" };
    });
}

/** The actions value for rows (empty rows dropped): the inverse of actionRows. */
export function actionsValue(rows: readonly ActionRow[]): string {
  return rows
    .filter((row) => row.what.trim() || row.owner.trim() || row.due)
    .map((row) => {
      const owner = row.owner.trim();
      const due = row.due ? new Date(row.due) : null;
      const when = due && !Number.isNaN(due.getTime()) ? ` by ${typedLondon(due)}` : "";
      return `${owner ? `${owner}: ` : ""}${row.what.trim()}${when}`;
    })
    .join("\n");
}

/** The people in a person input's value ("@sam, @mo, Jo Bloggs"), each as typed. */
export function peopleIn(value: string): string[] {
  return value
    .split(/[,;\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}


function dueOf([day, month, year, hour, minute]: string[]): string {
  return londonToInstant({ year: Number(year), month: Number(month), day: Number(day), hour: Number(hour), minute: Number(minute) }).toISOString();
}
