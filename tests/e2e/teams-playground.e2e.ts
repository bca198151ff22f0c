import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardControls, fillControl } from "./support/card-dom.ts";
import { isEmpty, noteValue, type Team } from "./support/note-values.ts";
import { botTexts, cardHasSubmit, cardsOf, hasSubmit, inputsOf, problemsOf, recordChat, type CardInput, type ChatRecording } from "./support/playground-chat.ts";
import { botEnv, freePort, runCli, sleep, startBot, startPlayground, stopChild, waitForOutput, type Child } from "./support/processes.ts";

// `npm run test:e2e` (scripts/e2e/run.sh): the real bot, the Microsoft 365 Agents Playground
// (a local Teams-like client) pointed at its /api/messages, and headless Chromium driving the
// Playground's page as a manager would: type a decision, complete the note card, submit it.
// Everything stays on 127.0.0.1; the page may load nothing else. On failure the temp dir
// keeps a screenshot, the page, every activity exchanged and both processes' output.

const CASE_REF = "4471-JB";
const MESSAGE = `oversight ${CASE_REF}: Sam and I agreed today at 2pm that Sam visits the family by Friday 5pm; rationale: school raised attendance concerns`;
const SUBMIT = "Record note";
const CONFIRMATION = new RegExp(`Oversight note (\\S+) on ${CASE_REF} is recorded\\.`);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);
const TEAM: Team = { manager: "alex", practitioner: "sam" };

/** Who the Playground says its user and bot are (GET /_internal/v1/config). */
interface PlaygroundConfig {
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: { id: string; name: string; aadObjectId: string };
}

