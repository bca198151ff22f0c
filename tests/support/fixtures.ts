import { emptyFields, type NoteFields } from "../../src/domain/note.ts";
import type { Person } from "../../src/domain/people.ts";

export function person(handle: string, role: string, extra: Partial<Person> = {}): Person {
  const name = handle.charAt(0).toUpperCase() + handle.slice(1);
  return {
    id: `p-${handle}`,
    handle,
    name: `${name} Worker`,
    role,
    team: "North",
    lineManagerId: null,
    deputyId: null,
    workingHours: null,
    leftAt: null,
    startedOn: null,
    newlyQualified: false,
    email: null,
    active: true,
    ...extra,
    identities: [{ platform: "console", externalId: handle }, ...(extra.identities ?? [])],
  };
}

/** A small team: practitioners sam and priya, managed by tm mo, whose manager is sm lee; aud is an auditor; out is in another team. */
export function team(): Person[] {
  return [
    person("lee", "service-manager"),
    person("mo", "team-manager", { lineManagerId: "p-lee" }),
    person("sam", "practitioner", { lineManagerId: "p-mo", identities: [{ platform: "slack", externalId: "U0SAM" }] }),
    person("priya", "senior-practitioner", { lineManagerId: "p-mo" }),
    person("aud", "auditor", { team: null }),
    person("out", "practitioner", { team: "South" }),
  ];
}

export function completeFields(overrides: Partial<NoteFields> = {}): NoteFields {
  return {
    ...emptyFields(new Date("2026-11-23T14:10:00Z")),
    caseRef: "4471-JB",
    participantIds: ["p-mo", "p-sam"],
    issue: "Missed two home visits; school reports bruising.",
    options: [
      { text: "Strategy discussion", chosen: false },
      { text: "Unannounced visit tomorrow", chosen: true },
    ],
    decision: "Unannounced visit tomorrow with police check beforehand.",
    rationale: "Bruising plus missed visits raise risk.",
    reviewDoesNotApply: "first note on this case",
    disagreements: [{ who: "p-sam", view: "Preferred a strategy discussion today." }],
    childViewsDoesNotApply: "not discussed: to be asked at tomorrow's visit",
    actions: [
      { what: "Visit", ownerId: "p-sam", ownerText: null, dueAt: new Date("2026-11-24T17:00:00Z") },
      { what: "Review", ownerId: "p-mo", ownerText: null, dueAt: new Date("2026-11-27T17:30:00Z") },
    ],
    ...overrides,
  };
}

/** The example message of docs/design.md#the-example. */
export const DESIGN_EXAMPLE = `/oversight 4471-JB discussed today 14:10 with @sam.
Issue: missed two home visits, school reports bruising.
Options: strategy discussion; unannounced visit tomorrow.
Decision: unannounced visit tomorrow with police check beforehand.
Because: bruising plus missed visits raise risk; a strategy discussion would delay seeing the child.
Sam disagreed: preferred strategy discussion today.
Actions: Sam to visit by tomorrow 5pm; me to review Friday.`;

/**
 * docs/design.md's example with the child's views, the one part of a complete record it leaves
 * out (issue 14 item 5: a note is not recorded without them, or why they do not apply). The
 * review of previous decisions and actions is the bot's to fill ("first note on this case").
 */
export const COMPLETE_EXAMPLE = `${DESIGN_EXAMPLE}
Child's views: says she is scared when mum's partner is at home.`;

/** Issue 14's "Why": a decision typed the way managers really write (sam named without @). */
export const MESSY_EXAMPLE =
  "spoke to sam re 5521-KT just now - mum not engaging, agreed we step up to CP strategy discussion this week because of the new DV incident; sam wasn't sure, thought TAF first. sam to arrange strat by thurs";
