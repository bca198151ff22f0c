// Fault: the bot process is killed (SIGKILL, kill -9) while turns are being taken: 150 direct
// messages, each a decision about its own case, arriving 10 at a time at the real bot process
// (as `npm start` runs it) on a SQLite file, signed as Slack signs them. The bot is killed once
// about a third are stored, with requests in flight, and started again; as Slack does, every
// delivery that got no 200 is retried (x-slack-retry-num), and the rest are delivered.
// Asserted: each message made one note (none twice), and every note is whole: its deadlines,
// its revision and its audit entry are there with it (a turn is one transaction), and the
// database is intact.
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { openStorage } from "../../src/storage/prisma/open-storage.ts";
import { FakeSlack, slackSignature } from "../support/fake-slack.ts";
import { BOT_TOKEN, SIGNING_SECRET, slackTeam } from "../support/slack-bot.ts";
import { ROOT, startBot, tempDir } from "../support/spawn.ts";

const ENTRY = path.join(ROOT, "tests/support/bot-at.ts");
const COUNT = 150;
const AT_ONCE = 10;
const KILL_AFTER_NOTES = 50;
// Tue 24 Nov 2026 11:00 London.
const NOW = "2026-11-24T11:00:00Z";
const caseRef = (i: number) => `${7400 + i}-KT`;

const running: ReturnType<typeof startBot>[] = [];
let fake: FakeSlack | undefined;
afterAll(async () => {
  for (const bot of running) bot.child.kill("SIGKILL");
  await Promise.all(running.map((bot) => bot.exited));
  await fake?.close();
});

function query<Row>(file: string, sql: string): Row[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all() as Row[];
  } finally {
    db.close();
  }
}
const count = (file: string, sql: string) => query<{ n: number }>(file, sql)[0]!.n;

/** The Events API body of direct message `i`, as Slack posts it. */
function eventBody(i: number): string {
  const ts = `1795443${String(i).padStart(3, "0")}.000100`;
  const event = { type: "message", channel_type: "im", channel: "D0MO", user: "U0MO", text: `${caseRef(i)} discussed today 10:00. Issue: new referral ${i}.`, ts, event_ts: ts };
  return JSON.stringify({ token: "x", team_id: "T0001", api_app_id: "A123456", event, type: "event_callback", event_id: `Ev0KILL${String(i).padStart(4, "0")}`, event_time: 1795443000, authorizations: [{ team_id: "T0001", user_id: "UBOT", is_bot: true }] });
}

/** Delivers event `i` to `base`: true when Slack would count it acknowledged (a 200). */
async function deliver(base: string, i: number, retry: number): Promise<boolean> {
  const body = eventBody(i);
  try {
    const res = await fetch(`${base}/slack/events`, {
      method: "POST",
      headers: { "content-type": "application/json", ...slackSignature(SIGNING_SECRET, body), ...(retry > 0 ? { "x-slack-retry-num": String(retry), "x-slack-retry-reason": "http_error" } : {}) },
      body,
    });
    await res.text();
    return res.status === 200;
  } catch {
    return false; // the connection died with the process
  }
}

