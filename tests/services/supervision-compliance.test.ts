import { describe, expect, it } from "vitest";
import { importRoster } from "../../src/services/import-roster.ts";
import { mySupervision, supervisionCompliance } from "../../src/services/my-supervision.ts";
import { moveSession, recordHeld } from "../../src/services/supervision-sessions.ts";
import { testCore } from "../support/core.ts";

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
});
