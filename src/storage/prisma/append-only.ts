import type { Logger } from "../../logger.ts";
import { appendAuditEntries } from "./prisma-audit.ts";
import type { Db } from "./prisma-db.ts";
import type { Migration } from "./migrate.ts";

/**
 * The append-only guards (docs/design.md#the-record-and-the-audit-trail): the triggers that refuse a change
 * to the audit trail, a recorded version or a comment. The migrations make them; someone with
 * the database's keys can drop them. At every start-up the bot compares what the database has
 * with what its migrations made and puts back whatever is missing or changed (migrate.ts,
 * migrate-postgres.ts); open-sqlite.ts and open-postgres.ts then log and audit that as an
 * alarm. The expected definitions are read from the migrations themselves (each guard as the
 * last migration that made it left it), so a migration that changes a guard changes this too.
 */
export interface Guard {
  /** The trigger's (or, on PostgreSQL, the trigger function's) name. */
  name: string;
  kind: "trigger" | "function";
  /** The statement that makes it, as the migration wrote it. */
  sql: string;
}

/** The guards `migrations` (in order) leave, in the order they were made. */
export function guardsOf(migrations: readonly Migration[]): Guard[] {
  const guards = new Map<string, Guard>();
  for (const migration of migrations) {
    const sql = migration.sql.replace(/--[^\n]*/g, "");
    const found: { at: number; apply: () => void }[] = [];
    const each = (pattern: RegExp, apply: (m: RegExpExecArray) => void) => {
      for (const m of sql.matchAll(pattern)) found.push({ at: m.index, apply: () => apply(m) });
    };
    // SQLite's triggers end with END; PostgreSQL's are one line ending with ";" (their body is a function).
    each(/CREATE\s+(?:OR\s+REPLACE\s+)?TRIGGER\s+"([^"]+)"[\s\S]*?(?:\bEND;|EXECUTE\s+(?:FUNCTION|PROCEDURE)[^;]*;)/gi, (m) =>
      guards.set(`trigger:${m[1]}`, { name: m[1]!, kind: "trigger", sql: m[0] }),
    );
    each(/CREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\s+"([^"]+)"[\s\S]*?\$\$[\s\S]*?\$\$\s*;/gi, (m) => guards.set(`function:${m[1]}`, { name: m[1]!, kind: "function", sql: m[0] }));
    each(/DROP\s+TRIGGER\s+(?:IF\s+EXISTS\s+)?"([^"]+)"/gi, (m) => guards.delete(`trigger:${m[1]}`));
    each(/DROP\s+FUNCTION\s+(?:IF\s+EXISTS\s+)?"([^"]+)"/gi, (m) => guards.delete(`function:${m[1]}`));
    for (const step of found.sort((a, b) => a.at - b.at)) step.apply();
  }
  return [...guards.values()];
}

/** A statement's text without its layout, to compare what the database kept with what a migration wrote. */
export function sameStatement(a: string, b: string): boolean {
  const plain = (s: string) => s.replace(/\s+/g, " ").replace(/\s*;\s*$/, "").trim().toLowerCase();
  return plain(a) === plain(b);
}

/** The body between a function's $$ quotes. */
export function functionBody(sql: string): string {
  return /\$\$([\s\S]*?)\$\$/.exec(sql)?.[1] ?? "";
}

/**
 * The alarm for guards put back at start-up: someone removed or changed them, which the bot
 * cannot undo for what was done meanwhile (`audit verify` tells whether the record was
 * touched). Logged as an error and audited.
 */
export async function raiseGuardAlarm(db: Db, restored: readonly string[], at: Date, log: Logger): Promise<void> {
  if (restored.length === 0) return;
  log.error("audit.guards-restored", { guards: restored.join(","), advice: "the append-only guards were missing or changed and have been put back; run `audit verify`" });
  await db.inTransaction((tx) =>
    appendAuditEntries(tx, [{ at, actorId: null, action: "audit.guards-restored", entityType: "database", entityId: "append-only", detail: { guards: [...restored] } }]),
  );
}
