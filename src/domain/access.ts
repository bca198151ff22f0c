// The access policy: one named rule per question, pure over the people and the things asked
// about (no storage, no I/O). Every service and adapter asks here; none decides access itself.
// Two rules run through all of them: someone who has left (inactive) may do nothing, and an
// auditor only reads (docs/design.md#who-may-see-what).

import type { RegisteredCase } from "./case-register.ts";
import type { GroupSession } from "./group-supervision.ts";
import type { OversightNote } from "./note.ts";
import { AUDITOR_ROLE, managersOf, rankOf, type Person, type RoleRanks } from "./people.ts";

/** The roster by person id: who reports to whom, for "their line managers up the chain". */
export type Roster = ReadonlyMap<string, Person>;

/** What the note rules need of a note: who took part and who records it. */
export type NoteAccessFacts = Pick<OversightNote, "fields" | "recorderId">;

/** The roles in a session that carry rights of their own. */
export type SessionRoleHolders = Pick<GroupSession, "presenterId" | "facilitatorId">;

/** A channel a form offers, and whether the person choosing is in its team or chat (the adapter asks the platform). */
export interface ChannelChoice {
  /** The channel as the form stores it: "teams:19:abc@thread.tacv2". */
  value: string;
  /** Whether the person is a member of the team or group chat the channel belongs to. */
  member: boolean;
}

// ---- the people ----------------------------------------------------------------------

/** May use the bot at all: not once they have left (inactive): "they keep their place in the record but lose access" (README, roster). */
export function mayUseBot(person: Person): boolean {
  return person.active;
}

/** Whether someone may change anything: still on the roster and not an auditor, who only reads (docs/design.md#who-may-see-what). */
function mayChangeAnything(person: Person): boolean {
  return mayUseBot(person) && person.role !== AUDITOR_ROLE;
}

/** Whether `person` is a line manager, at any level up the chain, of anyone in `ids`. */
function managesAnyOf(person: Person, ids: readonly string[], roster: Roster): boolean {
  return ids.some((id) => {
    const member = roster.get(id);
    return member ? managersOf(member, roster).some((m) => m.id === person.id) : false;
  });
}

// ---- notes ---------------------------------------------------------------------------

/** Whoever a note is about, for access: its participants and its recorder. */
export function noteMembers(note: NoteAccessFacts): string[] {
  const ids = [...note.fields.participantIds];
  if (note.recorderId && !ids.includes(note.recorderId)) ids.push(note.recorderId);
  return ids;
}

/** May view a note: its participants and recorder, their line managers up the chain, and auditors (docs/design.md#who-may-see-what). */
export function maySeeNote(person: Person, note: NoteAccessFacts, roster: Roster): boolean {
  if (!mayUseBot(person)) return false;
  return person.role === AUDITOR_ROLE || mayActOnNote(person, note, roster);
}

/** May work on a note (finish, comment, disagree, mark on the case record, close actions): who may see it but auditors (docs/design.md#who-may-see-what). */
export function mayActOnNote(person: Person, note: NoteAccessFacts, roster: Roster): boolean {
  if (!mayChangeAnything(person)) return false;
  const members = noteMembers(note);
  return members.includes(person.id) || managesAnyOf(person, members, roster);
}

/** May amend a recorded note: its recorder and the recorder's line managers up the chain ("a change is an amendment", docs/design.md#the-note). */
export function mayAmendNote(person: Person, note: NoteAccessFacts, roster: Roster): boolean {
  if (!mayChangeAnything(person) || !note.recorderId) return false;
  return person.id === note.recorderId || managesAnyOf(person, [note.recorderId], roster);
}

/**
 * May discard a draft that was never recorded: its author or its recorder, and nobody else (not
 * their managers: a manager who wants a colleague's draft gone asks them). Whether it is still a
 * draft is the note's lifecycle, not access: a recorded note is never discarded.
 */
export function mayDiscardDraft(person: Person, note: Pick<OversightNote, "createdById" | "recorderId">): boolean {
  if (!mayChangeAnything(person)) return false;
  return person.id === note.createdById || person.id === note.recorderId;
}

/** May export a note: exactly who may see it, nobody else (docs/design.md#who-may-see-what). */
export function mayExportNote(person: Person, note: NoteAccessFacts, roster: Roster): boolean {
  return maySeeNote(person, note, roster);
}

/** May see a case's notes, listed: only those they may see, nobody else, not even through `list` (docs/design.md#who-may-see-what). */
export function notesVisibleTo<N extends NoteAccessFacts>(person: Person, notes: readonly N[], roster: Roster): N[] {
  return notes.filter((note) => maySeeNote(person, note, roster));
}

/** May be a note's recorder: anyone still on the roster but an auditor (docs/design.md#the-note, "The recorder"). */
export function mayRecordNote(person: Person): boolean {
  return mayChangeAnything(person);
}

/** May hand the recording to `to` (who may record): someone as senior as the default recorder `senior` (docs/design.md#the-note; [000 Standard Four]). */
export function mayReassignRecorder(actor: Person, to: Person, senior: Person | undefined, ranks: RoleRanks): boolean {
  if (!mayChangeAnything(actor) || !mayRecordNote(to)) return false;
  return !senior || rankOf(actor, ranks) >= rankOf(senior, ranks);
}

// ---- teams ---------------------------------------------------------------------------

