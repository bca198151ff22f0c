import { describe, expect, it } from "vitest";
import {
  managesTeam,
  mayAgreeCaseExtension,
  mayChangeCase,
  maySeeCase,
  mayActOnNote,
  mayAmendNote,
  mayChooseChannel,
  mayChooseGroupCase,
  mayDiscardDraft,
  mayExportNote,
  mayHoldGroupRole,
  mayJoinGroupSession,
  mayReassignRecorder,
  mayRecordGroupNote,
  mayRecordNote,
  mayRunGroupSession,
  maySeeNote,
  maySeeTeamCompliance,
  mayUseBot,
  noteMembers,
  notesVisibleTo,
  type NoteAccessFacts,
  type Roster,
} from "../../src/domain/access.ts";
import { DEFAULT_ROLE_RANKS, type Person } from "../../src/domain/people.ts";
import { completeFields, person } from "../support/fixtures.ts";

// The access policy as tables: who asks, how they stand to the thing asked about, allowed?
//
// North: lee (service manager, no team of his own) manages mo (team manager, in North), who
// manages ann (senior practitioner), sam and priya (practitioners). South: kim (team
// manager) manages out. aud is an auditor. Anyone may also appear as having left (inactive).
const lee = person("lee", "service-manager", { team: null });
const mo = person("mo", "team-manager", { lineManagerId: "p-lee" });
const ann = person("ann", "senior-practitioner", { lineManagerId: "p-mo" });
const sam = person("sam", "practitioner", { lineManagerId: "p-mo" });
const priya = person("priya", "practitioner", { lineManagerId: "p-mo" });
const kim = person("kim", "team-manager", { team: "South" });
const out = person("out", "practitioner", { team: "South", lineManagerId: "p-kim" });
const aud = person("aud", "auditor", { team: null });
const roster: Roster = new Map([lee, mo, ann, sam, priya, kim, out, aud].map((p) => [p.id, p]));
const left = (p: Person): Person => ({ ...p, active: false });

/** Everyone the tables name, by the label the rows use. */
const P: Record<string, Person> = {
  lee, mo, ann, sam, priya, kim, out, aud,
  "lee (left)": left(lee), "mo (left)": left(mo), "ann (left)": left(ann), "sam (left)": left(sam), "priya (left)": left(priya), "aud (left)": left(aud),
  "aud (in North)": { ...aud, team: "North" },
};

/** Discussed by sam and ann; ann, the more senior, records it. */
const note: NoteAccessFacts = { fields: completeFields({ participantIds: ["p-sam", "p-ann"] }), recorderId: "p-ann" };

describe("a note", () => {
  // [who, relation, may see, may act, may amend]
  const rows: [string, string, boolean, boolean, boolean][] = [
    ["sam", "participant", true, true, false],
    ["ann", "recorder (a participant)", true, true, true],
    ["mo", "line manager of both", true, true, true],
    ["lee", "line manager two levels up", true, true, true],
    ["kim", "manager of another team", false, false, false],
    ["out", "practitioner in another team", false, false, false],
    ["priya", "practitioner in the same team, not in the discussion", false, false, false],
    ["aud", "auditor (reads, never acts)", true, false, false],
    ["sam (left)", "participant who has left", false, false, false],
    ["ann (left)", "recorder who has left", false, false, false],
    ["lee (left)", "line manager who has left", false, false, false],
    ["aud (left)", "auditor who has left", false, false, false],
  ];

  it.each(rows)("%s (%s): see %s, act %s, amend %s", (label, _relation, see, act, amend) => {
    const who = P[label]!;
    expect(maySeeNote(who, note, roster)).toBe(see);
    expect(mayExportNote(who, note, roster)).toBe(see);
    expect(mayActOnNote(who, note, roster)).toBe(act);
    expect(mayAmendNote(who, note, roster)).toBe(amend);
  });

  it("counts a recorder who was not a participant as a member", () => {
    const recordedByMo: NoteAccessFacts = { fields: completeFields({ participantIds: ["p-sam"] }), recorderId: "p-mo" };
    expect(noteMembers(recordedByMo)).toEqual(["p-sam", "p-mo"]);
    expect(mayAmendNote(mo, recordedByMo, roster)).toBe(true);
    expect(mayAmendNote(sam, recordedByMo, roster)).toBe(false);
    // Ann is not in it, and manages nobody who is.
    expect(maySeeNote(ann, recordedByMo, roster)).toBe(false);
  });

  it.each([
    ["aud", "an auditor who took part sees it but does not act on it", true, false],
    ["aud (left)", "one who has left sees nothing", false, false],
  ])("%s: %s", (label, _why, see, act) => {
    const who = P[label]!;
    const withAuditor: NoteAccessFacts = { fields: completeFields({ participantIds: ["p-sam", "p-aud"] }), recorderId: "p-sam" };
    expect(maySeeNote(who, withAuditor, roster)).toBe(see);
    expect(mayActOnNote(who, withAuditor, roster)).toBe(act);
  });

  it("is amended by nobody before it has a recorder", () => {
    expect(mayAmendNote(mo, { ...note, recorderId: null }, roster)).toBe(false);
  });

  it("an auditor who line-manages the recorder still only reads", () => {
    const auditorManager = { ...aud, id: "p-aud2", handle: "aud2" };
    const withManager: Roster = new Map([...roster, [auditorManager.id, auditorManager], ["p-ann", { ...ann, lineManagerId: "p-aud2" }]]);
    expect(maySeeNote(auditorManager, note, withManager)).toBe(true);
    expect(mayAmendNote(auditorManager, note, withManager)).toBe(false);
    expect(mayActOnNote(auditorManager, note, withManager)).toBe(false);
  });
});

