// Issue 14 item 6: what a walkthrough as a new user found, each as a dialogue through the core.
import { describe, expect, it } from "vitest";
import { handleInbound } from "../../src/bot/inbound.ts";
import { silentLogger } from "../../src/logger.ts";
import { testCore } from "../support/core.ts";
import { recordedNote } from "../support/notes.ts";

type T = Awaited<ReturnType<typeof testCore>>;
let n = 0;
const say = async (t: T, who: string, text: string) =>
  (await handleInbound(t.core, silentLogger, { kind: "command", eventId: `w${++n}`, actor: { platform: "console", externalId: who }, text })).message?.text ?? "";

describe("away: a day and month alone is read against today", () => {
  // [said on (London), typed, from, to]
  it.each([
    ["2026-12-01T10:00:00Z", "away 24/12 2/1", "2026-12-24", "2027-01-02"], // the README's own example, across the new year
    ["2026-12-28T10:00:00Z", "away 2/1 5/1", "2027-01-02", "2027-01-05"], // next week, in the new year
    ["2027-01-04T10:00:00Z", "away 30/12 6/1", "2026-12-30", "2027-01-06"], // began last week, before the new year
    ["2026-11-23T10:00:00Z", "away 24/11", "2026-11-24", "2026-11-24"],
    ["2026-11-23T10:00:00Z", "away 24/12/2026 2/1", "2026-12-24", "2027-01-02"],
    ["2026-11-23T10:00:00Z", "away 2026-12-24 2027-01-02", "2026-12-24", "2027-01-02"],
  ])("on %s, %j is %s to %s", async (now, typed, from, to) => {
    const t = await testCore({ now });
    expect(await say(t, "sam", typed)).toMatch(new RegExp(`^Noted: you are away from ${from} to ${to} `));
    expect(await t.storage.schedule.absences("p-sam")).toMatchObject([{ fromDate: from, toDate: to }]);
  });
});

describe("list: someone without access cannot tell whether a case exists", () => {
  it("answers a case whose notes they may not see exactly as a case with none, and audits both alike", async () => {
    const t = await testCore();
    await recordedNote(t.core, "n1"); // on 4471-JB, mo and sam
    const hidden = await say(t, "out", "list 4471-jb");
    const none = await say(t, "out", "list 9999-zz");
    expect(hidden).toBe(none.replace("9999-ZZ", "4471-JB"));
    expect(hidden).not.toMatch(/n1/);
    // Someone who may see it is answered with the note, so the two answers above are not alike by accident.
    expect(await say(t, "mo", "list 4471-jb")).toMatch(/n1/);
    const audit = (await t.storage.audit.list()).filter((e) => e.actorId === "p-out");
    expect(audit.map((e) => [e.action, e.entityId, e.detail])).toEqual([
      ["note.access-denied", "4471-JB", { listing: true }],
      ["note.access-denied", "9999-ZZ", { listing: true }],
    ]);
  });
});
