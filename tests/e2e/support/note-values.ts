import { chosenTitle, type CardInput } from "./playground-chat.ts";

// What the test types into the note card when an input is required and empty, or shows a
// problem: plausible values a manager would give, in the form's own syntax (handles,
// "@owner: what by dd/mm/yyyy hh:mm"), none of them a name the names guard would flag.

/** London calendar date `days` from `now` (the bot's clock), as "YYYY-MM-DD". */
export function londonDate(days: number, now: Date): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const typedDate = (iso: string) => iso.split("-").reverse().join("/"); // "24/11/2026"

export interface Team {
  manager: string;
  practitioner: string;
}

/** The value to give an input, on the bot's clock at `now` (a choice's value for a choice set), or null to leave it alone. */
export function noteValue(input: CardInput, team: Team, now: Date): string | null {
  const yesterday = londonDate(-1, now);
  switch (input.id) {
    case "caseRef":
      return "4471-JB";
    case "discussedAt--date":
      return yesterday;
    case "discussedAt--time":
      return "14:00";
    case "discussedAt":
      return `${typedDate(yesterday)} 14:00`;
    case "participants":
      return `@${team.manager}, @${team.practitioner}`;
    case "recorder":
      return `@${team.manager}`;
    case "issue":
      return "School raised attendance concerns.";
    case "review":
      return "No previous actions on this case.";
    case "options":
      return "* Visit the family this week\nWait for the school's next report";
    case "decision":
      return `@${team.practitioner} visits the family by Friday 5pm.`;
    case "rationale":
      return "School raised attendance concerns.";
    case "disagreements":
      return "none";
    case "actions":
      return `@${team.practitioner}: visit the family by ${typedDate(londonDate(7, now))} 17:00`;
    case "childViews":
      return "Not yet known; to be asked at the visit.";
    case "lateReason":
      return "Recorded late by the end-to-end test.";
    case "nameCheck":
      return null; // a flagged name is the bot's finding to report, not for the test to wave through
  }
  if (input.type === "Input.ChoiceSet") return firstChoice(input);
  if (input.type.startsWith("Input.Text")) return "Discussed in the end-to-end test.";
  return null;
}

/** Whether an input has nothing in it (a choice set: nothing, or a blank choice, chosen). */
export function isEmpty(input: CardInput): boolean {
  return input.type === "Input.ChoiceSet" ? chosenTitle(input) === "" : input.value.trim() === "";
}

/** The kind of note: an ad hoc decision if offered, else the first real choice. */
function firstChoice(input: CardInput): string | null {
  const real = input.choices.filter((c) => c.title.trim() !== "");
  return (real.find((c) => /ad.?hoc/i.test(c.title)) ?? real[0])?.value ?? null;
}
