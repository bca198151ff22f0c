// Benchmark: recording a note through the repository (Prisma, SQLite WAL) against a raw
// better-sqlite3 insert of the same rows (note, 2 participants, 2 actions, revision 1),
// one awaited note at a time as the bot does it. Run: npx tsx tests/bench/record.bench.ts
import path from "node:path";
import Database from "better-sqlite3";
import { actionsFor } from "../../src/domain/note-actions.ts";
import { fieldsToJson } from "../../src/domain/note-json.ts";
import { openSqliteStorage } from "../../src/storage/prisma/open-sqlite.ts";
import { migrateSqlite } from "../../src/storage/prisma/migrate.ts";
import { completeFields } from "../support/fixtures.ts";
import { tempDir } from "../support/spawn.ts";

const N = Number(process.env.BENCH_NOTES ?? 2000);
const dir = tempDir("bench-record-");
const migrations = path.resolve("prisma/migrations");
const fields = completeFields();
const at = new Date("2026-11-23T15:00:00Z");

async function throughRepository(): Promise<number> {
  const storage = await openSqliteStorage(`file:${path.join(dir, "repo.db")}`);
  const recording = { at, byId: "p-mo", recorderId: "p-mo", lateReason: null };
  const start = performance.now();
  for (let i = 0; i < N; i++) {
    await storage.notes.create({ id: `n${i}`, sourceKey: `submit:${i}`, status: "recorded", fields, createdAt: at, createdById: "p-mo", recorderId: "p-mo", recording });
  }
  const elapsed = performance.now() - start;
  await storage.close();
  return elapsed;
}

function raw(): number {
  const file = path.join(dir, "raw.db");
  migrateSqlite(file, migrations);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  const note = db.prepare(`insert into Note (id, sourceKey, caseRef, kind, status, discussedAt, createdAt, createdById, recorderId, recordedAt, recordedById, lateReason, version, content, updatedAt)
    values (?, ?, ?, ?, 'recorded', ?, ?, 'p-mo', 'p-mo', ?, 'p-mo', null, 1, ?, ?)`);
  const participant = db.prepare(`insert into NoteParticipant (noteId, personId) values (?, ?)`);
  const action = db.prepare(`insert into NoteAction (id, noteId, position, what, ownerId, ownerText, dueAt, status) values (?, ?, ?, ?, ?, ?, ?, 'open')`);
  const revision = db.prepare(`insert into NoteRevision (noteId, version, at, byId, kind, reason, content) values (?, 1, ?, 'p-mo', 'recorded', null, ?)`);
  const insert = db.transaction((id: string, i: number) => {
    const content = fieldsToJson(fields);
    const iso = at.toISOString();
    note.run(id, `submit:${i}`, fields.caseRef, fields.kind, fields.discussedAt.toISOString(), iso, iso, content, iso);
    for (const personId of fields.participantIds) participant.run(id, personId);
    for (const a of actionsFor(id, 1, fields, [])) action.run(a.id, id, a.position, a.what, a.ownerId, a.ownerText, a.dueAt?.toISOString() ?? null);
    revision.run(id, iso, content);
  });
  const start = performance.now();
  for (let i = 0; i < N; i++) insert(`n${i}`, i);
  const elapsed = performance.now() - start;
  db.close();
  return elapsed;
}

const repository = await throughRepository();
const bare = raw();
const perNote = (ms: number) => ((ms / N) * 1000).toFixed(0);
console.log(`notes recorded: ${N}`);
console.log(`repository (Prisma): ${repository.toFixed(0)} ms, ${perNote(repository)} µs/note`);
console.log(`raw better-sqlite3:  ${bare.toFixed(0)} ms, ${perNote(bare)} µs/note`);
console.log(`ratio repository/raw: ${(repository / bare).toFixed(1)}×`);
