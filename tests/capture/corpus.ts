// Chat messages as managers type them, with what the parser must read from each.
// Shared by tests/capture/parse-message.test.ts and tests/bench/parse.bench.ts.
// Instants are ISO-8601 UTC; London is GMT in winter and BST (UTC+1) in summer.

export interface ExpectedAction {
  what?: string;
  owner?: string | null;
  /** ISO instant or null */
  due?: string | null;
  dueText?: string | null;
}

export interface ExpectedDraft {
  caseRef?: string | null;
  kind?: string | null;
  discussedAt?: string;
  discussedAtText?: string | null;
  participants?: string[];
  issue?: string | null;
  review?: string | null;
  options?: string[];
  decision?: string | null;
  decisionNotToAct?: boolean;
  rationale?: string | null;
  disagreements?: Array<{ who: string | null; view: string }>;
  noDisagreement?: boolean;
  actions?: ExpectedAction[];
  childViews?: string | null;
  missing?: string[];
}

export interface CorpusCase {
  name: string;
  /** The reference instant ("now") as ISO-8601 UTC. */
  now: string;
  text: string;
  endOfDay?: { hour: number; minute: number };
  expect: ExpectedDraft;
}

/** Monday 23 Nov 2026, 15:00 GMT. */
const MON = "2026-11-23T15:00:00.000Z";
/** Monday 23 Nov 2026, 10:00 GMT. */
const MON_AM = "2026-11-23T10:00:00.000Z";
/** Wednesday 25 Nov 2026, 12:00 GMT. */
const WED = "2026-11-25T12:00:00.000Z";
/** Friday 27 Nov 2026, 15:30 GMT (Friday afternoon). */
const FRI_PM = "2026-11-27T15:30:00.000Z";
/** Saturday 28 Mar 2026, 10:00 GMT: clocks go forward to BST at 01:00 GMT tomorrow. */
const SPRING_SAT = "2026-03-28T10:00:00.000Z";
/** Sunday 29 Mar 2026, 13:00 BST: the day the clocks went forward. */
const SPRING_SUN = "2026-03-29T12:00:00.000Z";
/** Saturday 24 Oct 2026, 11:00 BST: clocks go back to GMT at 02:00 BST tomorrow. */
const AUTUMN_SAT = "2026-10-24T10:00:00.000Z";
/** Monday 26 Oct 2026, 09:00 GMT: the day after the clocks went back. */
const AUTUMN_MON = "2026-10-26T09:00:00.000Z";
/** Wednesday 15 Jul 2026, 10:30 BST. */
const SUMMER = "2026-07-15T09:30:00.000Z";
/** Wednesday 30 Dec 2026, 10:00 GMT. */
const YEAR_END = "2026-12-30T10:00:00.000Z";