describe("a draft, discarded", () => {
  /** Captured by sam; ann, the more senior, is its recorder. */
  const draft = { createdById: "p-sam", recorderId: "p-ann" };
  it.each([
    ["sam", "its author", true],
    ["ann", "its recorder", true],
    ["mo", "line manager of both (may act on it, not discard it)", false],
    ["lee", "line manager two levels up", false],
    ["priya", "practitioner in the same team, not in the discussion", false],
    ["aud", "auditor", false],
    ["aud (in North)", "auditor in the team", false],
    ["sam (left)", "author who has left", false],
    ["ann (left)", "recorder who has left", false],
  ])("%s (%s): %s", (label, _relation, allowed) => {
    expect(mayDiscardDraft(P[label]!, draft)).toBe(allowed);
  });

  it("by its author when it has no recorder yet", () => {
    expect(mayDiscardDraft(sam, { createdById: "p-sam", recorderId: null })).toBe(true);
    expect(mayDiscardDraft(ann, { createdById: "p-sam", recorderId: null })).toBe(false);
  });
});

describe("a case's notes, listed", () => {
  // A second note on the case: priya's, recorded by mo.
  const second: NoteAccessFacts & { id: string } = { id: "n2", fields: completeFields({ participantIds: ["p-priya"] }), recorderId: "p-mo" };
  const notes = [{ ...note, id: "n1" }, second];

  it.each([
    ["sam", "participant in n1", ["n1"]],
    ["ann", "recorder of n1", ["n1"]],
    ["priya", "participant in n2 only", ["n2"]],
    ["mo", "line manager of all", ["n1", "n2"]],
    ["lee", "two levels up", ["n1", "n2"]],
    ["aud", "auditor", ["n1", "n2"]],
    ["kim", "manager of another team", []],
    ["out", "practitioner in another team", []],
    ["sam (left)", "participant who has left", []],
    ["mo (left)", "line manager who has left", []],
  ])("%s (%s) sees %j", (label, _relation, ids) => {
    const who = P[label]!;
    expect(notesVisibleTo(who, notes, roster).map((n) => n.id)).toEqual(ids);
  });
});

