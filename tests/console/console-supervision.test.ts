import { it } from "vitest";
import { ConsoleSession } from "../../adapters/console/console-session.ts";
import { botPort } from "../../src/bot/bot-port.ts";
import { silentLogger } from "../../src/logger.ts";
import { importRoster } from "../../src/services/import-roster.ts";
import { play } from "../support/console-play.ts";
import { testCore } from "../support/core.ts";

const ROSTER = ["handle,name,role,line_manager,team,started_on,newly_qualified", "mo,Mo Worker,team-manager,lee,North,,", "sam,Sam Worker,practitioner,mo,North,2026-11-23,yes"].join("\n");

it("formal supervision and the agreement in the console, as Slack and Teams have them: held, circulated, signed", async () => {
  const { core, clock, storage } = await testCore({ now: "2026-11-23T10:00:00Z" });
  await importRoster(core, "p-lee", ROSTER);
  const session = () => new ConsoleSession(botPort(core, silentLogger), silentLogger, () => ROSTER);
  const mo = session();
  await mo.start("mo");
  const sam = session();
  await sam.start("sam");
  await play(sam, [
    ["supervision", /Your formal supervision with Mo Worker[\s\S]*Mon 30 Nov 2026: supervision \w+/],
    ["agreement", "Your supervision agreement with Mo Worker (on appointment): waiting for Mo Worker and Sam Worker to sign"],
    ["agreement sign", "Signed. The agreement now waits for Mo Worker to sign."],
  ]);
  clock.set("2026-11-30T11:00:00Z");
  await play(mo, [
    ["agreement sign @sam", "Signed by both: the supervision agreement is in force."],
    ["supervision held @sam", "Recorded: supervision (Mo Worker supervising Sam Worker) held on Mon 30 Nov 2026. Next planned: Mon 7 Dec 2026."],
  ]);
  const [held] = await storage.supervision.sessions({ superviseeId: "p-sam", status: "held" });
  await play(mo, [[`supervision circulated ${held!.id}`, `Recorded: the notes of supervision ${held!.id} are circulated. Sam Worker is asked to sign them by Mon 7 Dec 2026 17:30.`]]);
  await play(sam, [
    ["supervision", `Held Mon 30 Nov 2026 (${held!.id}): notes to sign`],
    [`supervision signed ${held!.id}`, `Recorded: you signed the notes of supervision ${held!.id} as an accurate record.`],
    ["supervision", /Last held Mon 30 Nov 2026; the next must be by Sat 30 Jan 2027 at the latest\./],
  ]);
});
