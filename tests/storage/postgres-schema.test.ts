import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { POSTGRES_SCHEMA, postgresSchema, SQLITE_SCHEMA } from "../../prisma/postgres-schema.ts";
import { emptyPostgresUrl, freshPostgresUrl, postgresTests } from "../support/postgres.ts";

describe("the PostgreSQL schema", () => {
  it("is generated from schema.prisma as it is now (run `npm run db:schemas` after editing schema.prisma)", () => {
    expect(readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8")));
  });

  it("differs from schema.prisma only in its provider, client folder and literal url", () => {
    const sqlite = readFileSync(SQLITE_SCHEMA, "utf8").split("\n");
    const postgres = readFileSync(POSTGRES_SCHEMA, "utf8").split("\n").slice(1); // its GENERATED line
    const changed = sqlite.filter((line, i) => line !== postgres[i]).map((line) => line.trim().split(/\s+/)[0]);
    expect(changed).toEqual(["output", "provider", "url"]);
  });
});

postgresTests("the PostgreSQL migrations", () => {
  it("build the database schema.postgres.prisma describes: tables, columns, types, defaults, keys and indexes", async () => {
    const migrated = await freshPostgresUrl();
    const fromSchema = await emptyPostgresUrl();
    const script = spawnSync(
      path.resolve("node_modules/.bin/prisma"),
      ["migrate", "diff", "--from-empty", "--to-schema-datamodel", POSTGRES_SCHEMA, "--script"],
      { encoding: "utf8", env: { ...process.env, DATABASE_URL: "file:./data/unused-by-diff.db" } },
    );
    expect(script.status, script.stderr).toBe(0);
    await run(fromSchema, script.stdout);
    const [want, got] = [await shape(fromSchema), await shape(migrated)];
    expect(want.length).toBeGreaterThan(100);
    expect({ missing: want.filter((line) => !got.includes(line)), unexpected: got.filter((line) => !want.includes(line)) }).toEqual({ missing: [], unexpected: [] });
    expect(got).toEqual(want);
  });

  it("keep the record append-only in the database itself", async () => {
    const url = await freshPostgresUrl();
    await run(url, `INSERT INTO "AuditEntry" ("seq","at","actorId","action","entityType","entityId","detail","prevHash","hash") VALUES (1, now(), NULL, 'a', 'note', 'n1', '{}', '', 'h')`);
    await expect(run(url, `UPDATE "AuditEntry" SET "action" = 'b'`)).rejects.toThrow(/AuditEntry is append-only/);
    await expect(run(url, `DELETE FROM "AuditEntry"`)).rejects.toThrow(/AuditEntry is append-only/);
  });

  it("let a note's versions and comments go only once the note is purged (retention), and never be changed", async () => {
    const url = await freshPostgresUrl();
    await run(url, `
      INSERT INTO "Note" ("id","kind","status","discussedAt","createdAt","createdById","version","content","updatedAt") VALUES ('n1','ad-hoc','on-case-record',now(),now(),'p',1,'{}',now());
      INSERT INTO "NoteRevision" ("noteId","version","at","byId","kind","content") VALUES ('n1',1,now(),'p','recorded','{}');
      INSERT INTO "NoteComment" ("id","noteId","at","byId","kind","text") VALUES ('c1','n1',now(),'p','comment','x');`);
    await expect(run(url, `DELETE FROM "NoteRevision"`)).rejects.toThrow(/NoteRevision is append-only/);
    await expect(run(url, `DELETE FROM "NoteComment"`)).rejects.toThrow(/NoteComment is append-only/);
    await run(url, `UPDATE "Note" SET "purgedAt" = now()`);
    await expect(run(url, `UPDATE "NoteRevision" SET "content" = 'changed'`)).rejects.toThrow(/NoteRevision is append-only/);
    await expect(run(url, `UPDATE "NoteComment" SET "text" = 'changed'`)).rejects.toThrow(/NoteComment is append-only/);
    await run(url, `DELETE FROM "NoteRevision"; DELETE FROM "NoteComment";`);
  });
});

async function run(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The database's tables as lines: each column with its type, nullability and default; each constraint and index. */
async function shape(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query<{ line: string }>(`
      SELECT table_name || '.' || column_name || ' ' || data_type || coalesce('(' || datetime_precision || ')', '') || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS line
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`);
    const indexes = await client.query<{ line: string }>(`SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`);
    const constraints = await client.query<{ line: string }>(`
      SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS line
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'`);
    return [...columns.rows, ...indexes.rows, ...constraints.rows].map((r) => r.line).sort();
  } finally {
    await client.end();
  }
}