describe("the recorder", () => {
  it.each([
    ["sam", "participant", true],
    ["ann", "recorder", true],
    ["lee", "line manager two levels up", true],
    ["kim", "manager of another team", true],
    ["priya", "practitioner in the same team", true],
    ["aud", "auditor", false],
    ["sam (left)", "someone who has left", false],
  ])("%s (%s) may record: %s", (label, _relation, allowed) => {
    expect(mayRecordNote(P[label]!)).toBe(allowed);
  });

  // ann is the default recorder (the most senior participant); each row hands the recording to `to`.
  it.each([
    ["ann", "sam", "the default recorder hands it to a participant", true],
    ["sam", "sam", "a participant less senior than the default recorder takes it", false],
    ["mo", "sam", "their line manager, more senior, hands it on", true],
    ["lee", "priya", "two levels up, to someone not in the discussion", true],
    ["priya", "priya", "a practitioner in the same team, less senior", false],
    ["kim", "sam", "another team's manager: seniority is the rule (reaching the note is mayActOnNote's)", true],
    ["ann", "aud", "to an auditor, who never records", false],
    ["ann", "sam (left)", "to someone who has left", false],
    ["aud", "sam", "an auditor, who never acts", false],
    ["mo (left)", "sam", "a line manager who has left", false],
  ])("%s → %s (%s): %s", (actor, to, _why, allowed) => {
    expect(mayReassignRecorder(P[actor]!, P[to]!, ann, DEFAULT_ROLE_RANKS)).toBe(allowed);
  });

  it("with no default recorder yet, only who may take it and who may act decide", () => {
    expect(mayReassignRecorder(sam, priya, undefined, DEFAULT_ROLE_RANKS)).toBe(true);
    expect(mayReassignRecorder(aud, priya, undefined, DEFAULT_ROLE_RANKS)).toBe(false);
    expect(mayReassignRecorder(sam, aud, undefined, DEFAULT_ROLE_RANKS)).toBe(false);
  });
});

describe("a team", () => {
  // [who, relation, compliance of North, manages North]
  it.each([
    ["mo", "line manager of its members (and one of them)", true, true],
    ["lee", "line manager two levels up", true, true],
    ["aud", "auditor (reads, never acts)", true, false],
    ["sam", "member, manages nobody", false, false],
    ["ann", "senior member, manages nobody", false, false],
    ["priya", "member not in any discussion", false, false],
    ["kim", "manager of another team", false, false],
    ["out", "practitioner in another team", false, false],
    ["mo (left)", "line manager who has left", false, false],
    ["lee (left)", "two levels up, has left", false, false],
    ["aud (left)", "auditor who has left", false, false],
  ])("%s (%s): compliance %s, manages %s", (label, _relation, compliance, manages) => {
    const who = P[label]!;
    expect(maySeeTeamCompliance(who, "North", roster)).toBe(compliance);
    expect(managesTeam(who, "North", roster)).toBe(manages);
  });

  it("another team's manager sees and manages their own team", () => {
    expect(maySeeTeamCompliance(kim, "South", roster)).toBe(true);
    expect(managesTeam(kim, "South", roster)).toBe(true);
    expect(managesTeam(mo, "South", roster)).toBe(false);
  });

  it("an auditor who line-manages someone in the team sees it but does not manage it", () => {
    const withAuditorManager: Roster = new Map([...roster, ["p-sam", { ...sam, lineManagerId: "p-aud" }]]);
    expect(maySeeTeamCompliance(aud, "North", withAuditorManager)).toBe(true);
    expect(managesTeam(aud, "North", withAuditorManager)).toBe(false);
  });
});

describe("a group supervision session of North", () => {
  // sam presents, priya facilitates, ann advises.
  const session = { presenterId: "p-sam", facilitatorId: "p-priya" };
  // [who, relation, may join, may hold a role, may choose the case, may run it, may record the group note]
  const rows: [string, string, boolean, boolean, boolean, boolean, boolean][] = [
    ["sam", "presenter", true, true, true, false, true],
    ["priya", "facilitator", true, true, false, true, false],
    ["ann", "member (advisor)", true, true, false, false, false],
    ["mo", "team manager and member", true, true, true, true, false],
    ["lee", "line manager two levels up, not in the team", true, false, true, true, false],
    ["kim", "manager of another team", false, false, false, false, false],
    ["out", "practitioner in another team", false, false, false, false, false],
    ["aud", "auditor", false, false, false, false, false],
    ["aud (in North)", "auditor in the team (reads, never acts)", true, false, false, false, false],
    ["sam (left)", "presenter who has left", false, false, false, false, false],
    ["priya (left)", "facilitator who has left", false, false, false, false, false],
    ["mo (left)", "team manager who has left", false, false, false, false, false],
  ];

  it.each(rows)("%s (%s): join %s, hold a role %s, choose the case %s, run it %s, record the note %s", (label, _relation, join, hold, choose, run, record) => {
    const who = P[label]!;
    expect(mayJoinGroupSession(who, "North", roster)).toBe(join);
    expect(mayHoldGroupRole(who, "North")).toBe(hold);
    expect(mayChooseGroupCase(who, session, "North", roster)).toBe(choose);
    expect(mayRunGroupSession(who, session, "North", roster)).toBe(run);
    expect(mayRecordGroupNote(who, session)).toBe(record);
  });
});

