import { Prisma } from "./generated/client.ts";
import type { Db } from "./prisma-db.ts";

/**
 * The hot path's statements, written as SQL.
 *
 * Prisma 6.19 compiles every model query afresh in its query compiler (wasm): a one-row
 * `findUnique` costs ~0.6 ms of CPU, the same read as `$queryRaw` ~0.15 ms, and sent straight
 * to the driver adapter's transaction ~0.03 ms. So the statements a decision turn makes (the
 * commonest turn: a chat message or `/oversight` read into a draft) are these, and every turn's
 * delivery key; form submissions, the sweep, imports and exports keep Prisma's model queries. Inside a transaction they go to the driver adapter's transaction
 * that Prisma's own queries in it use (one connection, one transaction); outside, through
 * `$queryRaw`. The SQL is what SQLite and PostgreSQL both read: identifiers in double quotes
 * (the models' own names), every value bound.
 */

/** The part of a Prisma driver adapter's transaction this runs statements on. */
export interface DriverQueryable {
  readonly provider: string;
  queryRaw(query: DriverQuery): Promise<{ columnNames: string[]; columnTypes: number[]; rows: unknown[][] }>;
  executeRaw(query: DriverQuery): Promise<number>;
}
interface DriverQuery {
  sql: string;
  args: unknown[];
  argTypes: { scalarType: "string" | "int" | "float" | "boolean" | "datetime" | "unknown"; arity: "scalar" }[];
}

/** The driver adapters' column types this converts (@prisma/driver-adapter-utils' ColumnTypeEnum). */
const COLUMN = { Int32: 0, Int64: 1, Boolean: 5, DateTime: 10 } as const;

/**
 * Rows of a SELECT, typed as the caller says, with dates as Dates.
 * Example: await selectRows<{ seq: number }>(db, Prisma.sql`SELECT "seq" FROM "AuditEntry"`).
 */
export async function selectRows<Row>(db: Db, query: Prisma.Sql): Promise<Row[]> {
  const driver = db.unit?.driver;
  if (!driver) return db.q.$queryRaw<Row[]>(query);
  const { columnNames, columnTypes, rows } = await driver.queryRaw(driverQuery(driver, query));
  return rows.map((values) => {
    const row: Record<string, unknown> = {};
    columnNames.forEach((name, i) => (row[name] = fromColumn(values[i], columnTypes[i])));
    return row as Row;
  });
}

/** Runs an INSERT, UPDATE or DELETE; returns the rows it changed. */
export async function execute(db: Db, query: Prisma.Sql): Promise<number> {
  const driver = db.unit?.driver;
  return driver ? driver.executeRaw(driverQuery(driver, query)) : db.q.$executeRaw(query);
}

function driverQuery(driver: DriverQueryable, query: Prisma.Sql): DriverQuery {
  const args = query.values.map((value) => (value === undefined ? null : value));
  return { sql: driver.provider === "postgres" ? query.text : query.sql, args, argTypes: args.map(argType) };
}

function argType(value: unknown): DriverQuery["argTypes"][number] {
  const scalarType =
    value instanceof Date ? "datetime"
    : typeof value === "number" ? (Number.isInteger(value) ? "int" : "float")
    : typeof value === "boolean" ? "boolean"
    : typeof value === "string" ? "string"
    : "unknown";
  return { scalarType, arity: "scalar" };
}

function fromColumn(value: unknown, type: number | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (type === COLUMN.DateTime) return new Date(value as string | number);
  // The SQLite adapter reads integers as BigInt and hands them on as strings.
  if ((type === COLUMN.Int32 || type === COLUMN.Int64) && typeof value === "string") return Number(value);
  if (type === COLUMN.Boolean) return value === true || value === 1 || value === "1" || value === "true";
  return value;
}

/** Bound values per INSERT at most, so a statement's parameters never grow with the rows (SQLite allows 32,766; Prisma counts 999). */
const MAX_VALUES = 900;

/**
 * Inserts `rows` into `table`, every column (a row's other properties are ignored), as many
 * rows to a statement as fit under MAX_VALUES.
 * Example: insertRows(q, "NoteParticipant", [{ noteId: "n1", personId: "p1" }]).
 */
