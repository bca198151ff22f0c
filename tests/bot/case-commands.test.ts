import { beforeEach, describe, expect, it } from "vitest";
import { handleInbound } from "../../src/bot/inbound.ts";
import { silentLogger } from "../../src/logger.ts";
import { person } from "../support/fixtures.ts";
import { testCore } from "../support/core.ts";

// `case …` in chat (issue 17 item 1): the register changed by the allocated worker's managers,
// seen by the worker, their managers and auditors. The sample team, with hos (head of service)
// over lee over mo over sam and priya; out is in South under nobody here. Clock: Mon 23 Nov 2026 15:00.

let t: Awaited<ReturnType<typeof testCore>>;
let n = 0;
beforeEach(async () => {
  t = await testCore();
  const lee = (await t.storage.people.findByHandle("lee"))!;
  await t.storage.people.saveAll([person("hos", "head-of-service"), { ...lee, lineManagerId: "p-hos" }], t.clock.now());
});

/** What `handle` types to the bot in the console, as one turn through the core's entry point, a minute after the last. */
const says = (handle: string, text: string) => (t.clock.advance(60_000), handleInbound)(t.core, silentLogger, { kind: "message", eventId: `e${++n}`, actor: { platform: "console", externalId: handle }, text });

const USAGE = /\nCase register: case <case ref> \| case add/;

