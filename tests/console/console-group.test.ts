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
