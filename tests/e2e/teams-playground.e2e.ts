import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardControls, fillControl } from "./support/card-dom.ts";
import { isEmpty, noteValue, type Team } from "./support/note-values.ts";
import { botTexts, type CardJson, cardHasSubmit, cardsOf, elementsOf, hasSubmit, inputsOf, problemsOf, recordChat, shownText, type CardInput, type ChatEvent, type ChatMessage, type ChatRecording } from "./support/playground-chat.ts";
import { botEnv, freePort, runCli, sleep, startBot, startPlayground, stopChild, waitForOutput, type Child } from "./support/processes.ts";

// `npm run test:e2e` (scripts/e2e/run.sh): the real bot, the Microsoft 365 Agents Playground
// (a local Teams-like client) pointed at its /api/messages, and headless Chromium driving the
// Playground's page as a manager would: type a decision, complete the note card, keep it as a
// draft or submit it; then, as the days pass on the bot's clock, the reminders, escalations
// and digest the scheduler sends, and their buttons. Every card is checked as the page draws
// it: its words (typed ones literal, never Markdown), its lists one item per line, its buttons.
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
/** The bot's clock: Mon 23 Nov 2026 15:00 London (GMT), a working day; moved on by the test. */
const MONDAY = "2026-11-23T15:00:00Z";
/** The manager's own action, typed as Markdown would read it: it must come out as typed. */
const TYPED_ACTION = "*Phone* the school_office <b>";
/** Both actions are due Wed 25 Nov 2026 17:00. */
const ACTIONS_DUE = { date: "2026-11-25", time: "17:00" };
/** A decision the manager took alone (so the note is theirs to put on the case record), kept as a draft first. */
const DRAFT_CASE = "5120-KT";
const ALONE = `oversight ${DRAFT_CASE}: I decided to ask the school for a report; rationale: attendance is falling`;
const OPTIONS = ["* Visit the family this week", "Wait for the school's next report"];
/** Group supervision's first session: Fri 27 Nov 2026 at 14:00. */
const GROUP_DAY = "2026-11-27";
const GROUP_QUESTIONS = ["What would make school feel safe again?", "*Who* should ask_them <i>?"];

/** Who the Playground says its user and bot are (GET /_internal/v1/config). */
interface PlaygroundConfig {
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: { id: string; name: string; aadObjectId: string };
}