export async function insertRows<T extends Table>(db: Db, table: T, rows: readonly RowOf<T>[], onConflict?: OnConflict<T>): Promise<void> {
  const columns: readonly (keyof RowOf<T> & string)[] = COLUMNS[table];
  const names = Prisma.raw(columns.map(quoted).join(", "));
  const upsert = onConflict
    ? Prisma.raw(` ON CONFLICT (${quoted(onConflict.key)}) DO UPDATE SET ${onConflict.update.map((c) => `${quoted(c)} = excluded.${quoted(c)}`).join(", ")}`)
    : Prisma.empty;
  for (const chunk of chunks(rows, Math.max(1, Math.floor(MAX_VALUES / columns.length)))) {
    const values = chunk.map((row) => Prisma.sql`(${Prisma.join(columns.map((column) => row[column] as unknown))})`);
    await execute(db, Prisma.sql`INSERT INTO ${Prisma.raw(quoted(table))} (${names}) VALUES ${Prisma.join(values)}${upsert}`);
  }
}

/** For `insertRows`: a row whose `key` is already there has its `update` columns overwritten instead (both databases' upsert). */
export interface OnConflict<T extends Table> {
  key: (typeof COLUMNS)[T][number];
  update: readonly (typeof COLUMNS)[T][number][];
}

/** Ids per `IN (…)` list at most: a statement's bound values stay bounded however many rows a call names. */
export const MAX_IDS = 500;

/** `items` in consecutive slices of at most `size`. Example: chunks([1, 2, 3], 2) → [[1, 2], [3]]. */
export function chunks<T>(items: readonly T[], size: number = MAX_IDS): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/** Each table written by SQL (the hot path's, and the roster import's), with every one of its columns (the compiler checks none is missing). */
export const COLUMNS = {
  Person: every<Prisma.PersonGetPayload<object>>()([
    "id", "handle", "handleKey", "name", "role", "team", "lineManagerId", "deputyId", "email", "active", "workingHours", "leftAt", "startedOn", "newlyQualified", "createdAt", "updatedAt",
  ]),
  PlatformIdentity: every<Prisma.PlatformIdentityGetPayload<object>>()(["platform", "externalId", "personId"]),
  Note: every<Prisma.NoteGetPayload<object>>()([
    "id", "sourceKey", "caseRef", "kind", "status", "discussedAt", "createdAt", "createdById", "recorderId", "recordedAt", "recordedById",
    "onCaseRecordAt", "onCaseRecordById", "caseRecordRef", "lateReason", "discardedAt", "discardedById", "purgedAt", "purgedById", "purgedRule", "version", "content", "updatedAt",
  ]),
  NoteParticipant: every<Prisma.NoteParticipantGetPayload<object>>()(["noteId", "personId"]),
  NoteAction: every<Prisma.NoteActionGetPayload<object>>()(["id", "noteId", "position", "what", "ownerId", "ownerText", "dueAt", "status", "outcome", "doneAt", "doneById"]),
  NoteRevision: every<Prisma.NoteRevisionGetPayload<object>>()(["noteId", "version", "at", "byId", "kind", "reason", "content"]),
  AuditEntry: every<Prisma.AuditEntryGetPayload<object>>()(["seq", "at", "actorId", "action", "entityType", "entityId", "detail", "prevHash", "hash"]),
  Deadline: every<Prisma.DeadlineGetPayload<object>>()([
    "id", "rule", "subjectType", "subjectId", "noteId", "profileId", "fromAt", "dueAt", "explain", "source", "status", "metAt", "createdAt", "updatedAt",
  ]),
  Reminder: every<Prisma.ReminderGetPayload<object>>()([
    "id", "key", "kind", "deadlineId", "aboutId", "recipientId", "dueAt", "availableAt", "status", "attempts", "claimToken", "lastError", "sentAt", "createdAt", "message",
  ]),
} as const;

/** The tables written by SQL (the Prisma models' names). */
export type Table = keyof typeof COLUMNS;
/** A row of `table` as written: every column. */
export type RowOf<T extends Table> = { [C in (typeof COLUMNS)[T][number]]: unknown };

/** `columns`, if they name every column of Row (otherwise a compile error: `never`). */
function every<Row>() {
  return <const C extends readonly (keyof Row & string)[]>(columns: Exclude<keyof Row, C[number]> extends never ? C : never): C => columns;
}

/** A table or column name as both databases read it, case kept. */
export function quoted(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Not an identifier: ${name}`);
  return `"${name}"`;
}

/** A unique constraint refused a statement, whether Prisma sent it (P2002), its driver adapter or better-sqlite3 itself. */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2002";
  const { cause, code } = (error ?? {}) as { cause?: { kind?: unknown }; code?: unknown };
  return cause?.kind === "UniqueConstraintViolation" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
