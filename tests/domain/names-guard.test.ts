import { describe, expect, it } from "vitest";
import { allowedWordsFrom, findNameInCaseRef, findNameInChildViews, findNameInText } from "../../src/domain/names-guard.ts";

const staff = allowedWordsFrom([
  { name: "Sam Taylor", handle: "sam" },
  { name: "Mo Ahmed", handle: "mo" },
  { name: "Priya Shah", handle: "priya" },
]);

describe("names guard: case reference", () => {
  it.each([
    ["Jayden Smith", true],
    ["jayden", true],
    ["Amelia", true],
    ["Baby Amelia", true],
    ["4471-JB", false],
    ["CR-20931", false],
    ["MOS123456", false],
    ["LL/5567", false],
    ["JB 4471", false],
    ["EHM-778", false],
    ["Smith 4471", true],
    ["JAYDEN 4471", true],
    ["MOS 4471", false],
  ])("%s flagged: %s", (caseRef, flagged) => {
    expect(findNameInCaseRef(caseRef, staff) !== null).toBe(flagged);
  });
});

describe("names guard: free text", () => {
  it.each([
    ["Jayden Smith was seen at school", "Jayden Smith"],
    ["concerns about baby Amelia's weight", "baby Amelia"],
    ["the newborn Noah has not been registered", "newborn Noah"],
    ["Olivia told the worker she is scared at home", "Olivia"],
    ["Sam disagreed and preferred a strategy discussion", null],
    ["Priya Shah to chase the school", null],
    ["School reports bruising; mum not engaging", null],
    ["Visit in May with police; will review", null],
    ["Mo to review on Friday", null],
    ["Tyrone Smith was seen", "Tyrone Smith"],
    ["jayden was seen at school", "jayden"],
    ["JAYDEN told school", "JAYDEN"],
    ["Kacey-Leigh disclosed to her teacher", "Kacey-Leigh"],
    ["Strategy Discussion held with Police and Health Visitor", null],
    ["max 3 visits a week; grace period agreed", null],
    ["Referral from Oakfield Primary School on Monday", null],
  ])("%s → %s", (text, words) => {
    expect(findNameInText("issue", text, staff)?.words ?? null).toBe(words);
  });
});

describe("names guard: words that are not names (issue 14 item 6)", () => {
  it.each(["Visits Tue-Thu only", "Mum works Mon-Fri", "Referred to Early-Help", "Step-Down to Early Help agreed", "Kinship carer Mon-Wed"])("%j is not flagged", (text) => {
    expect(findNameInText("issue", text, staff)).toBeNull();
  });
  it.each([
    ["Kacey-Leigh was at school", "Kacey-Leigh"],
    ["seen with Smith-Jones at the park", "Smith-Jones"],
  ])("%j still flags %j", (text, words) => {
    expect(findNameInText("issue", text, staff)?.words).toBe(words);
  });
});

describe("names guard: the child's views, where a child may share a staff member's first name", () => {
  const people = [
    { name: "Sam Taylor", handle: "sam" },
    { name: "Jo Bloggs", handle: "jo" },
  ];
  it.each([
    ["Jo wants to stay with her nan", "Jo"],
    ["Says Sam is her best friend and she wants to see him", "Sam"],
    ["Told Sam Taylor she wants to stay with her nan", null],
    ["Told @jo she is happy at school", null],
    ["Wants to stay with nan; likes Bloggs the teacher", null],
    ["Happy at home", null],
  ])("%j flags %j", (text, words) => {
    expect(findNameInChildViews(text, people)?.words ?? null).toBe(words);
  });
  it("elsewhere a staff first name alone is still a colleague", () => {
    expect(findNameInText("issue", "Jo to visit on Friday", allowedWordsFrom(people))).toBeNull();
  });
});