describe("case … in chat", () => {
  it("runs a case's life: added, seen, recategorised, extended, handed over, closed and reopened; refusals change nothing", async () => {
    // [who, says, the reply (a pattern), refused]
    const dialogue: [string, string, RegExp, boolean][] = [
      ["mo", "case add 4471-JB cla @sam opened 2026-09-01", /^4471-JB is on the register: Child looked after \(cla\) since 2026-09-01, held by @sam \(team North\)\.$/, false],
      ["sam", "case add 5521-KT cin @sam", /^Only the line managers of the case's allocated worker/, true],
      ["aud", "case add 5521-KT cin @sam", /^Auditors read the case register but do not change it\.$/, true],
      ["mo", "case add 5521-KT cin @out", /^Only the line managers of the case's allocated worker/, true],
      ["mo", "case add 4471-JB cin @sam", /^4471-JB is already on the register: case 4471-JB shows it\.\n.*\n\(You wrote: case add 4471-JB cin @sam\)$/, true],
      ["sam", "case 4471 jb", /^Case 4471-JB\nCategory: Child looked after \(cla\) since 2026-09-01\nWorker: @sam, team North\nOpened 2026-09-01; open\nDiscussion overdue: it was due Tue 27 Oct 2026 17:30 \(Child looked after, every 8 weeks, not yet discussed, from entering the category: 8 weeks after Tue 1 Sep 2026: end of Tue 27 Oct 2026\)\nHistory:\n2026-09-01 opened as Child looked after \(cla\) \(@mo\)/, false],
      ["priya", "case 4471-JB", /^There is no case 4471-JB on the register that you may see\.$/, true],
      ["aud", "case 4471-JB", /^Case 4471-JB\n/, false],
      ["sam", "case category 4471-JB cp", /^Only the line managers/, true],
      ["mo", "case category 4471-JB cp from 2026-11-20", /^4471-JB is now Child protection \(cp\) from 2026-11-20\.$/, false],
      ["mo", "case category 4471-JB cp from 2026-11-20", /^4471-JB already stands so: nothing was changed\.$/, false],
      ["mo", "case category 4471-JB cla from 2026-11-21", /^4471-JB is now Child looked after \(cla\) from 2026-11-21\.$/, false],
      ["mo", "case extend 4471-JB settled with long-term carers", /^A longer discussion period is agreed by the head-of-service \(or someone more senior\)\. Nothing was changed\.$/, true],
      ["hos", "case extend 4471-JB", /^Say why the longer period is agreed: case extend <case ref> <rationale>\./, true],
      ["hos", "case extend 4471-JB settled with long-term carers for two years", /^A longer discussion period is agreed for 4471-JB \(Child looked after \(cla\)\), with your rationale recorded\.$/, false],
      ["mo", "case category 4471-JB cp", /^4471-JB is now Child protection \(cp\) from 2026-11-23\. The longer discussion period agreed for its earlier category no longer applies\.$/, false],
      ["hos", "case extend 4471-JB still settled", /^No longer discussion period can be agreed for a case of Child protection; the profile allows one for: Child looked after\./, true],
      ["mo", "case worker 4471-JB @out", /^Only the line managers/, true],
      ["mo", "case worker 4471-JB @priya", /^4471-JB is now held by @priya \(team North\)\.$/, false],
      ["mo", "case worker 4471-JB @nobody", /^"nobody" is not someone on the roster: give their handle, e.g. @sam\.\n.*\n\(You wrote: case worker 4471-JB @nobody\)$/, true],
      ["mo", "case close 4471-JB 2026-12-01", /^2026-12-01 is in the future \(today is 2026-11-23\)\.\n.*\n\(You wrote: case close 4471-JB 2026-12-01\)$/, true],
      ["mo", "case close 4471-JB 2026-11-22", /^4471-JB closed on 2026-11-22: its discussions are no longer due\.$/, false],
      ["aud", "case 4471-JB", /^(?![\s\S]*(?:Next discussion due|Discussion overdue))Case 4471-JB\n[\s\S]*Opened 2026-09-01; closed 2026-11-22\n/, false], // closed: no discussion due
      ["mo", "case category 4471-JB cin", /^4471-JB closed on 2026-11-22: reopen it first \(case reopen 4471-JB\)\.\n/, true],
      ["priya", "case reopen 4471-JB", /^Only the line managers/, true], // she holds it now: sees it, may not change it
      ["mo", "case reopen 4471-JB", /^4471-JB is open again\.$/, false],
      ["sam", "case 4471-JB", /^There is no case 4471-JB on the register that you may see\.$/, true], // handed to priya: no longer his
      ["mo", "case reopen 4471-JB", /^4471-JB is not closed\./, true],
    ];
    for (const [who, text, answer, refused] of dialogue) {
      const reply = await says(who, text);
      expect(reply.message?.text, `${who}: ${text}`).toMatch(answer);
      expect(!!reply.refused, `${who}: ${text}`).toBe(refused);
    }
    expect(await t.storage.cases.find("4471-JB")).toMatchObject({ category: "cp", categorySince: "2026-11-23", workerId: "p-priya", closedOn: null, extension: { byId: "p-hos", category: "cla" } });
    expect(await t.storage.cases.find("5521-KT")).toBeNull();
    // Its discussion deadline followed every change: the ones it had were met by nothing, cancelled as it moved or closed; one is open now.
    const deadlines = await t.storage.schedule.deadlinesFor("case", "4471-JB");
    expect(deadlines.filter((d) => d.status === "open")).toMatchObject([{ rule: "case.discussion", fromAt: new Date("2026-11-23T00:00:00Z") }]);
    expect(deadlines.filter((d) => d.status === "cancelled").length).toBeGreaterThan(0);

    const shown = (await says("aud", "case 4471-JB")).message!.text.split("\n");
    // Child protection from today: every 4 weeks, first due 4 weeks on.
    expect(shown.find((line) => /discussion/i.test(line))).toMatch(/^Next discussion due: Mon 21 Dec 2026 17:30 \(Child protection, every 4 weeks/);
    expect(shown).toContain("A longer period agreed by @hos on 2026-11-23 for Child looked after (cla) lapsed when the category changed");
    expect(shown.slice(shown.indexOf("History:") + 1)).toEqual([
      "2026-09-01 opened as Child looked after (cla) (@mo)",
      "2026-09-01 worker @sam (@mo)",
      "2026-09-01 team North (@mo)",
      "2026-11-20 category Child protection (cp) (@mo)",
      "2026-11-21 category Child looked after (cla) (@mo)",
      "2026-11-23 longer discussion period agreed: settled with long-term carers for two years (@hos)",
      "2026-11-23 category Child protection (cp) (@mo)",
      "2026-11-23 worker @priya (@mo)",
      "2026-11-22 closed (@mo)",
      "2026-11-23 reopened (@mo)",
    ]);
    // Each change audited with field names only; each refusal of access audited too, though its turn stored nothing else.
    const audit = await t.storage.audit.list();
    expect(audit.filter((e) => e.action === "case.change").map((e) => e.detail.fields)).toEqual([["category"], ["category"], ["extension"], ["category"], ["worker"], ["closed"], ["reopened"]]);
    expect(audit.filter((e) => e.action === "case.access-denied").map((e) => `${e.actorId}:${e.detail.asked}`)).toEqual([
      "p-sam:add", "p-aud:add", "p-mo:add", "p-priya:view", "p-sam:category", "p-mo:extend", "p-mo:worker", "p-priya:reopen", "p-sam:view",
    ]);
    expect(JSON.stringify(audit.map((e) => e.detail))).not.toContain("settled");
  });

  it("answers words it cannot read with what is wrong, the usage line and what was typed, and changes nothing", async () => {
    await says("mo", "case add 4471-JB cin @sam");
    const rows: [string, RegExp][] = [
      ["case add 4471-JB", /^That is not a case command I can read\./],
      ["case add 6000-AB wizard @sam", /^"wizard" is not a case category; the categories are assessment, cin, disability, cp, court, cla, care-experienced\./],
      ["case add 6000-AB cin @sam opened 2026-02-30", /^"2026-02-30" is not a date: write it as YYYY-MM-DD/],
      ["case add 6000-AB cin @sam since 2026-02-01", /^That is not a case command I can read\./],
      ["case category 4471-JB cp from 2026-08-01", /^2026-08-01 is before the case opened \(2026-11-23\)\./],
      ["case close 4471-JB soon", /^"soon" is not a date/],
      ["case add JB- cin @sam", /^That is not a case reference/],
    ];
    for (const [text, answer] of rows) {
      const reply = await says("mo", text);
      expect(reply.refused, text).toBe(true);
      expect(reply.message!.text, text).toMatch(answer);
      expect(reply.message!.text, text).toMatch(USAGE);
      expect(reply.message!.text.endsWith(`(You wrote: ${text})`), text).toBe(true);
    }
    expect(await t.storage.cases.list()).toMatchObject([{ caseRef: "4471-JB", category: "cin", closedOn: null }]);
    expect(await t.storage.cases.history("4471-JB")).toHaveLength(3);
  });

  it("never takes or repeats a name for a case reference", async () => {
    for (const text of ["case add Jayden cin @sam", "case add JAYDEN-4471 cin @sam", "case close Kacey-Leigh"]) {
      const reply = await says("mo", text);
      expect(reply.message!.text, text).toBe("That reference looks like a name: give the case system's reference (letters and digits), never a child's name. Nothing was changed.");
    }
    const rationale = await says("hos", "case extend 4471-JB agreed with baby Amelia's carers");
    expect(rationale.message!.text).toMatch(/^There is no case 4471-JB/);
    await says("mo", "case add 4471-JB cla @sam");
    const named = await says("hos", "case extend 4471-JB agreed with baby Amelia's carers");
    expect(named.message!.text).toMatch(/^"baby Amelia" looks like a name: write the rationale without the child's name/);
    expect((await t.storage.cases.find("4471-JB"))!.extension).toBeNull();
    expect(await t.storage.cases.list()).toHaveLength(1);
  });

  it("still reads a decision that starts with \"case\" as a note, and shows its usage when asked", async () => {
    const decision = await says("mo", "case 4471-JB discussed today with @sam. Decision: visit tomorrow. Actions: Sam to visit by tomorrow 5pm");
    expect(decision.form).toBeDefined();
    expect(await t.storage.notes.listByCase("4471-JB")).toHaveLength(1);
    expect((await says("sam", "case")).message!.text).toMatch(/^Case register: case <case ref>/);
    expect((await says("sam", "case help")).message!.text).toMatch(/^Case register: case <case ref>/);
    expect((await says("sam", "help")).message!.text).toContain("case <case ref>");
  });
});