describe("a case on the register held by sam", () => {
  const kase = { workerId: "p-sam" };
  // [who, relation, may see, may change]
  const rows: [string, string, boolean, boolean][] = [
    ["sam", "the allocated worker", true, false],
    ["mo", "the worker's line manager", true, true],
    ["lee", "line manager two levels up", true, true],
    ["priya", "practitioner in the same team", false, false],
    ["ann", "senior practitioner in the same team, not a manager", false, false],
    ["kim", "manager of another team", false, false],
    ["aud", "auditor (reads, never changes)", true, false],
    ["mo (left)", "line manager who has left", false, false],
    ["sam (left)", "worker who has left", false, false],
    ["aud (left)", "auditor who has left", false, false],
  ];

  it.each(rows)("%s (%s): see %s, change %s", (label, _relation, see, change) => {
    const who = P[label]!;
    expect(maySeeCase(who, kase, roster)).toBe(see);
    expect(mayChangeCase(who, kase, roster)).toBe(change);
  });

  it("lets nobody change an unallocated case in chat, and auditors still see it", () => {
    expect(mayChangeCase(mo, { workerId: null }, roster)).toBe(false);
    expect(maySeeCase(aud, { workerId: null }, roster)).toBe(true);
    expect(maySeeCase(mo, { workerId: null }, roster)).toBe(false);
  });

  it("lets the role the profile names agree an extension, or a role ranked above it; not below, not auditors, not who has left", () => {
    const hos = person("hos", "head-of-service");
    const dir = person("dir", "director");
    const ranks = { ...DEFAULT_ROLE_RANKS, director: 60 };
    expect(mayAgreeCaseExtension(hos, "head-of-service", ranks)).toBe(true);
    expect(mayAgreeCaseExtension(dir, "head-of-service", ranks)).toBe(true);
    expect(mayAgreeCaseExtension(lee, "head-of-service", ranks)).toBe(false);
    expect(mayAgreeCaseExtension(mo, "team-manager", ranks)).toBe(true);
    expect(mayAgreeCaseExtension(aud, "auditor", ranks)).toBe(false);
    expect(mayAgreeCaseExtension(left(hos), "head-of-service", ranks)).toBe(false);
    // A role the ranks do not know is agreed by that role alone.
    expect(mayAgreeCaseExtension(dir, "panel-chair", ranks)).toBe(false);
  });
});

describe("a channel for a team's group supervision posts", () => {
  it.each([
    [{ value: "teams:north-general", member: true }, "", "in a team they are a member of", true],
    [{ value: "teams:south-general", member: false }, "", "in a team they are not in", false],
    [{ value: "teams:south-general", member: false }, "teams:south-general", "not theirs, but already the series' channel (kept)", true],
    [{ value: "teams:south-general", member: false }, "teams:north-general", "not theirs, another already chosen", false],
  ])("%j with %j chosen (%s): %s", (choice, chosen, _why, allowed) => {
    expect(mayChooseChannel(choice, chosen)).toBe(allowed);
  });
});

describe("the bot itself", () => {
  it.each([
    ["sam", "practitioner", true],
    ["mo", "line manager", true],
    ["lee", "line manager two levels up", true],
    ["kim", "manager of another team", true],
    ["aud", "auditor: the bot answers, the rules above refuse every change", true],
    ["sam (left)", "practitioner who has left", false],
    ["mo (left)", "line manager who has left", false],
  ])("%s (%s) may use it: %s", (label, _relation, allowed) => {
    expect(mayUseBot(P[label]!)).toBe(allowed);
  });
});
