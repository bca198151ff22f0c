import { botPort } from "../../src/bot/bot-port.ts";
import { readFileSync } from "node:fs";
import { it } from "vitest";
import { ConsoleSession } from "../../adapters/console/console-session.ts";
import { play } from "../support/console-play.ts";
import { silentLogger } from "../../src/logger.ts";
import { testCore } from "../support/core.ts";

const sample = () => readFileSync(new URL("../../adapters/console/sample-roster.csv", import.meta.url), "utf8");

it("sets up group supervision in the console, then steps a session's stages, shown as the team channel would see them", async () => {
  const { core, clock, storage } = await testCore({ now: "2026-11-23T10:00:00Z" });
  const mo = new ConsoleSession(botPort(core, silentLogger), silentLogger, sample);
  await mo.start("mo");
  await play(mo, [
    ["group", "Your team has no group supervision series yet. A manager of the team sets one up with: group setup"],
    ["group setup", /== Group supervision series ==[\s\S]*First session \(day and start time\)/],
    ["Tuesday 1 December 14:00", /First session \(day and start time\): Tuesday 1 December 14:00[\s\S]*Save the series\? yes/],
    ["channel", /Team channel for announcements \(optional\)/],
    ["north-team", /Team channel for announcements: north-team[\s\S]*Save the series\? yes/],
    ["yes", /Group supervision for North is set up\.[\s\S]*Tue 1 Dec 2026 14:00 \(\w+\): \w+ Worker presents, \w+ Worker facilitates, \w+ Worker advises; case not chosen yet[\s\S]*Tue 22 Dec 2026 14:00/],
  ]);
  const series = (await storage.groups.seriesOfTeam("North"))!;
  const [first] = await storage.groups.sessionsOf(series.id);
  const facilitator = (await storage.people.findById(first!.facilitatorId!))!.handle;

  clock.set("2026-12-01T14:05:00Z");
  const f = new ConsoleSession(botPort(core, silentLogger), silentLogger, sample);
  await f.start(facilitator);
  await play(f, [
    [`group stage ${first!.id}`, /Stage 1 of 8: The presenter's question[\s\S]*\[Next stage: group stage \w+ next\][\s\S]*\[in #north-team\]\n[\s\S]*Stage 1 of 8/],
    [`group stage ${first!.id} next`, /Stage 2 of 8: Clarifying questions[\s\S]*\[Back a stage: group stage \w+ back\]/],
    [`group stage ${first!.id} back`, /Stage 1 of 8/],
  ]);
});

it("the presenter lists each child discussed, one line each, and gets an outcome per child; a case listed twice is refused, keeping what was typed", async () => {
  const { core, clock, storage } = await testCore({ now: "2026-11-23T10:00:00Z" });
  const mo = new ConsoleSession(botPort(core, silentLogger), silentLogger, sample);
  await mo.start("mo");
  await play(mo, [
    ["group setup", null],
    ["Tuesday 1 December 14:00", null],
    ["yes", /Group supervision for North is set up\./],
  ]);
  const [first] = await storage.groups.sessionsOf((await storage.groups.seriesOfTeam("North"))!.id);
  await play(mo, [[`group assign ${first!.id} presenter @sam`, null]]);
  const sam = new ConsoleSession(botPort(core, silentLogger), silentLogger, sample);
  await sam.start("sam");
  await play(sam, [[`group case ${first!.id} 4471-JB`, "Case 4471-JB chosen"]]);

  clock.set("2026-12-01T15:30:00Z");
  await play(sam, [
    [`group note ${first!.id}`, /Children discussed: 4471-JB: \n {2}! Check the children discussed\. Row 1: say what was decided for 4471-JB\./],
    ["What keeps them safe?", null],
    ["", /Issues/],
    ["Missed visits.", null],
    ["", /Insights/],
    ["Grandmother helps.", null],
    ["", /Children discussed\n {2}! Check the children discussed\. Row 1: say what was decided for 4471-JB\.[\s\S]*now: 4471-JB: /],
    ["4471-JB: Visit this week", null],
    ["4471 jb: Visit again", null],
    ["", /Children discussed:\n {4}4471-JB: Visit this week\n {4}4471 jb: Visit again\n[\s\S]*Record this note\?/],
    ["yes", /Children discussed:\n {4}4471-JB: Visit this week\n {4}4471 jb: Visit again\n {2}! Check the children discussed\. Row 2: 4471-JB is already listed in row 1\./],
    ["4471-JB: Visit this week", null],
    ["5520 kt: NFA: step down", null],
    ["", /Record this note\?/],
    ["yes", /is recorded\.[\s\S]*Children discussed:\n {2}• 4471-JB: Visit this week\n {2}• 5520-KT: NFA: step down[\s\S]*One outcome on each child's own record, each with its deadline to go on the case record:\n {2}• 4471-JB: outcome \w+\n {2}• 5520-KT: outcome \w+/],
    ["list 5520-KT", /\w+ {2}5520-KT {2}Group supervision outcome {2}discussed Tue 1 Dec 2026 14:00 {2}Recorded/],
  ]);
  const [outcome] = await storage.notes.listByCase("5520-KT");
  await play(sam, [[`show ${outcome!.id}`, /From group supervision: Decided in group supervision session \w+; group note \w+\.[\s\S]*4\. Decision\nDecision not to act: NFA: step down[\s\S]*On the child's case record: due Thu 3 Dec 2026 15:30, open/]]);
});
