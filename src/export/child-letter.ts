import { londonParts } from "../domain/london-time.ts";
import type { Prompts, PromptKey } from "../prompts/prompts.ts";
import type { NoteRecord } from "../services/view-note.ts";
import { purgedStatement } from "./note-text.ts";

/** The roles with words of their own in a letter ("social worker"); others are written as they are. */
export const LETTER_ROLES = ["practitioner", "senior-practitioner", "team-manager", "service-manager", "head-of-service"] as const;

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "Monday 23 November 2026": a London day in words, without the time. */
function dayInWords(instant: Date): string {
  const p = londonParts(instant);
  return `${DAYS[p.weekday]} ${p.day} ${MONTHS[p.month - 1]} ${p.year}`;
}

/**
 * The note written to the child or young person [Kent 002]: a letter they could read, saying
 * what was decided, why, what they told us and what happens next, in the note's latest
 * version. Only what is written for them: no options weighed, staff disagreements, comments,
 * amendments, statuses, versions or field names, and never a name but the staff's own (the
 * case reference is at the foot, for filing). Every word around the note's own is in
 * prompts/ (`letter.*`).
 */
export function noteAsChildLetter(record: NoteRecord, prompts: Prompts): string {
  const { note, directory } = record;
  const f = note.fields;
  const say = prompts.say;
  const staff = (id: string) => {
    const person = directory.get(id);
    if (!person) return directory.nameOf(id);
    const known = (LETTER_ROLES as readonly string[]).includes(person.role);
    const role = known ? say(`letter.role.${person.role}` as PromptKey) : person.role.replace(/-/g, " ");
    return say("letter.person", { name: person.name, role });
  };
  const together = (items: string[]) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} ${say("letter.and")} ${items.at(-1)}`);
  const recorder = note.recorderId ? directory.nameOf(note.recorderId) : null;

  const out: string[] = [say("letter.title", { date: dayInWords(f.discussedAt) }), ""];
  // Nothing left to write to the child: the letter says where the note is instead.
  if (note.purgedAt) return [...out, purgedStatement(record, prompts), ""].join("\n");
  out.push(say("letter.opening", { date: dayInWords(f.discussedAt), people: together(f.participantIds.map(staff)) }), "");
  const section = (heading: PromptKey, body: string | null | undefined) => {
    if (body?.trim()) out.push(say(heading), body.trim(), "");
  };
  section("letter.talked-about", f.issue);
  section("letter.decided", f.decision);
  section("letter.why", f.rationale);
  out.push(say("letter.you-said"), f.childViews?.trim() || say("letter.you-said-none"), "");
  const next = note.actions.map((a) => {
    const who = a.ownerId ? directory.nameOf(a.ownerId) : a.ownerText;
    const due = a.dueAt ? dayInWords(a.dueAt) : null;
    const key: PromptKey = who && due ? "letter.action" : who ? "letter.action-no-date" : due ? "letter.action-no-owner" : "letter.action-only";
    // After "Sam Worker will": "Visit" reads "visit"; "CAMHS referral" stays as written.
    const what = who ? a.what.replace(/^[A-Z](?=[a-z]*\b)/, (c) => c.toLowerCase()) : a.what;
    return `- ${say(key, { what, who: who ?? "", due: due ?? "" })}`;
  });
  out.push(say("letter.next"), next.length ? next.join("\n") : say("letter.next-none"), "");
  out.push(say("letter.closing", { contact: recorder ?? say("letter.contact-default") }), "");
  if (recorder) out.push(say("letter.from", { name: recorder }));
  if (f.caseRef) out.push(say("letter.reference", { caseRef: f.caseRef }));
  return out.join("\n").trimEnd() + "\n";
}
