import { parse } from "csv-parse/sync";

/** A problem in an imported file: its line (1 is the header), the column when there is one, and what is wrong. */
export interface CsvProblem {
  line: number;
  column: string | null;
  problem: string;
}

/** A data row: its cells by column name, and the line it ends on. */
export interface CsvRecord {
  record: Record<string, string>;
  line: number;
}

export interface CsvShape {
  /** Every column the file may have (header names are trimmed, lower-cased, spaces as "_"). */
  columns: readonly string[];
  required: readonly string[];
  /** Said of a column that is not one of `columns`, e.g. "is not a roster column (handle, name, …)". */
  unknownColumn: string;
  /** Said when the file has a header and no rows, e.g. "the file has no people in it". */
  empty: string;
}

/**
 * Reads an import file's rows, or says everything wrong with the file as a whole: not CSV, an
 * unknown column, a required one missing, no rows. The rows' own values are the importer's to check.
 */
export function readCsv(csv: string, shape: CsvShape): CsvRead {
  const parsed = parseCsv(csv);
  if (!parsed.ok) return parsed;
  const { records } = parsed;
  const header = Object.keys(records[0]?.record ?? {});
  const problems: CsvProblem[] = [];
  for (const column of header) if (!shape.columns.includes(column)) problems.push({ line: 1, column, problem: shape.unknownColumn });
  for (const column of shape.required) if (records.length && !header.includes(column)) problems.push({ line: 1, column, problem: "is missing" });
  if (records.length === 0) problems.push({ line: 1, column: null, problem: shape.empty });
  return problems.length ? { ok: false, problems } : { ok: true, records };
}

export type CsvRead = { ok: true; records: CsvRecord[] } | { ok: false; problems: CsvProblem[] };

/** The rows of a CSV with a header row, whatever its columns; or why it is not CSV. */
export function parseCsv(csv: string): CsvRead {
  try {
    const records: { record: Record<string, string>; info: { lines: number } }[] = parse(csv, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase().replace(/\s+/g, "_")),
      skip_empty_lines: true,
      bom: true,
      info: true,
      relax_column_count: false,
    });
    return { ok: true, records: records.map(({ record, info }) => ({ record, line: info.lines })) };
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { ok: false, problems: [{ line, column: null, problem: `not readable as CSV: ${(error as Error).message.split(".")[0]}` }] };
  }
}