/** Team members by id. */
function membersOf(team: string, roster: Roster): string[] {
  return [...roster.values()].filter((p) => p.team === team).map((p) => p.id);
}

/** May see a team's compliance summary: auditors, and the line managers up the chain of anyone in it (docs/design.md#who-may-see-what; [004 §15] senior managers). */
export function maySeeTeamCompliance(person: Person, team: string, roster: Roster): boolean {
  if (!mayUseBot(person)) return false;
  return person.role === AUDITOR_ROLE || managesAnyOf(person, membersOf(team, roster), roster);
}

/** Manages a team (sets up its group supervision, sets roles): a line manager up the chain of anyone in it, not an auditor (docs/design.md#group-supervision). */
export function managesTeam(person: Person, team: string, roster: Roster): boolean {
  return mayChangeAnything(person) && managesAnyOf(person, membersOf(team, roster), roster);
}

// ---- group supervision ---------------------------------------------------------------

/** May look at a team's session, ask "why me?" and swap: its members and its managers (docs/design.md#who-may-see-what). */
export function mayJoinGroupSession(person: Person, team: string, roster: Roster): boolean {
  return (mayUseBot(person) && person.team === team) || managesTeam(person, team, roster);
}

/** May hold a role in a team's sessions: everyone in the team still on the roster but auditors, managers included (docs/design.md#group-supervision; [000 group Standard Two]). */
export function mayHoldGroupRole(person: Person, team: string): boolean {
  return mayChangeAnything(person) && person.team === team;
}

/** May choose a session's case: its presenter, or a manager of the team overriding (docs/design.md#group-supervision). */
export function mayChooseGroupCase(person: Person, session: SessionRoleHolders, team: string, roster: Roster): boolean {
  return (mayChangeAnything(person) && session.presenterId === person.id) || managesTeam(person, team, roster);
}

/** May run a session (step its stages, mark it held, cancel it, post its roles again): its facilitator, or a manager of the team (docs/design.md#group-supervision). */
export function mayRunGroupSession(person: Person, session: SessionRoleHolders, team: string, roster: Roster): boolean {
  return (mayChangeAnything(person) && session.facilitatorId === person.id) || managesTeam(person, team, roster);
}

/** May record a session's group note: its presenter (docs/design.md#group-supervision; [000 group Standard Four]). */
export function mayRecordGroupNote(person: Person, session: SessionRoleHolders): boolean {
  return mayChangeAnything(person) && session.presenterId === person.id;
}

// ---- the case register ---------------------------------------------------------------

/** What the case rules need of a case: who holds it. */
export type CaseAccessFacts = Pick<RegisteredCase, "workerId">;

/** May see a case on the register and its history: its allocated worker, their line managers up the chain, and auditors (docs/design.md#who-may-see-what). */
export function maySeeCase(person: Person, kase: CaseAccessFacts, roster: Roster): boolean {
  if (!mayUseBot(person)) return false;
  return person.role === AUDITOR_ROLE || kase.workerId === person.id || mayChangeCase(person, kase, roster);
}

/**
 * May change a case (its category, worker, closing, reopening, an agreed extension): the allocated
 * worker's line managers up the chain, not the worker and not auditors. A new case (`case add`)
 * is asked with its named worker: a manager of theirs may add it. An unallocated case: nobody in chat.
 */
export function mayChangeCase(person: Person, kase: CaseAccessFacts, roster: Roster): boolean {
  if (!mayChangeAnything(person) || !kase.workerId) return false;
  return managesAnyOf(person, [kase.workerId], roster);
}

/**
 * May agree a longer discussion period for a case (e.g. a child looked after every 12 weeks
 * "with Head of Service agreement" [001 §9]): someone of the role the profile names (`agreedBy`)
 * or of a role ranked above it. Who may change the case at all is `mayChangeCase`'s to say.
 */
export function mayAgreeCaseExtension(person: Person, agreedBy: string, ranks: RoleRanks): boolean {
  if (!mayChangeAnything(person)) return false;
  const needed = ranks[agreedBy];
  return person.role === agreedBy || (needed !== undefined && rankOf(person, ranks) > needed);
}

// ---- channels ------------------------------------------------------------------------

/** May choose a channel for group supervision posts: one of a team or chat they are in, or the one already chosen (docs/design.md#group-supervision). */
export function mayChooseChannel(choice: ChannelChoice, alreadyChosen: string): boolean {
  return choice.member || choice.value === alreadyChosen;
}

// ---- formal supervision --------------------------------------------------------------

/** Supervises `supervisee` formally: their line manager, who plans, holds, moves sessions and circulates the notes [003 6.2]. */
export function maySupervise(person: Person, supervisee: Pick<Person, "id" | "lineManagerId">): boolean {
  return mayChangeAnything(person) && supervisee.lineManagerId === person.id && person.id !== supervisee.id;
}

/** Takes part in a session or agreement: the supervisee or the supervisor named on it. */
export function isSupervisionParty(person: Person, subject: { superviseeId: string; supervisorId: string }): boolean {
  return mayChangeAnything(person) && (person.id === subject.superviseeId || person.id === subject.supervisorId);
}

/** May see someone's supervision sessions and agreements: they themselves, their line managers up the chain, and auditors. */
export function maySeeSupervision(person: Person, superviseeId: string, roster: Roster): boolean {
  if (!mayUseBot(person)) return false;
  return person.id === superviseeId || person.role === AUDITOR_ROLE || managesAnyOf(person, [superviseeId], roster);
}
