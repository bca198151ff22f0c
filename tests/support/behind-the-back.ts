// SQL run on a test database as someone holding the file or a login would: not through the bot.
import Database from "better-sqlite3";
import pg from "pg";

/** Runs `statements` in order on the database at `url` (a SQLite file URL or a PostgreSQL URL). */
export async function behindTheBack(url: string, statements: string[]): Promise<void> {
  if (url.startsWith("file:")) {
    const db = new Database(url.replace(/^file:/, ""));
    try {
      for (const sql of statements) db.exec(sql);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}