async function until(test: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it(`${COUNT} direct messages, the bot SIGKILLed mid-turn and restarted, Slack retrying what was not acknowledged: one whole note per message, none twice`, async () => {
  fake = await FakeSlack.start();
  const dir = tempDir("kill-turns-");
  const file = path.join(dir, "oversight.db");
  const url = `file:${file}`;
  const storage = await openStorage(url);
  try {
    await storage.people.saveAll(slackTeam(), new Date(NOW));
  } finally {
    await storage.close();
  }
  const env = { PORT: "0", DATA_DIR: dir, DATABASE_URL: url, BOT_NOW: NOW, CI: "true", SCHEDULER: "off", SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: fake.apiUrl };

  const first = startBot(env, { entry: ENTRY });
  running.push(first);
  const firstBase = await first.started;
  const acknowledged = new Set<number>();
  let next = 0;
  let killed = false;
  // Ten senders, each taking the next message, until the bot dies under them.
  const sender = async () => {
    while (!killed && next < COUNT) {
      const i = next++;
      if (await deliver(firstBase, i, 0)) acknowledged.add(i);
    }
  };
  const senders = Array.from({ length: AT_ONCE }, sender);
  await until(() => count(file, "SELECT count(*) AS n FROM Note") >= KILL_AFTER_NOTES, `${KILL_AFTER_NOTES} notes`);
  first.child.kill("SIGKILL");
  killed = true;
  expect(await first.exited).toBeNull();
  await Promise.all(senders);
  const notesAtKill = count(file, "SELECT count(*) AS n FROM Note");
  const sentBeforeKill = next;

  const second = startBot(env, { entry: ENTRY });
  running.push(second);
  const secondBase = await second.started;
  // Slack retries every delivery that got no 200, and the messages not yet sent go now.
  const retried = Array.from({ length: sentBeforeKill }, (_, i) => i).filter((i) => !acknowledged.has(i));
  const rest = Array.from({ length: COUNT - sentBeforeKill }, (_, i) => sentBeforeKill + i);
  const queue: [number, number][] = [...retried.map((i): [number, number] => [i, 1]), ...rest.map((i): [number, number] => [i, 0])];
  await Promise.all(
    Array.from({ length: AT_ONCE }, async () => {
      for (let item = queue.shift(); item; item = queue.shift()) expect(await deliver(secondBase, item[0], item[1])).toBe(true);
    }),
  );
  // Events are acknowledged before their turn: wait for the turns of every delivery made to the restarted bot.
  const redelivered = [...retried, ...rest];
  const keys = redelivered.map((i) => `'slack:event:Ev0KILL${String(i).padStart(4, "0")}'`).join(",");
  await until(() => count(file, `SELECT count(*) AS n FROM InboundDelivery WHERE key IN (${keys})`) === redelivered.length, "every redelivery recorded");
  await fake.quiet(1_000);
  second.child.kill("SIGTERM");
  expect(await second.exited).toBe(0);

  const notes = query<{ caseRef: string }>(file, "SELECT caseRef FROM Note");
  const perCase = new Map<string, number>();
  for (const n of notes) perCase.set(n.caseRef, (perCase.get(n.caseRef) ?? 0) + 1);
  const lostIndexes = Array.from({ length: COUNT }, (_, i) => i).filter((i) => !perCase.has(caseRef(i)));
  // Known gap (tests/faults/README.md): Bolt acknowledges an Events API request before its turn
  // runs, so a message acknowledged by the killed process whose turn had not committed is never
  // retried by Slack. Counted here; anything else lost is a failure.
  const ackedNotStored = lostIndexes.filter((i) => acknowledged.has(i) && i < sentBeforeKill);
  const lost = lostIndexes.filter((i) => !ackedNotStored.includes(i)).map(caseRef);
  const twice = [...perCase.values()].filter((n) => n > 1).length;
  // Whole: every note (a draft) has its two deadlines (complete, on case record), their
  // reminders, and its audit entry: what its turn wrote in one transaction.
  const halfWritten = count(
    file,
    `SELECT count(*) AS n FROM Note n WHERE (SELECT count(*) FROM Deadline d WHERE d.noteId = n.id) <> 2
       OR NOT EXISTS (SELECT 1 FROM Reminder r JOIN Deadline d ON r.deadlineId = d.id WHERE d.noteId = n.id)
       OR NOT EXISTS (SELECT 1 FROM AuditEntry a WHERE a.entityId = n.id AND a.action = 'note.create')`,
  );
  const integrity = query<{ integrity_check: string }>(file, "PRAGMA integrity_check").map((r) => r.integrity_check);
  process.stdout.write(
    `[faults] SIGKILL during turns: killed with ${notesAtKill} notes stored, ${sentBeforeKill} messages sent, ${sentBeforeKill - acknowledged.size} unacknowledged and retried; ` +
      `after restart ${perCase.size}/${COUNT} messages have a note, ${lost.length} lost, ${ackedNotStored.length} acknowledged before their turn and lost with the process, ${twice} twice, ${halfWritten} half-written, integrity_check ${integrity.join()}\n`,
  );
  expect(sentBeforeKill).toBeLessThan(COUNT);
  expect(twice).toBe(0);
  expect(halfWritten).toBe(0);
  expect(integrity).toEqual(["ok"]);
  expect(lost).toEqual([]);
}, 300_000);