export const CORPUS: CorpusCase[] = [
  {
    name: "design example (docs/design.md#the-example)",
    now: MON,
    text: `/oversight 4471-JB discussed today 14:10 with @sam.
Issue: missed two home visits, school reports bruising.
Options: strategy discussion; unannounced visit tomorrow.
Decision: unannounced visit tomorrow with police check beforehand.
Because: bruising plus missed visits raise risk; a strategy discussion would delay seeing the child.
Sam disagreed: preferred strategy discussion today.
Actions: Sam to visit by tomorrow 5pm; me to review Friday.`,
    expect: {
      caseRef: "4471-JB",
      kind: null,
      discussedAt: "2026-11-23T14:10:00.000Z",
      discussedAtText: "today 14:10",
      participants: ["@sam"],
      issue: "missed two home visits, school reports bruising",
      options: ["strategy discussion", "unannounced visit tomorrow"],
      decision: "unannounced visit tomorrow with police check beforehand",
      decisionNotToAct: false,
      rationale: "bruising plus missed visits raise risk; a strategy discussion would delay seeing the child",
      disagreements: [{ who: "Sam", view: "preferred strategy discussion today" }],
      noDisagreement: false,
      actions: [
        { what: "visit", owner: "Sam", due: "2026-11-24T17:00:00.000Z", dueText: "tomorrow 5pm" },
        { what: "review", owner: "me", due: "2026-11-27T17:30:00.000Z", dueText: "Friday" },
      ],
      childViews: null,
      missing: [],
    },
  },
  {
    name: "pure prose, terse: NFA with reason, owner closes by Fri",
    now: MON,
    text: "Spoke with Priya re 5567-AK at 9. Agreed NFA as mum engaging and school happy. Priya to close by Fri.",
    expect: {
      caseRef: "5567-AK",
      kind: null,
      discussedAt: "2026-11-23T09:00:00.000Z",
      discussedAtText: "at 9",
      participants: ["Priya"],
      decision: "NFA",
      decisionNotToAct: true,
      rationale: "mum engaging and school happy",
      actions: [{ what: "close", owner: "Priya", due: "2026-11-27T17:30:00.000Z", dueText: "Fri" }],
      options: [],
      missing: ["issue", "options"],
    },
  },
  {
    name: "duty manager, all inline on one line, options with slash",
    now: MON_AM,
    text: "CR-20931 Issue: DV incident overnight, police attended. Options: strategy discussion / safety plan with mum. Decision: strategy discussion today. Reason: child present during incident. Actions: @jo convene strat disc by 4pm.",
    expect: {
      caseRef: "CR-20931",
      kind: "strategy-discussion",
      discussedAt: MON_AM,
      discussedAtText: null,
      participants: [],
      issue: "DV incident overnight, police attended",
      options: ["strategy discussion", "safety plan with mum"],
      decision: "strategy discussion today",
      rationale: "child present during incident",
      actions: [{ what: "convene strat disc", owner: "@jo", due: "2026-11-23T16:00:00.000Z", dueText: "4pm" }],
      missing: [],
    },
  },
  {
    name: "long-winded senior: headings on their own lines, bullets, numbered options",
    now: MON,
    text: `Management oversight – MOS123456

Discussed in supervision with Priya Shah (SW) yesterday at 3pm.

Presenting issue
- Referral from school: child disclosed being hit with a belt
- Previous CIN plan closed in March

Review of previous actions
- Home visit completed 10/11, no concerns noted at the time

Options considered
1. Strategy discussion with police and health
2. Single agency assessment
3. No further action

Decision
Strategy discussion to be convened today.

Rationale
Disclosure of physical chastisement with an implement meets the threshold for a s47 enquiry.

Disagreements: none

Actions
- Priya to request strategy discussion by 5pm today
- Me to review outcome on Wednesday`,
    expect: {
      caseRef: "MOS123456",
      kind: "strategy-discussion",
      discussedAt: "2026-11-22T15:00:00.000Z",
      discussedAtText: "yesterday at 3pm",
      participants: ["Priya Shah"],
      issue: "Referral from school: child disclosed being hit with a belt; Previous CIN plan closed in March",
      review: "Home visit completed 10/11, no concerns noted at the time",
      options: ["Strategy discussion with police and health", "Single agency assessment", "No further action"],
      decision: "Strategy discussion to be convened today",
      decisionNotToAct: false,
      rationale: "Disclosure of physical chastisement with an implement meets the threshold for a s47 enquiry",
      disagreements: [],
      noDisagreement: true,
      actions: [
        { what: "request strategy discussion", owner: "Priya", due: "2026-11-23T17:00:00.000Z" },
        { what: "review outcome", owner: "Me", due: "2026-11-25T17:30:00.000Z", dueText: "Wednesday" },
      ],
      missing: [],
    },
  },
  {
    name: "typos in every label",
    now: MON,
    text: `EHM-778
Isue: mum not engaging with early help, attendance 62%
Optons: step up to CIN; continue EH with new worker
Decison: step up to CIN
Rationle: three months without progress, attendance falling
Actons: Sam to transfer to CIN team by 30/11`,
    expect: {
      caseRef: "EHM-778",
      kind: "step-up",
      issue: "mum not engaging with early help, attendance 62%",
      options: ["step up to CIN", "continue EH with new worker"],
      decision: "step up to CIN",
      rationale: "three months without progress, attendance falling",
      actions: [{ what: "transfer to CIN team", owner: "Sam", due: "2026-11-30T17:30:00.000Z", dueText: "30/11" }],
      missing: [],
    },
  },
  {
    name: "sections out of order, dash- and colon-owned actions, ' or ' options",
    now: MON,
    text: `Because: dad has moved back in despite the safety plan
Decision: step up to child protection, ICPC
Case ref: LL/5567
Concerns: dad's return, mum minimising
Options: ICPC or continue CIN with revised safety plan
Actions:
* Priya - book ICPC - 7/12
* me: inform IRO by tomorrow`,
    expect: {
      caseRef: "LL/5567",
      kind: "step-up",
      rationale: "dad has moved back in despite the safety plan",
      decision: "step up to child protection, ICPC",
      issue: "dad's return, mum minimising",
      options: ["ICPC", "continue CIN with revised safety plan"],
      actions: [
        { what: "book ICPC", owner: "Priya", due: "2026-12-07T17:30:00.000Z", dueText: "7/12" },
        { what: "inform IRO", owner: "me", due: "2026-11-24T17:30:00.000Z", dueText: "tomorrow" },
      ],
      missing: [],
    },
  },
  {
    name: "decision not to act, explicit no disagreement, initials+digits ref",
    now: MON,
    text: "Oversight JB 4471: discussed with @amy this morning. Concern: anonymous referral re home conditions. Options: visit; NFA. Decision: no further action. Rationale: home visit last week found the home clean and children well; referrer's account not corroborated. No disagreement.",
    expect: {
      caseRef: "JB 4471",
      kind: null,
      discussedAt: "2026-11-23T09:00:00.000Z",
      discussedAtText: "this morning",
      participants: ["@amy"],
      issue: "anonymous referral re home conditions",
      options: ["visit", "NFA"],
      decision: "no further action",
      decisionNotToAct: true,
      rationale: "home visit last week found the home clean and children well; referrer's account not corroborated",
      disagreements: [],
      noDisagreement: true,
      missing: [],
    },
  },
  {
    name: "closure is a decision to act; Kind label; end of week",
    now: MON,
    text: "Case: 88123. Kind: closure. Issue: CIN plan goals met. Options: close; step down to early help. Decision: close the case. Why: all plan goals achieved for 3 months, family agree. Actions: Sam to send closure letter by end of week.",
    expect: {
      caseRef: "88123",
      kind: "closure",
      issue: "CIN plan goals met",
      options: ["close", "step down to early help"],
      decision: "close the case",
      decisionNotToAct: false,
      rationale: "all plan goals achieved for 3 months, family agree",
      actions: [{ what: "send closure letter", owner: "Sam", due: "2026-11-27T17:30:00.000Z", dueText: "end of week" }],
      missing: [],
    },
  },
  {
    name: "'case 88123' in prose, allocation decided after a dash",
    now: MON,
    text: "Quick one on case 88123 - agreed to allocate to Jo as she knows the family. No disagreements. Jo to make first visit within 5 days.",
    expect: {
      caseRef: "88123",
      kind: "allocation",
      decision: "allocate to Jo",
      rationale: "she knows the family",
      noDisagreement: true,
      disagreements: [],
      participants: [],
      actions: [{ what: "make first visit", owner: "Jo", due: "2026-11-28T17:30:00.000Z", dueText: "within 5 days" }],
      missing: ["issue", "options"],
    },
  },
  {
    name: "Disagreement label with 'Sam felt…', Type label step down",
    now: MON,
    text: `Ref: CR-30012
Type: step down
Issue: CP plan for 9 months, risks reduced
Options: step down to CIN / remain on CP plan
Decision: step down to CIN at review conference
Rationale: dad engaged with DV programme, no incidents since June
Disagreement: Sam felt it is too early as dad only finished the programme last month
Actions: Sam to update the plan before conference`,
    expect: {
      caseRef: "CR-30012",
      kind: "step-down",
      options: ["step down to CIN", "remain on CP plan"],
      decision: "step down to CIN at review conference",
      rationale: "dad engaged with DV programme, no incidents since June",
      disagreements: [{ who: "Sam", view: "felt it is too early as dad only finished the programme last month" }],
      participants: ["Sam"],
      noDisagreement: false,
      actions: [{ what: "update the plan before conference", owner: "Sam", due: null, dueText: null }],
      missing: [],
    },
  },
  {
    name: "child's views label, 'tonight' due",
    now: MON,
    text: `4471-JB
Issue: Kayla (12) missing from home twice this week
Child's views: says she wants to stay with her nan and feels unsafe with mum's partner
Options: return home with safety plan; placement with nan (connected person)
Decision: placement with nan under s20 while assessment completed
Rationale: Kayla's views, two missing episodes and nan is a safe, known adult
Actions: me to ring nan tonight`,
    expect: {
      caseRef: "4471-JB",
      childViews: "says she wants to stay with her nan and feels unsafe with mum's partner",
      options: ["return home with safety plan", "placement with nan (connected person)"],
      decision: "placement with nan under s20 while assessment completed",
      rationale: "Kayla's views, two missing episodes and nan is a safe, known adult",
      actions: [{ what: "ring nan", owner: "me", due: "2026-11-23T18:00:00.000Z", dueText: "tonight" }],
      missing: [],
    },
  },
  {
    name: "prose: child's words, decided + because, disagreement with participle, next Tuesday",
    now: WED,
    text: "Discussed 5567-AK with Tom on Monday. Jay told us he wants to stay at his dad's. Decided to extend the assessment by two weeks because dad's housing is not confirmed. Tom disagreed, wanting a decision now. Tom to chase housing by next Tuesday.",
    expect: {
      caseRef: "5567-AK",
      discussedAt: "2026-11-23T12:00:00.000Z",
      discussedAtText: "Monday",
      participants: ["Tom"],
      childViews: "Jay told us he wants to stay at his dad's",
      decision: "extend the assessment by two weeks",
      rationale: "dad's housing is not confirmed",
      disagreements: [{ who: "Tom", view: "wanting a decision now" }],
      actions: [{ what: "chase housing", owner: "Tom", due: "2026-12-01T17:30:00.000Z", dueText: "next Tuesday" }],
      missing: ["issue", "options"],
    },
  },
  {
    name: "spring clock change: 'review Monday' said on the Saturday before is 17:30 BST",
    now: SPRING_SAT,
    text: `MOS778812 discussed with Lee.
Issue: CIN plan outcomes met, family settled.
Options: step down to early help; stay on CIN.
Decision: step down to early help.
Rationale: plan outcomes met for two reviews.
Actions: Lee to do closing visit Monday 10am; me to review Monday.`,
    expect: {
      caseRef: "MOS778812",
      kind: "step-down",
      participants: ["Lee"],
      discussedAt: SPRING_SAT,
      discussedAtText: null,
      actions: [
        { what: "do closing visit", owner: "Lee", due: "2026-03-30T09:00:00.000Z", dueText: "Monday 10am" },
        { what: "review", owner: "me", due: "2026-03-30T16:30:00.000Z", dueText: "Monday" },
      ],
      missing: [],
    },
  },
  {
    name: "autumn clock change: 'in 2 days at 3pm' is 15:00 GMT",
    now: AUTUMN_SAT,
    text: "Case ref CR-44120. Discussed with Ana at 10. Issue: baby missed health checks. Options: joint visit with HV or letter to parents. Decision: joint visit with HV. Rationale: baby under 1, missed checks are a red flag. Actions: Ana to visit in 2 days at 3pm.",
    expect: {
      caseRef: "CR-44120",
      discussedAt: "2026-10-24T09:00:00.000Z",
      discussedAtText: "at 10",
      participants: ["Ana"],
      options: ["joint visit with HV", "letter to parents"],
      decision: "joint visit with HV",
      rationale: "baby under 1, missed checks are a red flag",
      actions: [{ what: "visit", owner: "Ana", due: "2026-10-26T15:00:00.000Z", dueText: "in 2 days at 3pm" }],
      missing: [],
    },
  },
  {
    name: "'by Friday' said on Friday afternoon is next Friday, not two weeks; 'today' is today",
    now: FRI_PM,
    text: "/oversight CR-1200 with @lee. Issue: school refusal. Options: EHA; refer to attendance team. Decision: EHA. Rationale: low level, family asking for help. Actions: @lee to start EHA by Friday; me to update mum today.",
    expect: {
      caseRef: "CR-1200",
      participants: ["@lee"],
      options: ["EHA", "refer to attendance team"],
      actions: [
        { what: "start EHA", owner: "@lee", due: "2026-12-04T17:30:00.000Z", dueText: "Friday" },
        { what: "update mum", owner: "me", due: "2026-11-27T17:30:00.000Z", dueText: "today" },
      ],
      missing: [],
    },
  },
  {
    name: "@handle colon owner, day-first 25/11",
    now: MON,
    text: "oversight CR-31313 Issue: poor attendance. Options: attendance panel; EHA. Decision: EHA. Rationale: parents asking for support. Actions: @priya: chase school report by 25/11",
    expect: {
      caseRef: "CR-31313",
      actions: [{ what: "chase school report", owner: "@priya", due: "2026-11-25T17:30:00.000Z", dueText: "25/11" }],
      missing: [],
    },
  },
  {
    name: "day/month across the new year rolls to next year",
    now: YEAR_END,
    text: "CR-5005. Issue: mum in hospital. Options: family network care; s20. Decision: family network care with nan. Because: nan known and safe. Actions: Sam to review by 5/1.",
    expect: {
      caseRef: "CR-5005",
      rationale: "nan known and safe",
      actions: [{ what: "review", owner: "Sam", due: "2027-01-05T17:30:00.000Z", dueText: "5/1" }],
      missing: [],
    },
  },
  {
    name: "long prose: considered X or Y, we agreed that … because …, did not agree and felt",
    now: "2026-11-23T16:30:00.000Z",
    text: "I met with Hannah and Priya this afternoon about 4471-JB following the police notification of a DV incident at the weekend. We considered a strategy discussion or a single agency assessment. We agreed that a strategy discussion is needed today because the children were present and mum has a new partner with DV history. Hannah did not agree and felt an assessment would be more proportionate. Priya to arrange the strategy discussion by 5pm.",
    expect: {
      caseRef: "4471-JB",
      kind: "strategy-discussion",
      discussedAt: "2026-11-23T14:00:00.000Z",
      discussedAtText: "this afternoon",
      participants: ["Hannah", "Priya"],
      issue: "following the police notification of a DV incident at the weekend",
      options: ["a strategy discussion", "a single agency assessment"],
      decision: "a strategy discussion is needed today",
      rationale: "the children were present and mum has a new partner with DV history",
      disagreements: [{ who: "Hannah", view: "felt an assessment would be more proportionate" }],
      actions: [{ what: "arrange the strategy discussion", owner: "Priya", due: "2026-11-23T17:00:00.000Z", dueText: "5pm" }],
      missing: [],
    },
  },
  {
    name: "'All agreed to …' is both the decision and no disagreement; no line break before it",
    now: MON,
    text: "5567-AK. Issue: neglect concerns, home conditions poor. Options: PLO; continue CP. All agreed to continue CP plan with a clear written agreement as there has been some progress. Actions: Priya to draft written agreement by Thursday.",
    expect: {
      caseRef: "5567-AK",
      options: ["PLO", "continue CP"],
      decision: "continue CP plan with a clear written agreement",
      rationale: "there has been some progress",
      noDisagreement: true,
      disagreements: [],
      actions: [{ what: "draft written agreement", owner: "Priya", due: "2026-11-26T17:30:00.000Z", dueText: "Thursday" }],
      missing: [],
    },
  },
  {
    name: "'Plan:' is the decision when there is no Decision; 'Disagreements: none'",
    now: MON,
    text: `Case: EHM-5521
Issue: housing disrepair, damp in baby's room
Options: support letter to housing; section 17 funding for dehumidifier
Plan: support letter to housing and s17 funding
Rationale: quickest way to reduce risk to baby
Disagreements: none`,
    expect: {
      caseRef: "EHM-5521",
      options: ["support letter to housing", "section 17 funding for dehumidifier"],
      decision: "support letter to housing and s17 funding",
      decisionNotToAct: false,
      noDisagreement: true,
      disagreements: [],
      actions: [],
      missing: [],
    },
  },
  {
    name: "'Plan:' after a Decision holds the actions; role owners; within / in N weeks",
    now: MON,
    text: "CR-7781 Decision: step up to CIN. Reason: repeated neglect referrals. Options: step up; stay with EH. Plan: SW to complete assessment within 45 days; TM to review in 4 weeks",
    expect: {
      caseRef: "CR-7781",
      kind: "step-up",
      decision: "step up to CIN",
      rationale: "repeated neglect referrals",
      options: ["step up", "stay with EH"],
      actions: [
        { what: "complete assessment", owner: "SW", due: "2027-01-07T17:30:00.000Z", dueText: "within 45 days" },
        { what: "review", owner: "TM", due: "2026-12-21T17:30:00.000Z", dueText: "in 4 weeks" },
      ],
      missing: ["issue"],
    },
  },
  {
    name: "labels followed by ' - ' instead of colons",
    now: MON,
    text: `Case - CR-20931
Issue - repeated missing episodes
Options - return interview; child exploitation screening
Decision - complete CE screening tool and refer to MACE
Rationale - three missing episodes in a month, older associates
Actions - Priya to complete screening by Wednesday`,
    expect: {
      caseRef: "CR-20931",
      issue: "repeated missing episodes",
      options: ["return interview", "child exploitation screening"],
      decision: "complete CE screening tool and refer to MACE",
      rationale: "three missing episodes in a month, older associates",
      actions: [{ what: "complete screening", owner: "Priya", due: "2026-11-25T17:30:00.000Z", dueText: "Wednesday" }],
      missing: [],
    },
  },
  {
    name: "unicode bullets and '1)' numbering under headings",
    now: MON,
    text: `oversight MOS123987
Issue:
• parents separated, contact dispute
• child upset after contact
Options:
1) refer to family mediation
2) child and family assessment
Decision: child and family assessment
Rationale: impact on child unclear
Actions:
• Jo to see child alone by next Friday`,
    expect: {
      caseRef: "MOS123987",
      issue: "parents separated, contact dispute; child upset after contact",
      options: ["refer to family mediation", "child and family assessment"],
      decision: "child and family assessment",
      rationale: "impact on child unclear",
      actions: [{ what: "see child alone", owner: "Jo", due: "2026-11-27T17:30:00.000Z", dueText: "next Friday" }],
      missing: [],
    },
  },
  {
    name: "almost nothing: no case, no decision",
    now: MON,
    text: "Spoke to Ravi about a family on his caseload, will follow up.",
    expect: {
      caseRef: null,
      participants: ["Ravi"],
      issue: "a family on his caseload, will follow up",
      decision: null,
      options: [],
      actions: [],
      missing: ["caseRef", "options", "decision", "rationale"],
    },
  },
  {
    name: "a name under 'Case:' is kept as typed (the names guard flags it)",
    now: MON,
    text: "Case: Jayden Smith\nIssue: exclusion from school\nDecision: EHA\nBecause: first exclusion, parents engaged",
    expect: {
      caseRef: "Jayden Smith",
      participants: [],
      issue: "exclusion from school",
      decision: "EHA",
      rationale: "first exclusion, parents engaged",
      missing: ["options"],
    },
  },
  {
    name: "a time later than now in a discussion is yesterday's",
    now: MON_AM,
    text: "CR-55012 discussed with EDT at 23:00 re overnight police protection. Decision: s20 placement overnight. Rationale: no safe adult at home. Options: police protection; s20.",
    expect: {
      caseRef: "CR-55012",
      discussedAt: "2026-11-22T23:00:00.000Z",
      discussedAtText: "at 23:00",
      participants: [],
      issue: "overnight police protection",
      options: ["police protection", "s20"],
      missing: [],
    },
  },
  {
    name: "'tomorrow' is not a discussion time; 'just now' is now",
    now: MON,
    text: "CR-66001: meeting tomorrow with school planned. Discussed with Sam just now. Decision: wait for meeting. Because: school has key information.",
    expect: {
      caseRef: "CR-66001",
      discussedAt: MON,
      discussedAtText: null,
      participants: ["Sam"],
      decision: "wait for meeting",
      rationale: "school has key information",
      issue: null,
      missing: ["issue", "options"],
    },
  },
  {
    name: "'yesterday 3pm' said on the day the clocks went forward is 15:00 GMT",
    now: SPRING_SUN,
    text: "MOS100200 discussed yesterday 3pm with @kim. Issue: self-harm disclosure. Options: CAMHS referral; GP. Decision: urgent CAMHS referral. Rationale: disclosure of plans. Actions: @kim to refer by tomorrow 12pm.",
    expect: {
      caseRef: "MOS100200",
      discussedAt: "2026-03-28T15:00:00.000Z",
      discussedAtText: "yesterday 3pm",
      participants: ["@kim"],
      actions: [{ what: "refer", owner: "@kim", due: "2026-03-30T11:00:00.000Z", dueText: "tomorrow 12pm" }],
      missing: [],
    },
  },
  {
    name: "'on Friday at 4pm' said the Monday after the clocks went back is 16:00 BST",
    now: AUTUMN_MON,
    text: "CR-80808 - discussed on Friday at 4pm with Mo. Issue: DV disclosure by mum. Options: MARAC referral; safety plan only. Decision: MARAC referral and safety plan. Rationale: high DASH score.",
    expect: {
      caseRef: "CR-80808",
      discussedAt: "2026-10-23T15:00:00.000Z",
      discussedAtText: "Friday at 4pm",
      participants: ["Mo"],
      missing: [],
    },
  },
  {
    name: "'earlier at 9:15'",
    now: MON,
    text: "4471-JB - spoke with Dee earlier at 9:15. Issue: missed contact. Options: rearrange; review contact plan. Decision: rearrange contact. Rationale: first missed contact.",
    expect: { discussedAt: "2026-11-23T09:15:00.000Z", discussedAtText: "at 9:15", participants: ["Dee"], missing: [] },
  },
  {
    name: "several participants in one list",
    now: MON,
    text: "/oversight CR-90001 with @sam, @priya and Jo. Issue: sibling assessment overdue. Options: extend; complete now. Decision: extend by 10 working days. Rationale: awaiting police checks.",
    expect: { caseRef: "CR-90001", participants: ["@sam", "@priya", "Jo"], missing: [] },
  },
  {
    name: "synonyms: Problem / Alternatives / Agreed / Reasons for decision / Next steps",
    now: MON,
    text: `CR-1111
Problem: teenager sofa-surfing
Alternatives: Southwark judgment assessment; family mediation
Agreed: Southwark judgment assessment
Reasons for decision: 16 year old homeless, duty to assess
Next steps: Sam to complete assessment by 4/12`,
    expect: {
      issue: "teenager sofa-surfing",
      options: ["Southwark judgment assessment", "family mediation"],
      decision: "Southwark judgment assessment",
      rationale: "16 year old homeless, duty to assess",
      actions: [{ what: "complete assessment", owner: "Sam", due: "2026-12-04T17:30:00.000Z" }],
      missing: [],
    },
  },
  {
    name: "synonyms: Presenting issue / Choices / Outcome / Dissent / To do",
    now: MON,
    text: `MOS55555
Presenting issue: baby with unexplained bruise
Choices: strategy discussion; medical first
Outcome: child protection medical today, then strategy discussion
Dissent: Sam - preferred strategy discussion first
To do: Sam to book medical today`,
    expect: {
      issue: "baby with unexplained bruise",
      options: ["strategy discussion", "medical first"],
      decision: "child protection medical today, then strategy discussion",
      disagreements: [{ who: "Sam", view: "preferred strategy discussion first" }],
      participants: ["Sam"],
      actions: [{ what: "book medical", owner: "Sam", due: "2026-11-23T17:30:00.000Z", dueText: "today" }],
      missing: ["rationale"],
    },
  },
  {
    name: "'A, B or C' options",
    now: MON,
    text: "CR-2222 Issue: private fostering arrangement. Options: assessment, advice only or NFA. Decision: private fostering assessment. Rationale: arrangement over 28 days.",
    expect: { options: ["assessment", "advice only", "NFA"], decisionNotToAct: false, missing: [] },
  },
  {
    name: "Slack bold labels",
    now: MON,
    text: "*Case:* CR-3333\n*Issue:* parental substance misuse\n*Options:* drug testing; EHA\n*Decision:* NFA at this time\n*Rationale:* tests negative, engaging with services",
    expect: { caseRef: "CR-3333", issue: "parental substance misuse", decision: "NFA at this time", decisionNotToAct: true, missing: [] },
  },
  {
    name: "'not to step up' is a decision not to act (kind still step up)",
    now: MON,
    text: "CR-4444. Issue: further low-level referral. Options: step up to CIN; continue EH. Decision: not to step up at this point, continue EH. Rationale: family engaging with EH worker.",
    expect: { kind: "step-up", decision: "not to step up at this point, continue EH", decisionNotToAct: true, missing: [] },
  },
  {
    name: "'Sam and I agreed' prose, with a rationale cue 'given'",
    now: MON,
    text: "Re LL/9090: Sam and I agreed to transfer to the LAC team given the care order was granted today. No disagreement. Options: transfer now; transfer after review.",
    expect: {
      caseRef: "LL/9090",
      kind: "transfer",
      participants: ["Sam"],
      decision: "transfer to the LAC team",
      rationale: "the care order was granted today",
      noDisagreement: true,
      missing: ["issue"],
    },
  },
  {
    name: "numbered options inline",
    now: MON,
    text: "CR-6666 Issue: repeated A&E attendance. Options: 1) NFA 2) EH referral 3) C&F assessment. Decision: C&F assessment. Rationale: pattern of injuries.",
    expect: { options: ["NFA", "EH referral", "C&F assessment"], decision: "C&F assessment", decisionNotToAct: false, missing: [] },
  },
  {
    name: "actions one per line without bullets",
    now: MON,
    text: `CR-7777
Issue: neglect, poor school attendance
Options: CIN; EH
Decision: CIN
Rationale: EH has not worked
Actions:
Sam to visit Thursday
Priya to call GP tomorrow 10am
me to review 1/12`,
    expect: {
      actions: [
        { what: "visit", owner: "Sam", due: "2026-11-26T17:30:00.000Z" },
        { what: "call GP", owner: "Priya", due: "2026-11-24T10:00:00.000Z", dueText: "tomorrow 10am" },
        { what: "review", owner: "me", due: "2026-12-01T17:30:00.000Z", dueText: "1/12" },
      ],
      missing: [],
    },
  },
  {
    name: "review, voice of the child, blank lines after headings",
    now: MON,
    text: `CR-8888

Review:

last plan actions all completed; school attendance up to 91%

Voice of the child
Mia says she likes her new school and wants to keep seeing her dad

Options: step down to EH; CIN to continue
Decision: step down to EH
Rationale: progress sustained for 6 months`,
    expect: {
      review: "last plan actions all completed; school attendance up to 91%",
      childViews: "Mia says she likes her new school and wants to keep seeing her dad",
      kind: "step-down",
      missing: ["issue"],
    },
  },
  {
    name: "custom end of working day",
    now: MON,
    endOfDay: { hour: 16, minute: 0 },
    text: "CR-9999 Issue: late assessment. Options: extend; escalate. Decision: extend. Rationale: family unwell. Actions: Sam to write up by Thursday.",
    expect: { actions: [{ what: "write up", owner: "Sam", due: "2026-11-26T16:00:00.000Z", dueText: "Thursday" }], missing: [] },
  },
  {
    name: "'X will …' action in prose, end of next week",
    now: MON,
    text: "CR-1212 discussed with Mo. Issue: chronology out of date. Decision: update chronology before conference. Rationale: conference in 3 weeks. Options: update; leave. Mo will complete the chronology by end of next week.",
    expect: {
      actions: [{ what: "complete the chronology", owner: "Mo", due: "2026-12-04T17:30:00.000Z", dueText: "end of next week" }],
      missing: [],
    },
  },
  {
    name: "'as soon as' is not a reason; 'because' is",
    now: MON,
    text: "CR-1313. Agreed to visit as soon as possible because mum is not answering the door. Options: visit; phone.",
    expect: { decision: "visit as soon as possible", rationale: "mum is not answering the door", missing: ["issue"] },
  },
  {
    name: "action without owner or date is still an action",
    now: MON,
    text: "CR-1414 Issue: threat to harm by dad. Options: police check; strategy discussion. Decision: police check before visit. Rationale: risk to worker. Actions: police check; Sam to visit with a colleague tomorrow.",
    expect: {
      actions: [
        { what: "police check", owner: null, due: null, dueText: null },
        { what: "visit with a colleague", owner: "Sam", due: "2026-11-24T17:30:00.000Z", dueText: "tomorrow" },
      ],
      missing: [],
    },
  },
  {
    name: "form-style action with em dashes",
    now: MON,
    text: "CR-1515 Issue: no contact with family for 3 weeks. Options: visit; letter. Decision: visit. Rationale: statutory visit overdue. Actions: visit family — @sam — Friday",
    expect: { actions: [{ what: "visit family", owner: "@sam", due: "2026-11-27T17:30:00.000Z", dueText: "Friday" }], missing: [] },
  },
  {
    name: "allocation decided in prose with a summer time",
    now: SUMMER,
    text: "New referral MOS246810 discussed with Jo at 10. Decided to allocate to Jo for a C&F assessment due to the level of concern. Options: allocate now or wait for duty team capacity. Jo to see the children by Friday.",
    expect: {
      caseRef: "MOS246810",
      kind: "allocation",
      discussedAt: "2026-07-15T09:00:00.000Z",
      participants: ["Jo"],
      decision: "allocate to Jo for a C&F assessment",
      rationale: "the level of concern",
      options: ["allocate now", "wait for duty team capacity"],
      actions: [{ what: "see the children", owner: "Jo", due: "2026-07-17T16:30:00.000Z", dueText: "Friday" }],
      missing: ["issue"],
    },
  },
  {
    name: "disagreement with a contrast word mid-sentence",
    now: MON,
    text: "CR-1616. Issue: dad requesting overnight contact. Options: overnight contact; day contact only. Decision: day contact only, although Priya disagreed as she thinks overnights are safe. Rationale: dad's recent police caution.",
    expect: {
      decision: "day contact only",
      disagreements: [{ who: "Priya", view: "she thinks overnights are safe" }],
      participants: ["Priya"],
      missing: [],
    },
  },
  {
    name: "'Disagreements:' list of people with views",
    now: MON,
    text: `CR-1717
Issue: kinship placement breaking down
Options: support package; foster placement
Decision: support package for 4 weeks
Rationale: child wants to stay
Disagreements:
- Sam: wanted foster placement now
- Priya felt the support package was too short`,
    expect: {
      disagreements: [
        { who: "Sam", view: "wanted foster placement now" },
        { who: "Priya", view: "felt the support package was too short" },
      ],
      participants: ["Sam", "Priya"],
      noDisagreement: false,
      missing: [],
    },
  },
  {
    name: "everything on one line without punctuation between sections",
    now: MON,
    text: "CR-1818 Issue: missed health appointments Options: HV visit or letter Decision: HV visit Rationale: baby under 6 months Actions: Sam to liaise with HV by Tuesday",
    expect: {
      issue: "missed health appointments",
      options: ["HV visit", "letter"],
      decision: "HV visit",
      rationale: "baby under 6 months",
      actions: [{ what: "liaise with HV", owner: "Sam", due: "2026-11-24T17:30:00.000Z", dueText: "Tuesday" }],
      missing: [],
    },
  },
  {
    name: "'Option 1:' / 'Option 2:' labels",
    now: MON,
    text: "CR-1919\nIssue: young carer\nOption 1: young carers assessment\nOption 2: signpost to young carers group\nDecision: young carers assessment\nRationale: caring role is significant",
    expect: { options: ["young carers assessment", "signpost to young carers group"], missing: [] },
  },
  {
    name: "decision cue after the words ('… agreed, …'), bare 'Sam disagreed.'",
    now: MON,
    text: "CR-5050 step up to CP agreed, ICPC to be booked. Sam disagreed.",
    expect: {
      caseRef: "CR-5050",
      kind: "step-up",
      decision: "step up to CP, ICPC to be booked",
      disagreements: [{ who: "Sam", view: "disagreed" }],
      participants: ["Sam"],
      issue: null,
      missing: ["issue", "options", "rationale"],
    },
  },
  {
    name: "prose with 'Options were', 'because of', and two actions in one sentence",
    now: MON,
    text: "CR-6060 with Sam - we agreed to hold a strategy discussion tomorrow because of new disclosure. Options were strategy discussion or single agency visit. Sam to book by 10am tomorrow, I will chair.",
    expect: {
      kind: "strategy-discussion",
      participants: ["Sam"],
      decision: "hold a strategy discussion tomorrow",
      rationale: "new disclosure",
      options: ["strategy discussion", "single agency visit"],
      actions: [
        { what: "book", owner: "Sam", due: "2026-11-24T10:00:00.000Z", dueText: "10am tomorrow" },
        { what: "chair", owner: "I", due: null, dueText: null },
      ],
      missing: ["issue"],
    },
  },
  {
    name: "bulleted decision and rationale under headings with colons",
    now: MON,
    text: "CR-7070\nDecision:\n- NFA\n- signpost to early help\nRationale:\n- parents engaging\n- no safeguarding concerns from school",
    expect: {
      decision: "NFA; signpost to early help",
      decisionNotToAct: true,
      rationale: "parents engaging; no safeguarding concerns from school",
      missing: ["issue", "options"],
    },
  },
];
