import { botPort } from "../../src/bot/bot-port.ts";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConsoleSession } from "../../adapters/console/console-session.ts";
import { play } from "../support/console-play.ts";
import { silentLogger } from "../../src/logger.ts";
import { testCore } from "../support/core.ts";
import { createMemoryStorage } from "../../src/storage/memory/memory-storage.ts";
import { FixedClock } from "../../src/domain/clock.ts";
import { loadPrompts } from "../../src/prompts/prompts.ts";
import { DEFAULT_SETTINGS } from "../../src/services/core.ts";

const sample = () => readFileSync(new URL("../../adapters/console/sample-roster.csv", import.meta.url), "utf8");

describe("console adapter", () => {
  it("records a note from a pasted message, asking only for what is missing", async () => {
    const { core, storage } = await testCore();
    const session = new ConsoleSession(botPort(core, silentLogger), silentLogger, sample);
    expect(await session.start()).toContain("Who are you?");
    await play(session, [
      ["mo", "Hello Mo Worker (team-manager)"],
      ["4471-JB discussed today 14:10 with @sam.", "(more lines"],
      ["Issue: missed two home visits, school reports bruising.", null],
      ["Decision: unannounced visit tomorrow with police check beforehand.", null],
      ["Actions: Sam to visit by tomorrow 5pm", null],
      // The review is the first note's; the disagreements and the child's views are asked for (issue 14 item 5).
      ["", /Review of previous decisions and actions: first note on this case[\s\S]*4 to go:[\s\S]*Options considered\n  ! Needed before the note can be recorded./],
      ["strategy discussion", null],
      ["* unannounced visit tomorrow", null],
      ["", /Rationale\n  ! Needed/],
      ["bruising plus missed visits raise risk", null],
      ["", /Disagreements\n  ! Needed before the note can be recorded: who disagreed and their view, or "none"\./],
      ["none", null],
      ["", /Child's views and wishes\n  ! Needed before the note can be recorded: the child's views and wishes, or why they are not recorded \(e\.g\. "not discussed: baby"\)\./],
      ["not discussed: baby, 8 months", null],
      ["", /Disagreements: none\nActions:[\s\S]*Child's views and wishes: not discussed: baby, 8 months[\s\S]*Record this note\?/],
      ["yes", /Oversight note id\d+ on 4471-JB is recorded\.[\s\S]*visit – Sam Worker – by Tue 24 Nov 2026 17:00[\s\S]*\(@sam is told by direct message\)/],
    ]);
    const [note] = await storage.notes.listByCase("4471-JB");
    expect(note).toMatchObject({
      status: "recorded",
      recorderId: "p-mo",
      fields: { rationale: "bruising plus missed visits raise risk", noDisagreement: true, reviewDoesNotApply: "first note on this case", childViews: null, childViewsDoesNotApply: "not discussed: baby, 8 months" },
    });
    expect(note?.fields.options).toEqual([
      { text: "strategy discussion", chosen: false },
      { text: "unannounced visit tomorrow", chosen: true },
    ]);
  });

  it("lists, shows with history, comments, marks on the case record and exports", async () => {
    const { core } = await testCore();
    const { recordedNote } = await import("../support/notes.ts");
    await recordedNote(core, "n1");
    const session = new ConsoleSession(botPort(core, silentLogger), silentLogger, sample);
    await session.start("sam");
    await play(session, [
      ["list 4471-JB", /n1 {2}4471-JB {2}Ad hoc {2}discussed Mon 23 Nov 2026 14:10 {2}Recorded/],
      ["disagree n1 I think a strategy discussion was needed today", "Your disagreement is recorded on note n1."],
      ["on-record n1 MOS-77", "Note n1 is marked as on the child's case record."],
      ["show n1", /Management Oversight – Ad hoc – 4471-JB[\s\S]*recorded a disagreement: I think a strategy discussion[\s\S]*== History ==/],
      ["export n1 csv", /^id,caseRef,kind/],
      ["amend n1", "Only the note's recorder or their line manager can amend it."],
      ["show nope", "There is no note with that id."],
      ["list", "Say which case: list <case ref>"],
    ]);
  });

  it("answers chatter with how to record, and keeps nothing of it; a message naming a case is a decision", async () => {
    const { core, storage } = await testCore();
    const session = new ConsoleSession(botPort(core, silentLogger), silentLogger, sample);
    await session.start("mo");
    await play(session, [
      ["thanks!", "more lines"],
      ["", "To record a decision, name the case"],
    ]);
    expect(await storage.notes.listByParticipant("p-mo")).toEqual([]);
    await play(session, [
      ["4471-JB agreed with @sam to visit tomorrow", "more lines"],
      ["", "4471-JB"],
    ]);
    expect(await storage.notes.listByCase("4471-JB")).toHaveLength(1);
  });

  it("refuses someone without access, politely, and audits it", async () => {
    const { core, storage } = await testCore();
    const { recordedNote } = await import("../support/notes.ts");
    await recordedNote(core, "n1");
    const session = new ConsoleSession(botPort(core, silentLogger), silentLogger, sample);
    await session.start("out");
    await play(session, [["show n1", "You do not have access to that note"]]);
    expect((await storage.audit.list()).at(-1)).toMatchObject({ action: "note.access-denied", actorId: "p-out" });
  });

  it("keeps a half-finished note as a draft when the person says no, and finishes it later", async () => {
    const { core, storage } = await testCore();
    const session = new ConsoleSession(botPort(core, silentLogger), silentLogger, sample);
    await session.start("mo");
    await play(session, [
      ["9001-KT with @priya. Issue: no school place. Options: EHM referral; NFA. Decision: EHM referral. Because: family asked for help. Disagreements: none. Child's views: wants to go to the school near nan's.", null],
      ["", /Record this note\?/],
      ["no", /Kept as draft (id\d+) with everything you typed\. Carry on any time: finish id\d+\./],
    ]);
    const [draft] = await storage.notes.listByCase("9001-KT");
    expect(draft?.status).toBe("draft");
    await play(session, [
      [`finish ${draft!.id}`, /Record this note\?/],
      ["yes", "is recorded"],
    ]);
    expect((await storage.notes.findById(draft!.id))?.status).toBe("recorded");
  });

  it("reads an action typed with a date inside its words as the words, and asks for the due date", async () => {
    const { core, storage } = await testCore();
    const session = new ConsoleSession(botPort(core, silentLogger), silentLogger, sample);
    await session.start("mo");
    await play(session, [
      ["7003-LM with @sam. Issue: housing. Options: TAF; CIN. Decision: TAF. Because: family agree. Disagreements: none. Child's views: not seen: in hospital.", null],
      ["", /Record this note\?/],
      ["actions", /Actions/],
      ["@sam: read the 5 December strategy minutes", ""],
      ["", /Record this note\?/],
      ["yes", /  ! Each action needs something to do, one owner and a due date\. Action 1: no due date\./],
      ["/cancel", /Kept as draft/],
    ]);
    const [draft] = await storage.notes.listByCase("7003-LM");
    expect(draft!.fields.actions).toEqual([{ what: "read the 5 December strategy minutes", ownerId: "p-sam", ownerText: null, dueAt: null }]);
  });

  it("stops at any question with /cancel, keeping a draft", async () => {
    const { core, storage } = await testCore();
    const session = new ConsoleSession(botPort(core, silentLogger), silentLogger, sample);
    await session.start("mo");
    await play(session, [
      ["7002-LM with @sam. Issue: housing.", null],
      ["", /Options considered\n  ! Needed/],
      ["/cancel", /Kept as draft id\d+ with everything you typed\./],
      ["help", "Commands:"],
    ]);
    expect((await storage.notes.listByCase("7002-LM"))[0]).toMatchObject({ status: "draft", fields: { issue: "housing" } });
  });

  it("keeps a pasted message when something unexpected fails, and tries again on Enter", async () => {
    const { core, storage } = await testCore();
    const session = new ConsoleSession(botPort(core, silentLogger), silentLogger, sample);
    await session.start("mo");
    const create = storage.notes.create.bind(storage.notes);
    let failures = 1;
    storage.notes.create = async (...args) => {
      if (failures-- > 0) throw new Error("database unavailable");
      return create(...args);
    };
    await play(session, [
      ["7003-LM with @sam. Issue: housing.", null],
      ["", /Sorry, something went wrong[\s\S]*Your message is kept/],
      ["", /Options considered/],
    ]);
  });

  it("offers the sample team on an empty roster", async () => {
    const storage = createMemoryStorage();
    const core = { storage, clock: new FixedClock("2026-11-23T15:00:00Z"), newId: (() => { let n = 0; return () => `id${++n}`; })(), settings: DEFAULT_SETTINGS, prompts: loadPrompts() };
    const session = new ConsoleSession(botPort(core, silentLogger), silentLogger, sample);
    expect(await session.start()).toContain("There is no roster yet");
    await play(session, [
      ["", /Loaded the sample team \(6 people\)[\s\S]*@mo {2}Mo Ahmed \(team-manager/],
      ["nobody", '"nobody" is not on the roster'],
      ["@mo", "Hello Mo Ahmed"],
      ["help", "Commands:"],
      ["quit", "Goodbye"],
    ]);
    expect(session.closed).toBe(true);
  });
});