describe("Teams through the Microsoft 365 Agents Playground", () => {
  const work = mkdtempSync(path.join(os.tmpdir(), "oversight-e2e-"));
  const dataDir = path.join(work, "data");
  const startedAt = Date.now();
  const steps: string[] = [];
  const step = (text: string) => {
    const line = `+${((Date.now() - startedAt) / 1000).toFixed(1)}s ${text}`;
    steps.push(line);
    console.log(`[e2e] ${line}`);
  };
  let bot: Child | undefined;
  let playground: Child | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let chat: ChatRecording | undefined;
  let config: PlaygroundConfig;
  let playgroundUrl = "";
  let failed = false;

  /** Saves what explains a run in the temp dir: the page, every activity, both processes' output. */
  const saveEvidence = async () => {
    const save = (name: string, content: string) => writeFileSync(path.join(work, name), content);
    await page?.screenshot({ path: path.join(work, "screenshot.png"), fullPage: true }).catch(() => {});
    save("page.html", (await page?.content().catch(() => "")) ?? "");
    save("chat.json", JSON.stringify(chat?.events ?? [], null, 2));
    save("activities.json", JSON.stringify(chat?.log ?? [], null, 2));
    save("bot.log", bot?.output() ?? "");
    save("playground.out", playground?.output() ?? "");
    save("steps.log", steps.join("\n") + "\n");
  };

  /** On failure: the evidence kept, and the error says where. */
  const keepEvidence = async (error: unknown) => {
    failed = true;
    await saveEvidence();
    (error as Error).message = `${(error as Error).message}\n(evidence kept in ${work}: screenshot.png, page.html, chat.json, activities.json, bot.log, playground.out, steps.log)`;
  };

  beforeAll(async () => {
    try {
      // 1. The bot (anonymous on loopback: no MicrosoftAppId) and the Playground pointed at it.
      const botPort = await freePort();
      const env = botEnv({ DATA_DIR: dataDir, PORT: String(botPort), CONSOLE: "off", SCHEDULER: "on" });
      bot = startBot(env);
      for (let attempt = 1; ; attempt++) {
        const port = await freePort();
        const cwd = path.join(work, `playground-${attempt}`);
        mkdirSync(cwd);
        playground = startPlayground({ botUrl: `http://127.0.0.1:${botPort}/api/messages`, port, cwd });
        const listening = Number((await waitForOutput(playground, /Listening on (\d+)/, 60_000))[1]);
        if (listening === port) {
          playgroundUrl = `http://127.0.0.1:${port}`;
          break;
        }
        // It moved to another port (ours was taken meanwhile): its connector URL would be wrong.
        await stopChild(playground);
        if (attempt === 3) throw new Error(`the Playground would not listen on the port asked for (${port}, got ${listening})`);
      }
      const url = (await waitForOutput(bot, /"event":"server\.started","url":"([^"]+)"/, 90_000))[1];
      step(`bot started at ${url}; playground at ${playgroundUrl}`);

      // 2. Who the Playground's user is. (Asked once the bot is up: while the bot is down
      // this request waits ~15 s for the Playground's own connection check to give up.)
      config = ((await (await fetch(`${playgroundUrl}/_internal/v1/config`)).json()) as { config: PlaygroundConfig }).config;
      step(`playground user ${config.currentUser.name} (id ${config.currentUser.id}, aadObjectId ${config.currentUser.aadObjectId}), bot ${config.bot.id}, tenant ${config.tenantId}`);

      // 3. The roster, before anyone says anything: the Playground's user is a team manager,
      // Sam a practitioner in the same team.
      const roster = path.join(work, "roster.csv");
      writeFileSync(
        roster,
        [
          "handle,name,role,line_manager,team,slack_user_id,teams_user_id,email,deputy",
          `${TEAM.manager},${config.currentUser.name},team-manager,,Children in Need North,,${config.currentUser.aadObjectId},alex.wilber@example.org,`,
          `${TEAM.practitioner},Sam Taylor,practitioner,${TEAM.manager},Children in Need North,,,sam.taylor@example.org,`,
        ].join("\n") + "\n",
      );
      const imported = await runCli(["roster", "import", roster], env);
      expect(imported.code, `roster import: ${imported.stderr}`).toBe(0);
      step(`roster imported: ${imported.stdout.trim()}`);

      // 4. Chromium on the Playground's page, able to reach nothing but loopback.
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
      const context = await browser.newContext({ viewport: { width: 1400, height: 1200 }, locale: "en-GB", timezoneId: "Europe/London" });
      const blocked: string[] = [];
      await context.route("**/*", (route) => {
        const url = new URL(route.request().url());
        if (LOOPBACK.has(url.hostname) || url.protocol === "data:" || url.protocol === "blob:") return route.continue();
        blocked.push(url.origin);
        return route.abort("blockedbyclient");
      });
      page = await context.newPage();
      chat = recordChat(page);
      await page.goto(playgroundUrl);
      await page.locator("[contenteditable=true]").first().waitFor({ timeout: 60_000 });
      step(`page loaded (requests blocked: ${[...new Set(blocked)].join(", ") || "none"})`);
    } catch (error) {
      await keepEvidence(error);
      throw error;
    }
  });

  afterAll(async () => {
    if (!failed && process.env.E2E_KEEP) {
      await saveEvidence();
      console.log(`[e2e] E2E_KEEP: evidence kept in ${work}`);
    }
    await browser?.close().catch(() => {});
    await stopChild(bot);
    await stopChild(playground);
    if (!failed && !process.env.E2E_KEEP) rmSync(work, { recursive: true, force: true });
    console.log(`[e2e] ${failed ? "failed" : "passed"} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  });

  it("records a note from a typed message: the card is completed, submitted, confirmed and made read-only, and the note is stored", async () => {
    try {
      await recordThroughCard(page!, chat!);
    } catch (error) {
      await keepEvidence(error);
      throw error;
    }
  });

  async function recordThroughCard(page: Page, chat: ChatRecording): Promise<void> {
    const botId = config.bot.id;

    // Type the decision as a manager would, in the personal chat with the bot.
    const box = page.locator("[contenteditable=true]").first();
    await box.click();
    await box.pressSequentially(MESSAGE);
    const sentAt = chat.events.length;
    await page.keyboard.press("Enter");
    step("message sent");

    let formId = (await waitFor(() => chat.events.slice(sentAt).find((e) => hasSubmit(e.message, SUBMIT))?.message.messageId, 60_000, () => `a card with "${SUBMIT}"; the bot said: ${JSON.stringify(botTexts(chat.events.slice(sentAt), botId))}`))!;

    // Complete and submit the card; a card sent back with problems is corrected and sent again.
    for (let round = 1; ; round++) {
      const form = chat.latest(formId)!;
      const card = cardsOf(form).find((c) => cardHasSubmit(c, SUBMIT))!;
      const inputs = inputsOf(card);
      step(`round ${round}: card inputs ${inputs.map((i) => `${i.id}${i.required ? "*" : ""}=${JSON.stringify(i.value)}${i.problem ? ` ⚠${JSON.stringify(i.problem)}` : ""}`).join(", ")}`);
      const toFill = planFill(inputs, round);
      if (round > 1 && toFill.length === 0) {
        throw new Error(`The form came back and there is nothing for the test to correct. Problems: ${JSON.stringify(problemsOf(card))}; the bot said: ${JSON.stringify(botTexts(chat.events.slice(sentAt), botId))}`);
      }
      if (round > 3) throw new Error(`Still not recorded after 3 submissions. Problems: ${JSON.stringify(problemsOf(card))}`);

      const cardOnPage = await renderedCard(page, inputs.length, problemsOf(card));
      const controls = await cardControls(cardOnPage, inputs);
      for (const [input, value] of toFill) {
        step(`round ${round}: ${input.id} ← ${JSON.stringify(value)}${input.problem ? ` (was: ${input.problem})` : ""}`);
        await fillControl(page, controls.get(input.id)!, input, value);
      }
      const before = chat.events.length;
      await cardOnPage.getByRole("button", { name: SUBMIT, exact: true }).click();
      await waitFor(() => chat.events.slice(before).some((e) => e.message.from?.id === botId) || undefined, 60_000, () => "any answer from the bot to the submission");
      await settle(chat);
      const answer = chat.events.slice(before);
      step(`round ${round}: the bot answered with ${answer.map((e) => `${e.action} ${e.message.messageId}`).join(", ")}`);
      // The bot may send a fresh form instead of updating this one (it should not, but follow it).
      const newForm = answer.filter((e) => e.action === "createMessage" && hasSubmit(e.message, SUBMIT)).at(-1);
      if (newForm) formId = newForm.message.messageId;
      if (!hasSubmit(chat.latest(formId), SUBMIT)) break;
    }

    logIdentity(chat);

    // The confirmation is on the page.
    const confirmation = page.getByText(CONFIRMATION).first();
    await confirmation.waitFor({ timeout: 30_000 });
    const noteId = CONFIRMATION.exec(await confirmation.innerText())![1]!;
    step(`confirmed on the page: note ${noteId}`);

    // The card was replaced in place (updateActivity) by a read-only one.
    const updates = chat.events.filter((e) => e.message.messageId === formId && e.action === "updateMessage");
    expect(updates.length, "the form card was updated in place (updateActivity), not left as it was").toBeGreaterThan(0);
    const final = cardsOf(chat.latest(formId));
    expect(final.flatMap(inputsOf), "the updated card has no inputs").toEqual([]);
    expect(hasSubmit(chat.latest(formId), SUBMIT), `the updated card has no "${SUBMIT}"`).toBe(false);
    await expect.poll(() => page.getByRole("button", { name: SUBMIT, exact: true }).count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.locator(".ac-adaptiveCard").locator("input, textarea").count(), { timeout: 10_000 }).toBe(0);

    // The note is stored as recorded, as the CLI's export shows it.
    const exported = await runCli(["export", "--case", CASE_REF, "--as", TEAM.manager, "--format", "json"], botEnv({ DATA_DIR: dataDir, CONSOLE: "off" }));
    expect(exported.code, `export: ${exported.stderr}`).toBe(0);
    const notes = (JSON.parse(exported.stdout) as { notes: Array<{ noteId: string; content: string }> }).notes.map((n) => JSON.parse(n.content) as StoredNote);
    step(`stored: ${JSON.stringify(notes.map((n) => ({ id: n.id, status: n.status, caseRef: n.caseRef, decision: n.decision, participants: n.participants.map((p) => p.handle), recorder: n.recorder?.handle })))}`);
    const note = notes.find((n) => n.id === noteId);
    expect(note, `note ${noteId} among the export of ${CASE_REF}`).toBeDefined();
    expect(note!.status).toBe("recorded");
    expect(note!.caseRef).toBe(CASE_REF);
    expect(note!.decision).toMatch(/visits the family by Friday 5pm/i);
    expect(note!.participants.map((p) => p.handle).sort()).toEqual([TEAM.manager, TEAM.practitioner].sort());
    expect(note!.recorder?.handle).toBe(TEAM.manager);

    // Nothing went wrong behind the scenes (a failed turn, a reply that could not be sent).
    expect(bot!.output().split("\n").filter((line) => line.includes('"level":"error"'))).toEqual([]);
  }

  /** What to type: required inputs left empty, and (after the first round) those showing a problem. */
  function planFill(inputs: CardInput[], round: number): Array<[CardInput, string]> {
    const wanted = new Set(inputs.filter((i) => (i.required && isEmpty(i)) || (round > 1 && i.problem)).map((i) => i.id));
    // A date and its time go together.
    for (const id of [...wanted]) {
      const base = id.replace(/--(date|time)$/, "");
      if (base !== id) for (const part of ["--date", "--time"]) if (inputs.some((i) => i.id === base + part)) wanted.add(base + part);
    }
    const plan: Array<[CardInput, string]> = [];
    for (const input of inputs) {
      if (!wanted.has(input.id)) continue;
      const value = noteValue(input, TEAM);
      if (value === null) throw new Error(`The test has no value for ${input.id} (${input.label}); it shows ${JSON.stringify(input.problem ?? "nothing")}`);
      plan.push([input, value]);
    }
    return plan;
  }

  /** Logs who the Playground's first message to the bot came from. */
  function logIdentity(chat: ChatRecording) {
    type Logged = { activityName?: string; request?: { body?: { type?: string; from?: unknown; conversation?: unknown; serviceUrl?: string; channelData?: unknown } } };
    const sent = (chat.log as Logged[]).find((l) => l.activityName === "message" && l.request?.body?.from && (l.request.body.from as { id?: string }).id !== config.bot.id);
    const body = sent?.request?.body;
    if (body) step(`activity from ${JSON.stringify(body.from)} conversation ${JSON.stringify(body.conversation)} serviceUrl ${body.serviceUrl} channelData ${JSON.stringify(body.channelData)}`);
  }
});

/** A note as `export --format json` shows it (the fields asserted on). */
interface StoredNote {
  id: string;
  status: string;
  caseRef: string | null;
  decision: string | null;
  participants: Array<{ handle: string | null }>;
  recorder: { handle: string | null } | null;
}

/** The card with the submit button as the page shows it now (the latest version of it). */
async function renderedCard(page: Page, inputCount: number, problems: string[]): Promise<Locator> {
  const card = page.locator(".ac-adaptiveCard").filter({ has: page.getByRole("button", { name: SUBMIT, exact: true }) }).last();
  await card.waitFor({ timeout: 30_000 });
  await expect.poll(() => card.locator(".ac-input-container").count(), { timeout: 10_000 }).toBe(inputCount);
  for (const problem of problems) await card.getByText(problem, { exact: true }).first().waitFor({ timeout: 10_000 });
  return card;
}

/** Polls until `check` gives a value; fails with what was awaited. */
async function waitFor<T>(check: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what()}`);
    await sleep(100);
  }
}

/** Waits until the chat has been quiet for a second (the bot's answer can be several messages). */
async function settle(chat: ChatRecording): Promise<void> {
  let seen = chat.events.length;
  for (let quiet = 0; quiet < 10; ) {
    await sleep(100);
    if (chat.events.length === seen) quiet++;
    else {
      seen = chat.events.length;
      quiet = 0;
    }
  }
}