describe("Teams through the Microsoft 365 Agents Playground", () => {
  const work = mkdtempSync(path.join(os.tmpdir(), "oversight-e2e-"));
  const dataDir = path.join(work, "data");
  const clockFile = path.join(work, "clock");
  /** Moves the bot's clock (the scheduler sweeps every second). */
  const setClock = (iso: string) => {
    writeFileSync(clockFile, iso);
    step(`bot clock set to ${iso}`);
  };
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
      const env = botEnv({ DATA_DIR: dataDir, PORT: String(botPort), CONSOLE: "off", SCHEDULER: "on", SWEEP_SECONDS: "1" });
      writeFileSync(clockFile, MONDAY);
      bot = startBot(env, clockFile);
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
          // A third member, so group supervision has someone for each role.
          `priya,Priya Shah,senior-practitioner,${TEAM.manager},Children in Need North,,,priya.shah@example.org,`,
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

  /** Runs one step of the walk-through; on failure keeps the evidence. */
  const walk = (name: string, body: () => Promise<void>) =>
    it(name, async () => {
      try {
        await body();
      } catch (error) {
        await keepEvidence(error);
        throw error;
      }
    });

  let draftNoteId = "";
  let noteId = "";

  walk("the note form shows its problems under the fields; Keep as draft keeps it and shows what was typed, line by line", async () => {
    const since = await sayToBot(ALONE);
    const formId = await awaitForm(since);
    const card = await completeForm(formId, { button: "Keep as draft", also: (inputs) => (inputs.some((i) => i.id === "options") ? [[input(inputs, "options"), OPTIONS.join("\n")]] : []) });
    const kept = card.locator.getByText(/^Kept as draft (\S+) with everything you typed/).first();
    await kept.waitFor({ timeout: 30_000 });
    draftNoteId = /^Kept as draft (\S+?)[ .]/.exec(await kept.innerText())![1]!;
    step(`kept as draft ${draftNoteId}`);
    const lines = await linesOf(card.locator);
    expectInOrder(lines, ["Options considered", ...OPTIONS], "the options typed on two lines, on two lines, the chosen one's marker as typed");
    await expect.poll(() => card.locator.locator("input, textarea").count(), { timeout: 10_000 }).toBe(0);
  });

  walk("the draft, finished later, is recorded: its summary is the note as recorded", async () => {
    const since = await sayToBot(`finish ${draftNoteId}`);
    const formId = await awaitForm(since);
    const card = await completeForm(formId, { button: SUBMIT });
    await card.locator.getByText(new RegExp(`Oversight note ${draftNoteId} on ${DRAFT_CASE} is recorded\\.`)).first().waitFor({ timeout: 30_000 });
    const lines = await linesOf(card.locator);
    expectInOrder(lines, ["Options considered", "• Visit the family this week (chosen)", "• Wait for the school's next report"], "each option on its own line, the chosen one marked");
    expectInOrder(lines, ["Who was in the discussion", `• ${config.currentUser.name}`], "the participants, one per line");
  });

  walk("records a note from a typed message: the card is completed, submitted, confirmed and made read-only, its summary drawn line by line, and the note is stored", async () => {
    await recordThroughCard(page!, chat!);
  });

  walk("a reminder with its buttons: snooze, mark on case record, mark done with its outcome", async () => {
    const since = chat!.events.length;
    setClock("2026-11-24T15:00:00Z"); // Tue 15:00: the action is due tomorrow, the alone note's case record within 24 hours
    const reminder = await botCard(since, /^Reminder: your action on case 4471-JB is due Wed 25 Nov 2026 17:00 \(.*\): (.*)$/, "the action's reminder");
    expect(await linesOf(reminder), "the typed action shown as typed").toContainEqual(expect.stringMatching(new RegExp(`: ${escapeRegExp(TYPED_ACTION)}$`)));
    const record = await botCard(since, new RegExp(`^Reminder: put oversight note ${draftNoteId} on case ${DRAFT_CASE} on the child's case record by`), "the case-record reminder");

    let before = chat!.events.length;
    await reminder.getByRole("button", { name: "Snooze 1 hour", exact: true }).click();
    await botText(before, /^I will remind you again at Tue 24 Nov 2026 16:00\.$/, "the snooze confirmed");

    before = chat!.events.length;
    await record.getByRole("button", { name: "Mark on case record", exact: true }).click();
    await botText(before, new RegExp(`^Note ${draftNoteId} is marked as on the child's case record\\.$`), "marked on the case record");

    before = chat!.events.length;
    await reminder.getByRole("button", { name: "Mark done", exact: true }).click();
    const doneFormId = await awaitForm(before, "Mark done");
    const done = await completeForm(doneFormId, { button: "Mark done", also: (inputs) => [[input(inputs, "outcome"), "Called the school: attendance plan agreed."]] });
    const answer = done.locator.getByText(/^Action ".*" is done; its outcome will appear in the next note's review\.$/).first();
    await answer.waitFor({ timeout: 30_000 });
    expect(await answer.innerText()).toBe(`Action "${TYPED_ACTION}" is done; its outcome will appear in the next note's review.`);
  });

  walk("an escalation to the manager, whose button shows the note line by line", async () => {
    const since = chat!.events.length;
    setClock("2026-11-25T15:00:00Z"); // Wed 15:00: Sam has not put the note on the case record
    const escalation = await botCard(since, new RegExp(`^Overdue: oversight note ${noteId} on case 4471-JB is not on the child's case record; Sam Taylor was to put it there by`), "the escalation");
    const before = chat!.events.length;
    await escalation.getByRole("button", { name: "Show the note", exact: true }).click();
    const shown = await botCard(before, /^History$/, "the note shown");
    const lines = await linesOf(shown);
    expectInOrder(lines, ["- Visit the family this week (chosen)", "- Wait for the school's next report"], "the note's options, one per line");
    expect(lines.filter((l) => /^• .*: (captured the draft|recorded the note)/.test(l)).length, "the history, one event per line").toBeGreaterThanOrEqual(2);
  });

  walk("the manager's digest of what is overdue, one item per line", async () => {
    let since = chat!.events.length;
    setClock("2026-11-25T17:30:00Z"); // Wed 17:30: Sam's action is overdue too
    await botCard(since, /^Overdue: Sam Taylor's action on case 4471-JB was due Wed 25 Nov 2026 17:00 and is not done: /, "the action's escalation");
    since = chat!.events.length;
    setClock("2026-11-26T09:00:00Z"); // Thu 09:00: the digest
    const digest = await botCard(since, /^Still overdue \(2\), as of this morning:$/, "the digest");
    const lines = await linesOf(digest);
    expectInOrder(lines, ["Still overdue (2), as of this morning:"], "the digest's heading");
    expect(lines.filter((l) => /^• 4471-JB \(\S+\): .* – Sam Taylor, due /.test(l)), "two overdue items, each on its own line").toHaveLength(2);
    // Nothing went wrong behind the scenes (a failed turn, a reply or reminder that could not be sent).
    expect(bot!.output().split("\n").filter((line) => line.includes('"level":"error"'))).toEqual([]);
  });

  walk("group supervision: the announcement in the team channel, a stage prompt with its buttons, and the group note", async () => {
    // The team's channels, as Teams tells a bot added to a team: open one in the Playground.
    await page!.getByText("General", { exact: true }).first().click();
    // The bot has answered the team's conversationUpdate once it has read and kept the team's channels.
    type Logged = { activityName?: string; response?: { statusCode?: number }; request?: { body?: { conversation?: { conversationType?: string } } } };
    await waitFor(
      () => (chat!.log as Logged[]).some((l) => l.activityName === "conversationUpdate" && l.request?.body?.conversation?.conversationType === "channel" && l.response?.statusCode === 200) || undefined,
      60_000,
      () => "the bot told of the team (a conversationUpdate in its channel, answered)",
    );
    await page!.getByText("Personal Chat", { exact: true }).first().click();
    await page!.locator("[contenteditable=true]").first().waitFor({ timeout: 30_000 });

    let since = await sayToBot("group setup");
    const seriesForm = await awaitForm(since, "Save the series");
    const series = await completeForm(seriesForm, {
      button: "Save the series",
      also: (inputs) => {
        const channel = input(inputs, "channel");
        const general = channel.choices.find((c) => /General/.test(c.title));
        step(`channels offered: ${JSON.stringify(channel.choices.map((c) => c.title))}`);
        if (!general) throw new Error(`The series form offers no team channel: ${JSON.stringify(channel.choices)}`);
        return [
          [input(inputs, "first--date"), GROUP_DAY],
          [input(inputs, "first--time"), "14:00"],
          [channel, general.value],
        ];
      },
    });
    const listed = await linesOf(series.locator);
    step(`the series: ${JSON.stringify(listed)}`);
    const first = listed.map((l) => /^• Fri 27 Nov 2026 14:00 \((\S+)\): /.exec(l)?.[1]).find(Boolean);
    expect(first, "the first session, on a line of its own").toBeDefined();
    const sessionId = first!;

    since = await sayToBot(`group assign ${sessionId} presenter @${TEAM.manager}`);
    await botText(since, /^Roles set\. /, "the manager presents");
    since = await sayToBot(`group announce ${sessionId}`);
    await botText(since, /^The roles for Fri 27 Nov 2026 14:00 are posted in the team channel again\.$/, "the announcement posted");
    await page!.getByText("General", { exact: true }).first().click();
    const announcement = page!.locator(".ac-adaptiveCard").filter({ hasText: /presents, .* facilitates and .* is the advisor\./ }).last();
    await announcement.waitFor({ timeout: 30_000 });
    expect(await linesOf(announcement), "the announcement's two lines").toEqual([
      expect.stringMatching(/^Signs of Safety group supervision on Fri 27 Nov 2026 14:00: Alex Wilber presents, .* facilitates and .* is the advisor\.$/),
      "If you cannot take your role, swap with a willing colleague.",
    ]);
    await page!.getByText("Personal Chat", { exact: true }).first().click();
    await page!.locator("[contenteditable=true]").first().waitFor({ timeout: 30_000 });

    setClock(`${GROUP_DAY}T14:00:00Z`);
    since = await sayToBot(`group stage ${sessionId} next`);
    const stage1 = await botCard(since, /^Stage 1 of 8: /, "the first stage");
    expect((await linesOf(stage1)).slice(0, 2), "the stage's heading and its prompt, each on its own line").toEqual([expect.stringMatching(/^Stage 1 of 8: /), expect.stringMatching(/^Presenter: say the one question/)]);
    since = chat!.events.length;
    await stage1.getByRole("button", { name: "Next stage", exact: true }).click();
    const stage2 = await botCard(since, /^Stage 2 of 8: /, "the second stage, from the button");
    await stage2.getByRole("button", { name: "Back a stage", exact: true }).waitFor({ timeout: 10_000 });

    since = await sayToBot(`group note ${sessionId}`);
    const noteForm = await awaitForm(since, "Record group note");
    const note = await completeForm(noteForm, {
      button: "Record group note",
      also: (inputs) => [
        [input(inputs, "questions"), GROUP_QUESTIONS.join("\n")],
        [input(inputs, "issue"), "Attendance has fallen since September."],
        [input(inputs, "insights"), "Ask the school what changed."],
        // Each child discussed, with what was decided for them: here the presented case alone.
        [input(inputs, "children--0--caseRef"), "4471-JB"],
        [input(inputs, "children--0--decision"), "Meet the school before the review."],
      ],
    });
    await note.locator.getByText(/^Oversight note \S+ on 4471-JB is recorded\.$/).first().waitFor({ timeout: 30_000 });
    const lines = await linesOf(note.locator);
    step(`the group note reads: ${JSON.stringify(lines)}`);
    expectInOrder(lines, ["Questions (yours and the group's)", ...GROUP_QUESTIONS], "the questions typed on two lines, on two lines, as typed");
    // Nothing went wrong behind the scenes.
    expect(bot!.output().split("\n").filter((line) => line.includes('"level":"error"'))).toEqual([]);
  });

  async function recordThroughCard(page: Page, chat: ChatRecording): Promise<void> {
    const since = await sayToBot(MESSAGE);
    const formId = await awaitForm(since);
    const card = await completeForm(formId, { button: SUBMIT, also: actionRows });
    logIdentity(chat);

    // The confirmation is on the page.
    const confirmation = page.getByText(CONFIRMATION).first();
    await confirmation.waitFor({ timeout: 30_000 });
    noteId = CONFIRMATION.exec(await confirmation.innerText())![1]!;
    step(`confirmed on the page: note ${noteId}`);

    // The card was replaced in place (updateActivity) by a read-only one.
    const updates = chat.events.filter((e) => e.message.messageId === card.formId && e.action === "updateMessage");
    expect(updates.length, "the form card was updated in place (updateActivity), not left as it was").toBeGreaterThan(0);
    const final = cardsOf(chat.latest(card.formId));
    expect(final.flatMap(inputsOf), "the updated card has no inputs").toEqual([]);
    expect(hasSubmit(chat.latest(card.formId), SUBMIT), `the updated card has no "${SUBMIT}"`).toBe(false);
    await expect.poll(() => page.getByRole("button", { name: SUBMIT, exact: true }).count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.locator(".ac-adaptiveCard").locator("input, textarea").count(), { timeout: 10_000 }).toBe(0);

    // The summary as the page draws it: each list's items on lines of their own, typed words as typed.
    const lines = await linesOf(card.locator);
    step(`the summary reads: ${JSON.stringify(lines)}`);
    expectInOrder(lines, ["Options considered", "• Visit the family this week (chosen)", "• Wait for the school's next report"], "each option on its own line, the chosen one marked");
    expectInOrder(lines, ["Who was in the discussion", `• ${config.currentUser.name}`, "• Sam Taylor"], "the participants, one per line");
    expectInOrder(lines, ["Actions"], "the actions' heading");
    const actions = lines.slice(lines.indexOf("Actions") + 1);
    expect(actions, "each action on its own line, the typed one as typed").toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^• ${escapeRegExp(TYPED_ACTION)} – ${config.currentUser.name} – by Wed 25 Nov 2026 17:00 \\(action \\S+\\)$`)),
        expect.stringMatching(/^• .*visit.* – Sam Taylor – by Wed 25 Nov 2026 17:00 \(action \S+\)$/i),
      ]),
    );

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

  /** Types a message to the bot in the personal chat; returns where the chat was before it. */
  async function sayToBot(text: string): Promise<number> {
    const box = page!.locator("[contenteditable=true]").first();
    await box.click();
    await box.pressSequentially(text);
    const since = chat!.events.length;
    await page!.keyboard.press("Enter");
    step(`said ${JSON.stringify(text)}`);
    return since;
  }

  /** The id of the first card with a `submit` button the bot sent after `since`. */
  async function awaitForm(since: number, submit = SUBMIT): Promise<string> {
    return (await waitFor(
      () => chat!.events.slice(since).find((e) => e.message.from?.id === config.bot.id && hasSubmit(e.message, submit))?.message.messageId,
      60_000,
      () => `a card with "${submit}"; the bot said: ${JSON.stringify(botTexts(chat!.events.slice(since), config.bot.id))}`,
    ))!;
  }

  /**
   * Completes a form card and presses `button` until it is no longer a form (a card sent back
   * with problems is corrected and sent again): what is required and empty, what shows a
   * problem, and in the first round `also`. Returns the card as it ends, on the page.
   */
  async function completeForm(formId: string, opts: { button: string; also?: (inputs: CardInput[]) => Array<[CardInput, string]> }): Promise<{ formId: string; locator: Locator }> {
    const botId = config.bot.id;
    for (let round = 1; ; round++) {
      const form = chat!.latest(formId)!;
      const card = cardsOf(form).find((c) => cardHasSubmit(c, opts.button))!;
      const inputs = inputsOf(card);
      step(`round ${round}: card inputs ${inputs.map((i) => `${i.id}${i.required ? "*" : ""}=${JSON.stringify(i.value)}${i.problem ? ` ⚠${JSON.stringify(i.problem)}` : ""}`).join(", ")}`);
      const extra = round === 1 && opts.also ? opts.also(inputs) : [];
      const toFill = [...planFill(inputs, round).filter(([i]) => !extra.some(([e]) => e.id === i.id)), ...extra];
      if (round > 1 && toFill.length === 0) {
        throw new Error(`The form came back and there is nothing for the test to correct. Problems: ${JSON.stringify(problemsOf(card))}; the bot said: ${JSON.stringify(botTexts(chat!.events.slice(-5), botId))}`);
      }
      if (round > 3) throw new Error(`Still not accepted after 3 submissions. Problems: ${JSON.stringify(problemsOf(card))}`);

      const cardOnPage = await renderedCard(page!, opts.button, inputs.length, problemsOf(card));
      const controls = await cardControls(cardOnPage, inputs);
      for (const [input, value] of toFill) {
        step(`round ${round}: ${input.id} ← ${JSON.stringify(value)}${input.problem ? ` (was: ${input.problem})` : ""}`);
        await fillControl(page!, controls.get(input.id)!, input, value);
      }
      const before = chat!.events.length;
      await cardOnPage.getByRole("button", { name: opts.button, exact: true }).click();
      await waitFor(() => chat!.events.slice(before).some((e) => e.message.from?.id === botId) || undefined, 60_000, () => "any answer from the bot to the submission");
      await settle(chat!);
      const answer = chat!.events.slice(before);
      step(`round ${round}: the bot answered with ${answer.map((e) => `${e.action} ${e.message.messageId}`).join(", ")}`);
      // The bot may send a fresh form instead of updating this one (it should not, but follow it).
      const newForm = answer.filter((e) => e.action === "createMessage" && hasSubmit(e.message, opts.button)).at(-1);
      if (newForm) formId = newForm.message.messageId;
      if (!hasSubmit(chat!.latest(formId), opts.button)) return { formId, locator: await pageCard(chat!.latest(formId)!) };
    }
  }

  /**
   * The action rows to fill in the first round: the manager's own action (typed as Markdown
   * would read it) and Sam's visit, both due Wed 25 Nov 17:00. A row the bot already filled
   * for Sam keeps its words and gets that due date.
   */
  function actionRows(inputs: CardInput[]): Array<[CardInput, string]> {
    const rows = [...new Set(inputs.map((i) => /^actions--(\d+)--what$/.exec(i.id)?.[1]).filter((n): n is string => n !== undefined))];
    const part = (row: string, name: string) => input(inputs, `actions--${row}--${name}`);
    const isEmptyRow = (row: string) => ["what", "owner", "date"].every((name) => isEmpty(part(row, name)));
    const samRow = rows.find((row) => /sam/i.test(part(row, "owner").value)) ?? rows.find(isEmptyRow);
    const alexRow = rows.find((row) => row !== samRow && isEmptyRow(row));
    if (!samRow || !alexRow) throw new Error(`No room in the card's action rows: ${JSON.stringify(inputs.filter((i) => i.id.startsWith("actions--")).map((i) => [i.id, i.value]))}`);
    const due = (row: string): Array<[CardInput, string]> => [
      [part(row, "date"), ACTIONS_DUE.date],
      [part(row, "time"), ACTIONS_DUE.time],
    ];
    const sam: Array<[CardInput, string]> = isEmptyRow(samRow)
      ? [
          [part(samRow, "what"), "visit the family"],
          [part(samRow, "owner"), `@${TEAM.practitioner}`],
        ]
      : [];
    return [...sam, ...due(samRow), [part(alexRow, "what"), TYPED_ACTION], [part(alexRow, "owner"), `@${TEAM.manager}`], ...due(alexRow)];
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
    const now = new Date(readFileSync(clockFile, "utf8"));
    for (const input of inputs) {
      if (!wanted.has(input.id)) continue;
      const value = noteValue(input, TEAM, now);
      if (value === null) throw new Error(`The test has no value for ${input.id} (${input.label}); it shows ${JSON.stringify(input.problem ?? "nothing")}`);
      plan.push([input, value]);
    }
    return plan;
  }

  /** A card the bot sent (or updated) after `since` with a text matching `pattern`, as the page shows it. */
  async function botCard(since: number, pattern: RegExp, what: string): Promise<Locator> {
    const event = await waitFor(
      () => chat!.events.slice(since).find((e) => e.message.from?.id === config.bot.id && shownTexts(e).some((t) => pattern.test(t))),
      60_000,
      () => `${what} (${pattern}); the bot said: ${JSON.stringify(botTexts(chat!.events.slice(since), config.bot.id))}`,
    );
    step(`${what}: ${JSON.stringify(shownTexts(event))}`);
    return pageCard(chat!.latest(event.message.messageId)!);
  }

  /** A plain chat message from the bot after `since` matching `pattern`, seen on the page. */
  async function botText(since: number, pattern: RegExp, what: string): Promise<void> {
    const event = await waitFor(
      () => chat!.events.slice(since).find((e) => e.message.from?.id === config.bot.id && pattern.test((e.message.text ?? "").trim())),
      60_000,
      () => `${what} (${pattern}); the bot said: ${JSON.stringify(botTexts(chat!.events.slice(since), config.bot.id))}`,
    );
    step(`${what}: ${JSON.stringify(event.message.text)}`);
    await page!.getByText(pattern).last().waitFor({ timeout: 30_000 });
  }

  /** A message's card on the page, found by its first text (the page shows the latest version). */
  async function pageCard(message: ChatMessage): Promise<Locator> {
    const first = cardsOf(message).flatMap(elementsOf).find((e) => e.type === "TextBlock");
    if (!first) throw new Error(`message ${message.messageId} has no card with text`);
    const card = page!.locator(".ac-adaptiveCard").filter({ hasText: shownText(first).split("\n")[0]! }).last();
    await card.waitFor({ timeout: 30_000 });
    return card;
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

/** The card with `button` as the page shows it now (the latest version of it). */
async function renderedCard(page: Page, button: string, inputCount: number, problems: string[]): Promise<Locator> {
  const card = page.locator(".ac-adaptiveCard").filter({ has: page.getByRole("button", { name: button, exact: true }) }).last();
  await card.waitFor({ timeout: 30_000 });
  await expect.poll(() => card.locator(".ac-input-container").count(), { timeout: 10_000 }).toBe(inputCount);
  for (const problem of problems) await card.getByText(problem, { exact: true }).first().waitFor({ timeout: 10_000 });
  return card;
}

/** The lines a person reads in a card on the page, in order (each paragraph, fact title and value its own). */
async function linesOf(card: Locator): Promise<string[]> {
  return (await card.innerText())
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** That `expected` are lines of their own, one after another, somewhere in `lines`. */
function expectInOrder(lines: string[], expected: string[], what: string): void {
  const at = lines.indexOf(expected[0]!);
  expect(at >= 0 ? lines.slice(at, at + expected.length) : lines, what).toEqual(expected);
}

/** The texts a message's cards show (TextBlocks and facts, as the page draws them). */
function shownTexts(event: ChatEvent): string[] {
  return cardsOf(event.message)
    .flatMap(elementsOf)
    .flatMap((e) => (e.type === "TextBlock" ? [shownText(e)] : e.type === "FactSet" ? (e.facts as CardJson[]).flatMap((f) => [shownText({ text: f.title }), shownText({ text: f.value })]) : []));
}

/** A card input by id. */
function input(inputs: CardInput[], id: string): CardInput {
  const found = inputs.find((i) => i.id === id);
  if (!found) throw new Error(`The card has no input ${id}: ${inputs.map((i) => i.id).join(", ")}`);
  return found;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

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
