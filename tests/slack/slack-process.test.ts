import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { FakeSlack, slackSignature } from "../support/fake-slack.ts";
import { BOT_TOKEN, SIGNING_SECRET } from "../support/slack-bot.ts";
import { runCli, startBot, tempDir } from "../support/spawn.ts";

// `npm start` with Slack's credentials set: Slack is served at /slack/events beside
// /healthz, and the scheduler runs (reminders have a platform to go to).

let fake: FakeSlack;
let bot: ReturnType<typeof startBot>;
let url: string;

beforeAll(async () => {
  fake = await FakeSlack.start();
  const dataDir = tempDir("bot-slack-");
  const roster = path.join(dataDir, "roster.csv");
  writeFileSync(roster, "handle,name,role,line_manager,team,slack_user_id\nmo,Mo Ahmed,team-manager,,North,U0MO\nsam,Sam Taylor,practitioner,mo,North,U0SAM\n");
  expect(runCli(["roster", "import", roster], { env: { DATA_DIR: dataDir } }).code).toBe(0);
  bot = startBot({ PORT: "0", DATA_DIR: dataDir, CI: "true", SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: fake.apiUrl, SWEEP_SECONDS: "1" });
  url = await bot.started;
}, 30_000);

afterAll(async () => {
  bot.child.kill("SIGTERM");
  await bot.exited;
  await fake.close();
});

// Each command has a trigger id of its own, as from Slack: one seen before is a copy.
let triggers = 0;
const command = (text: string, headers?: Record<string, string>) => {
  const body = new URLSearchParams({ command: "/oversight", text, user_id: "U0MO", user_name: "mo", team_id: "T0001", channel_id: "C2147483705", trigger_id: `13345224609.738474920.${++triggers}8088930838d88f008e0`, response_url: fake.responseUrl("c1") }).toString();
  return fetch(`${url}/slack/events`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...slackSignature(SIGNING_SECRET, body), ...headers }, body });
};

it("serves Slack at /slack/events: a signed command is answered, a badly signed one refused", async () => {
  const help = await command("help");
  expect(help.status).toBe(200);
  expect(await help.json()).toMatchObject({ response_type: "ephemeral", text: expect.stringMatching(/^Oversight bot turns a decision/) });
  const forged = await command("help", { "x-slack-signature": "v0=" + "f".repeat(64) });
  expect(forged.status).toBe(401);
  expect((await fetch(`${url}/healthz`)).status).toBe(200);
});

it("opens the pre-filled form through the Web API, with the bot token", async () => {
  const res = await command("4471-JB discussed today with <@U0SAM|sam>. Decision: visit tomorrow.");
  expect(res.status).toBe(200);
  const [open] = await fake.waitFor("views.open");
  expect(open!.token).toBe(BOT_TOKEN);
  const blocks = (open!.args.view as { blocks: { block_id?: string; element?: Record<string, unknown> }[] }).blocks;
  expect(blocks.find((b) => b.block_id === "participants")!.element).toMatchObject({ initial_users: ["U0MO", "U0SAM"] });
});

it("runs the scheduler, since reminders now have somewhere to go", () => {
  expect(bot.stdout()).toContain('"event":"scheduler.started"');
  expect(bot.stdout()).not.toContain("scheduler.idle");
  expect(bot.stdout()).toContain('"event":"slack.started","mode":"http"');
  expect(bot.stderr()).toBe("");
});
