import { describe, expect, it } from "vitest";
import { importRoster } from "../../src/services/import-roster.ts";
import { mySupervision, supervisionCompliance } from "../../src/services/my-supervision.ts";
import { moveSession, recordHeld } from "../../src/services/supervision-sessions.ts";
import { testCore } from "../support/core.ts";
import { handleCommand } from "../../src/bot/commands.ts";
import { complianceMessage } from "../../src/export/compliance-message.ts";
import { complianceSummary } from "../../src/services/compliance-summary.ts";

const ROSTER = [
  "handle,name,role,line_manager,team,started_on,newly_qualified",
  "lee,Lee Worker,service-manager,,North,,",
  "mo,Mo Worker,team-manager,lee,North,,",
  "sam,Sam Worker,practitioner,mo,North,2026-11-23,yes",
  "priya,Priya Worker,senior-practitioner,mo,North,,",
].join("\n");

describe("formal supervision for mine, home and the monthly summary", () => {
  it("counts a team's sessions due, held on time, moved and overdue in a month, and who went past the longest gap", async () => {
    const { core, clock, person } = await testCore({ now: "2026-11-23T10:00:00Z" });
    await importRoster(core, "p-lee", ROSTER);
    const [mo, sam, priya] = [await person("mo"), await person("sam"), await person("priya")];
    // Sam: 30 Nov held on the day; 7 Dec moved to 9 Dec and held on the 10th (late); 14 Dec not held.
    clock.set("2026-11-30T11:00:00Z");
    await recordHeld(core, mo, sam);
    const planned = await core.storage.supervision.sessions({ superviseeId: sam.id, status: "planned" });
    await moveSession(core, sam, planned[0]!.id, "2026-12-09", "training day");
    clock.set("2026-12-10T11:00:00Z");
    await recordHeld(core, mo, sam);
    // Priya held once on 1 Dec, then nothing: by 2 Feb 2027 she is past the two months [003 4.2].
    clock.set("2026-12-01T11:00:00Z");
    await recordHeld(core, mo, priya);

    clock.set("2027-01-05T10:00:00Z");
    const december = await supervisionCompliance(core, "North", "2026-12");
    // Due in December: Sam's 9 Dec (held late, on the 10th), 14, 21 and 28 Dec (not held); Priya's 21 Dec (held
    // early, on the 1st); Mo's 21 Dec with Lee (not held). Sam's 7 Dec was moved.
    expect(december).toEqual({ team: "North", month: "2026-12", supervisees: 3, due: 6, held: 2, heldOnTime: 1, moved: 1, overdue: 4, beyondMaxGap: [], agreementsUnsigned: 3, reviewsOverdue: 0 });

    clock.set("2027-02-03T10:00:00Z");
    expect((await supervisionCompliance(core, "North", "2027-02")).beyondMaxGap).toEqual(expect.arrayContaining([priya.id]));

    const mine = await mySupervision(core, mo);
    expect(mine.own?.supervisorId).toBe("p-lee");
    expect(mine.supervisees.map((s) => s.supervisee.handle)).toEqual(["priya", "sam"]);
    expect(mine.supervisees[1]!.toCirculate.length).toBe(2);
    expect(mine.supervisees[0]!.latestNext).toBe("2027-02-01");
  });

  it("shows in the compliance summary and, as things to do with their commands, in mine", async () => {
    const { core, clock, person } = await testCore({ now: "2026-11-23T10:00:00Z" });
    await importRoster(core, "p-lee", ROSTER);
    const [mo, sam] = [await person("mo"), await person("sam")];
    clock.set("2026-11-30T11:00:00Z");
    await recordHeld(core, mo, sam);
    clock.set("2026-12-08T10:00:00Z");

    const summary = complianceMessage(await complianceSummary(core, await person("lee"), { team: "North", month: "2026-12" }), core.prompts).text;
    // December so far: Sam's 7 Dec not held; his later ones, Priya's and Mo's still ahead.
    expect(summary).toContain("Formal supervision: 0 held of 5 planned in the month (0 by their day); 1 overdue, 0 moved; 0 of 3 people past the longest gap");
    // The agreements drawn up at the import are to be signed within 4 weeks [001 §4]: not late yet.
    expect(summary).toContain("Supervision agreements: 0 waiting for a signature past their date; 0 annual reviews overdue");

    const [samSession] = await core.storage.supervision.sessions({ superviseeId: sam.id, status: "held" });
    const forMo = (await handleCommand(core, { actor: mo, text: "mine", eventId: null })).message!.text;
    expect(forMo).toMatch(/Formal supervision \(\d+\)/);
    expect(forMo).toContain(`Circulate the notes of @sam's supervision on Mon 30 Nov 2026: supervision circulated ${samSession!.id}`);
    expect(forMo).toMatch(/@sam's supervision \S+ on Mon 7 Dec 2026 is not recorded as held: supervision held @sam/);
    expect(forMo).toContain("Sign @sam's supervision agreement: agreement sign @sam");
    const forSam = (await handleCommand(core, { actor: sam, text: "mine", eventId: null })).message!.text;
    expect(forSam).toContain("Sign your supervision agreement: agreement sign");
  });
});
