// Chat messages typed the way managers really write (issue 14 item 1): lower case, no labels,
// abbreviations (strat, CP, CIN, TAF, LADO, IRO, DV, EH, FGC, PLO, s47), dashes, semicolons,
// colleagues named without "@" (the parser is given the team: messy-roster.csv), owners after
// the action, clock words ("10ish", "this am (9.30)"). Each case names every scored field;
// a field left out of `m(...)` is expected empty (null or []), and discussedAt defaults to now.
// Scored by tests/capture/messy-corpus.test.ts; figures: tests/capture/README.md.
import { readFileSync } from "node:fs";
import type { TeamMember } from "../../src/capture/parse-message.ts";
import type { CorpusCase, ExpectedDraft } from "./corpus.ts";

/** The team the messages name: tests/capture/messy-roster.csv (the roster CSV the bot imports). */
export const MESSY_TEAM: TeamMember[] = readFileSync(new URL("./messy-roster.csv", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [handle, name] = line.split(",");
    return { handle: handle!, name: name! };
  });

/** Friday 4 Dec 2026, 15:30 GMT. */
const FRI = "2026-12-04T15:30:00.000Z";
/** Thursday 3 Dec 2026, 17:00 GMT. */
const THU = "2026-12-03T17:00:00.000Z";
/** Tuesday 1 Dec 2026, 11:00 GMT. */
const TUE = "2026-12-01T11:00:00.000Z";
/** Monday 30 Nov 2026, 09:45 GMT. */
const MON = "2026-11-30T09:45:00.000Z";
/** Friday 20 Nov 2026, 14:00 GMT. */
const FRI_NOV = "2026-11-20T14:00:00.000Z";
/** Wednesday 15 Jul 2026, 16:00 BST. */
const SUMMER = "2026-07-15T15:00:00.000Z";

const eod = (day: string) => `${day}T17:30:00.000Z`;

function m(name: string, now: string, text: string, expect: ExpectedDraft): CorpusCase {
  return {
    name,
    now,
    text,
    expect: {
      discussedAt: now,
      participants: [],
      issue: null,
      options: [],
      decision: null,
      rationale: null,
      disagreements: [],
      actions: [],
      childViews: null,
      ...expect,
    },
  };
}

export const MESSY_CORPUS: CorpusCase[] = [
  m(
    "issue 14's walkthrough: lower-case colleague, 'just now -', doubt and action after a semicolon",
    FRI,
    "spoke to sam re 5521-KT just now - mum not engaging, agreed we step up to CP strategy discussion this week because of the new DV incident; sam wasn't sure, thought TAF first. sam to arrange strat by thurs",
    {
      caseRef: "5521-KT",
      participants: ["Sam"],
      issue: "mum not engaging",
      decision: "step up to CP strategy discussion this week",
      rationale: "the new DV incident",
      disagreements: [{ who: "Sam", view: "thought TAF first" }],
      actions: [{ what: "arrange strat", owner: "Sam", due: eod("2026-12-10") }],
    },
  ),
  m(
    "issue 19's message: 'Sam and I agreed today at 2pm that Sam visits … by Friday 5pm'",
    THU,
    "oversight 4471-JB: Sam and I agreed today at 2pm that Sam visits the family by Friday 5pm; rationale: school raised attendance concerns",
    {
      caseRef: "4471-JB",
      discussedAt: "2026-12-03T14:00:00.000Z",
      participants: ["Sam"],
      decision: "Sam visits the family by Friday 5pm",
      rationale: "school raised attendance concerns",
      actions: [{ what: "visit the family", owner: "Sam", due: "2026-12-04T17:00:00.000Z" }],
    },
  ),
  m(
    "'w/ priya 10ish', 'options were X or Y', 'going with', owner due today 2pm",
    TUE,
    "4471-JB - chat w/ priya 10ish. school rang, bruise on arm, mum says fell off bike. options were s47 or joint visit w/ school nurse. going with s47 strat as explanation doesn't fit the injury. priya to book strat by 2pm today",
    {
      caseRef: "4471-JB",
      discussedAt: "2026-12-01T10:00:00.000Z",
      participants: ["Priya"],
      issue: "school rang, bruise on arm, mum says fell off bike",
      options: ["s47", "joint visit w/ school nurse"],
      decision: "s47 strat",
      rationale: "explanation doesn't fit the injury",
      actions: [{ what: "book strat", owner: "Priya", due: "2026-12-01T14:00:00.000Z" }],
    },
  ),
  m(
    "'Ivan and I met this am (9.30)', 'missing since last night' stays in the issue, 'X not keen – thinks'",
    FRI,
    "re 6032-LM: Ivan and I met this am (9.30). yp missing since last night, third episode this month. we'll hold a strat discussion today because of the CSE risk. Ivan not keen – thinks return home interview first. Ivan to do the RHI by Mon",
    {
      caseRef: "6032-LM",
      discussedAt: "2026-12-04T09:30:00.000Z",
      participants: ["Ivan"],
      issue: "yp missing since last night, third episode this month",
      decision: "hold a strat discussion today",
      rationale: "the CSE risk",
      disagreements: [{ who: "Ivan", view: "thinks return home interview first" }],
      actions: [{ what: "do the RHI", owner: "Ivan", due: eod("2026-12-07") }],
    },
  ),
  m(
    "'me + Priya at lunch (12.30)', 'X vs. Y', 'Priya felt we should wait', owner after a dash",
    FRI,
    "7781-AB. me + Priya at lunch (12.30). dad back in the home despite the safety plan. options were ICPC vs. staying on CIN with a written agreement. Priya felt we should wait for the medical. decided ICPC as dad has DV history and mum can't protect. send ICPC request by 9/12 – Priya",
    {
      caseRef: "7781-AB",
      discussedAt: "2026-12-04T12:30:00.000Z",
      participants: ["Priya"],
      issue: "dad back in the home despite the safety plan",
      options: ["ICPC", "staying on CIN with a written agreement"],
      decision: "ICPC",
      rationale: "dad has DV history and mum can't protect",
      disagreements: [{ who: "Priya", view: "felt we should wait for the medical" }],
      actions: [{ what: "send ICPC request", owner: "Priya", due: eod("2026-12-09") }],
    },
  ),
  m(
    "'NFA as …', 'Jo agreed' is no disagreement, yesterday 4pm",
    TUE,
    "quick one - 3390-ZZ, spoke to Jo yesterday 4pm. neighbour referral re kids left home alone. NFA as older sibling is 16 and old enough to babysit. Jo agreed. Jo to send advice letter to mum by wed",
    {
      caseRef: "3390-ZZ",
      discussedAt: "2026-11-30T16:00:00.000Z",
      participants: ["Jo"],
      issue: "neighbour referral re kids left home alone",
      decision: "NFA",
      rationale: "older sibling is 16 and old enough to babysit",
      actions: [{ what: "send advice letter to mum", owner: "Jo", due: eod("2026-12-02") }],
    },
  ),
  m(
    "'we said X - reasons', a child's words at the end",
    THU,
    "LL/4410 discussed w/ hannah at 11. Options: step down to EH or keep CIN open another 3 months. We said step down to EH - family engaging well, school happy. Hannah to hand over to EH worker by 18/12. Child says she wants the social worker to stop coming.",
    {
      caseRef: "LL/4410",
      discussedAt: "2026-12-03T11:00:00.000Z",
      participants: ["Hannah"],
      options: ["step down to EH", "keep CIN open another 3 months"],
      decision: "step down to EH",
      rationale: "family engaging well, school happy",
      actions: [{ what: "hand over to EH worker", owner: "Hannah", due: eod("2026-12-18") }],
      childViews: "Child says she wants the social worker to stop coming",
    },
  ),
  m(
    "'10am Tues' is the last Tuesday; 'considered X or Y'; 'going with … because'",
    FRI,
    "10am Tues w/ Tom re 2209-PQ: baby's weight dropping, HV worried. considered PLO or continuing CP. going with PLO pre-proceedings because no progress in 6 months of CP plan. Tom wasn't sure, thought another review first. tom to ask legal for a PLO meeting by end of next week",
    {
      caseRef: "2209-PQ",
      discussedAt: "2026-12-01T10:00:00.000Z",
      participants: ["Tom"],
      issue: "baby's weight dropping, HV worried",
      options: ["PLO", "continuing CP"],
      decision: "PLO pre-proceedings",
      rationale: "no progress in 6 months of CP plan",
      disagreements: [{ who: "Tom", view: "thought another review first" }],
      actions: [{ what: "ask legal for a PLO meeting", owner: "Tom", due: eod("2026-12-11") }],
    },
  ),
  m(
    "'we're closing as …', 'this morning', 'next wed'",
    FRI,
    "8812-RT - spoke to dee this morning, we're closing as all CIN plan goals met and mum working with EH. dee to send closure letter by next wed",
    {
      caseRef: "8812-RT",
      discussedAt: "2026-12-04T09:00:00.000Z",
      participants: ["Dee"],
      decision: "closing",
      rationale: "all CIN plan goals met and mum working with EH",
      actions: [{ what: "send closure letter", owner: "Dee", due: eod("2026-12-09") }],
    },
  ),
  m(
    "'ana and I -', the author not convinced, action due today",
    TUE,
    "MOS556677 - ana and I - LADO referral re foster carer who smacked child. agreed to refer to LADO and pause placements until outcome, because the carer admitted it. I'm not convinced, think we should move the child now. ana to make LADO referral today",
    {
      caseRef: "MOS556677",
      participants: ["Ana"],
      issue: "LADO referral re foster carer who smacked child",
      decision: "refer to LADO and pause placements until outcome",
      rationale: "the carer admitted it",
      disagreements: [{ who: "I", view: "think we should move the child now" }],
      actions: [{ what: "make LADO referral", owner: "Ana", due: eod("2026-12-01") }],
    },
  ),
  m(
    "'on Monday' inside the issue is not the discussion; '…, X by 18/12' shares the owner",
    THU,
    "talked to Ravi re 3141-DF after the core group. mum has relapsed, positive test on Monday. Options: drug testing for 3 months or parenting assessment. we'll do both - hair strand test and PAMS. Ravi agreed. Ravi to refer for hair strand testing by 11/12, PAMS referral by 18/12",
    {
      caseRef: "3141-DF",
      participants: ["Ravi"],
      issue: "mum has relapsed, positive test on Monday",
      options: ["drug testing for 3 months", "parenting assessment"],
      decision: "do both - hair strand test and PAMS",
      actions: [
        { what: "refer for hair strand testing", owner: "Ravi", due: eod("2026-12-11") },
        { what: "PAMS referral", owner: "Ravi", due: eod("2026-12-18") },
      ],
    },
  ),
  m(
    "'decision - …' with a dash, 'Kim felt' after it",
    FRI,
    "9090-KL w/ Kim. decision - remain on CP plan until RCPC as mum engaging with DV programme but still early days. Kim felt we could step down to CIN. kim to update plan by 11/12",
    {
      caseRef: "9090-KL",
      participants: ["Kim"],
      decision: "remain on CP plan until RCPC",
      rationale: "mum engaging with DV programme but still early days",
      disagreements: [{ who: "Kim", view: "felt we could step down to CIN" }],
      actions: [{ what: "update plan", owner: "Kim", due: eod("2026-12-11") }],
    },
  ),
  m(
    "'Sat night' in the issue, 'options - X or Y', 'sam wasn't keen, thinks', 'I'll chair'",
    MON,
    "1212-HH: police called out Sat night, DV between mum and partner, kids upstairs. discussed w Sam at 9. options - strat or single agency assessment. agreed strat today given the kids were present and partner has previous. sam wasn't keen, thinks mum will engage without it. sam to set up strat for 2pm, I'll chair",
    {
      caseRef: "1212-HH",
      discussedAt: "2026-11-30T09:00:00.000Z",
      participants: ["Sam"],
      issue: "police called out Sat night, DV between mum and partner, kids upstairs",
      options: ["strat", "single agency assessment"],
      decision: "strat today",
      rationale: "the kids were present and partner has previous",
      disagreements: [{ who: "Sam", view: "thinks mum will engage without it" }],
      actions: [
        { what: "set up strat", owner: "Sam", due: "2026-11-30T14:00:00.000Z" },
        { what: "chair", owner: "I", due: null },
      ],
    },
  ),
  m(
    "a child who shares a staff member's name: 'Jo wants to stay with her nan' is the child's views",
    TUE,
    "6543-CV - me + Beth. Jo wants to stay with her nan. nan has been caring for her since mum's arrest. decided to do a viability assessment on nan because Jo is settled there. Beth to start viability by fri",
    {
      caseRef: "6543-CV",
      participants: ["Beth"],
      issue: "nan has been caring for her since mum's arrest",
      decision: "do a viability assessment on nan",
      rationale: "Jo is settled there",
      actions: [{ what: "start viability", owner: "Beth", due: eod("2026-12-04") }],
      childViews: "Jo wants to stay with her nan",
    },
  ),
  m(
    "'spoke with mo 2pm', 'NFA as …', 'write up by tues'",
    FRI,
    "7070-NN spoke with mo 2pm. referral re dirty house. NFA as visit found home ok and kids clean & fed. mo to write up by tues",
    {
      caseRef: "7070-NN",
      discussedAt: "2026-12-04T14:00:00.000Z",
      participants: ["Mo"],
      issue: "referral re dirty house",
      decision: "NFA",
      rationale: "visit found home ok and kids clean & fed",
      actions: [{ what: "write up", owner: "Mo", due: eod("2026-12-08") }],
    },
  ),
  m(
    "'strat disc held this morning … w Lee + police', due tomorrow 10am",
    THU,
    "strat disc held this morning for 2020-BB w Lee + police. child told teacher dad hits her with a belt. agreed s47 joint investigation, ABE interview tomorrow. lee to arrange ABE by tomorrow 10am",
    {
      caseRef: "2020-BB",
      discussedAt: "2026-12-03T09:00:00.000Z",
      participants: ["Lee"],
      issue: "child told teacher dad hits her with a belt",
      decision: "s47 joint investigation, ABE interview tomorrow",
      actions: [{ what: "arrange ABE", owner: "Lee", due: "2026-12-04T10:00:00.000Z" }],
    },
  ),
  m(
    "'priya and i discussed at 3', three options 'X, Y, or Z', 'no disagreement'",
    FRI,
    "9876-QW - priya and i discussed at 3. mum asking for respite, struggling w/ son's ADHD. options were s17 short breaks, FGC, or EH referral. going with FGC first as family network is big. priya to refer to FGC by 11/12. no disagreement",
    {
      caseRef: "9876-QW",
      discussedAt: "2026-12-04T15:00:00.000Z",
      participants: ["Priya"],
      issue: "mum asking for respite, struggling w/ son's ADHD",
      options: ["s17 short breaks", "FGC", "EH referral"],
      decision: "FGC first",
      rationale: "family network is big",
      actions: [{ what: "refer to FGC", owner: "Priya", due: eod("2026-12-11") }],
    },
  ),
  m(
    "doubt before the decision: 'Femi wasn't sure about …, thought …'; 'we said … anyway, as …'",
    TUE,
    "re 4321-TY: Femi wasn't sure about the step down, thought school concerns still too high. we said step down to EH anyway, as mum engaging and attendance up to 92%. Femi to do the transfer meeting by 15/12",
    {
      caseRef: "4321-TY",
      participants: ["Femi"],
      decision: "step down to EH anyway",
      rationale: "mum engaging and attendance up to 92%",
      disagreements: [{ who: "Femi", view: "thought school concerns still too high" }],
      actions: [{ what: "do the transfer meeting", owner: "Femi", due: eod("2026-12-15") }],
    },
  ),
  m(
    "'hannah rang me friday about …, we agreed …', 'by weds'",
    MON,
    "5050-DD - hannah rang me friday about dad's drinking, we agreed a safety plan w/ grandparents supervising contact. hannah to visit by weds",
    {
      caseRef: "5050-DD",
      discussedAt: "2026-11-27T12:00:00.000Z",
      participants: ["Hannah"],
      issue: "dad's drinking",
      decision: "a safety plan w/ grandparents supervising contact",
      actions: [{ what: "visit", owner: "Hannah", due: eod("2026-12-02") }],
    },
  ),
  m(
    "'options were to X or Y', 'we'll …', 'kit not keen – thinks'",
    FRI,
    "1357-GH: spoke to Kit re the review conference - police report not in. options were to adjourn or go ahead without it. we'll adjourn for 2 weeks because we can't decide w/o police info. kit not keen – thinks delay harms the child. Kit to rebook conf by mon.",
    {
      caseRef: "1357-GH",
      participants: ["Kit"],
      issue: "the review conference - police report not in",
      options: ["adjourn", "go ahead without it"],
      decision: "adjourn for 2 weeks",
      rationale: "we can't decide w/o police info",
      disagreements: [{ who: "Kit", view: "thinks delay harms the child" }],
      actions: [{ what: "rebook conf", owner: "Kit", due: eod("2026-12-07") }],
    },
  ),
  m(
    "'w/ ivan 9.15', 'TAF or CIN - agreed …', 'since' as the reason",
    THU,
    "CIN 2468-JK - w/ ivan 9.15. attendance 60%, mum says she can't get him up. TAF or CIN - agreed to stay CIN with an attendance plan since TAF didn't work last yr. ivan to hold CIN meeting by 17/12. ivan agreed",
    {
      caseRef: "2468-JK",
      discussedAt: "2026-12-03T09:15:00.000Z",
      participants: ["Ivan"],
      issue: "attendance 60%, mum says she can't get him up",
      options: ["TAF", "CIN"],
      decision: "stay CIN with an attendance plan",
      rationale: "TAF didn't work last yr",
      actions: [{ what: "hold CIN meeting", owner: "Ivan", due: eod("2026-12-17") }],
    },
  ),
  m(
    "two colleagues, half-labelled, two owners on one line",
    FRI,
    "8080-PL discussed with Sam and Jo at 11. baby due in Jan, mum's older 2 were removed. decision: pre-birth assessment and legal planning meeting. rationale: previous removals & no change in circumstances. Sam to start PBA by 11/12; Jo to book LPM by 18/12",
    {
      caseRef: "8080-PL",
      discussedAt: "2026-12-04T11:00:00.000Z",
      participants: ["Sam", "Jo"],
      issue: "baby due in Jan, mum's older 2 were removed",
      decision: "pre-birth assessment and legal planning meeting",
      rationale: "previous removals & no change in circumstances",
      actions: [
        { what: "start PBA", owner: "Sam", due: eod("2026-12-11") },
        { what: "book LPM", owner: "Jo", due: eod("2026-12-18") },
      ],
    },
  ),
  m(
    "'dee disagreed, wants …', issue before the discussion",
    TUE,
    "ugh 7531-MN again - missed another health appt. spoke to dee at 9. agreed to escalate to CP strategy discussion because of chronic neglect pattern. dee disagreed, wants to try FGC. dee to make the strat referral today",
    {
      caseRef: "7531-MN",
      discussedAt: "2026-12-01T09:00:00.000Z",
      participants: ["Dee"],
      issue: "missed another health appt",
      decision: "escalate to CP strategy discussion",
      rationale: "chronic neglect pattern",
      disagreements: [{ who: "Dee", view: "wants to try FGC" }],
      actions: [{ what: "make the strat referral", owner: "Dee", due: eod("2026-12-01") }],
    },
  ),
  m(
    "a young person's words first, 'talked it through w/ Ana at 2', '… by tomorrow - me'",
    THU,
    "9191-XC: yp (15) says he doesn't want to go home, says dad hits him. talked it through w/ Ana at 2. agreed s20 accommodation tonight with his agreement, because dad's refusing to engage. Ana to find placement by 6pm; strat by tomorrow - me",
    {
      caseRef: "9191-XC",
      discussedAt: "2026-12-03T14:00:00.000Z",
      participants: ["Ana"],
      decision: "s20 accommodation tonight with his agreement",
      rationale: "dad's refusing to engage",
      actions: [
        { what: "find placement", owner: "Ana", due: "2026-12-03T18:00:00.000Z" },
        { what: "strat", owner: "me", due: eod("2026-12-04") },
      ],
      childViews: "yp (15) says he doesn't want to go home, says dad hits him",
    },
  ),
  m(
    "'Jo and I re …', 'Jan' in the issue, no rationale given",
    FRI,
    "Jo and I re 4040-WE - court date moved to Jan. options: keep PLO going or issue now. we'll keep PLO going until the parenting assessment is back. Jo to chase assessor by wed.",
    {
      caseRef: "4040-WE",
      participants: ["Jo"],
      issue: "court date moved to Jan",
      options: ["keep PLO going", "issue now"],
      decision: "keep PLO going until the parenting assessment is back",
      actions: [{ what: "chase assessor", owner: "Jo", due: eod("2026-12-09") }],
    },
  ),
  m(
    "'tom felt …'; '…, visit by thurs' shares the owner",
    MON,
    "6767-YU - supervision with tom this morning. mum moved out of refuge back to partner. decided to go to ICPC as she's returned to a high risk partner. tom felt we should give her a week. tom to write ICPC report by 9/12, visit by thurs",
    {
      caseRef: "6767-YU",
      discussedAt: "2026-11-30T09:00:00.000Z",
      participants: ["Tom"],
      issue: "mum moved out of refuge back to partner",
      decision: "go to ICPC",
      rationale: "she's returned to a high risk partner",
      disagreements: [{ who: "Tom", view: "felt we should give her a week" }],
      actions: [
        { what: "write ICPC report", owner: "Tom", due: eod("2026-12-09") },
        { what: "visit", owner: "Tom", due: eod("2026-12-03") },
      ],
    },
  ),
  m(
    "'NFA' straight after the case, 'chat w/ Kim 10:30', 'by EOD'",
    TUE,
    "1122-AS NFA. referral from GP re low mood, mum already with talking therapies. chat w/ Kim 10:30. Kim to close on system by EOD",
    {
      caseRef: "1122-AS",
      discussedAt: "2026-12-01T10:30:00.000Z",
      participants: ["Kim"],
      issue: "referral from GP re low mood, mum already with talking therapies",
      decision: "NFA",
      actions: [{ what: "close on system", owner: "Kim", due: eod("2026-12-01") }],
    },
  ),
  m(
    "an @handle still works in messy chat",
    THU,
    "@sam re 3030-OP - school exclusion, 2nd this term. options: EHA or CIN assessment. agreed EHA because parents asking for help. sam to start EHA by 10/12",
    {
      caseRef: "3030-OP",
      participants: ["@sam"],
      issue: "school exclusion, 2nd this term",
      options: ["EHA", "CIN assessment"],
      decision: "EHA",
      rationale: "parents asking for help",
      actions: [{ what: "start EHA", owner: "sam", due: eod("2026-12-10") }],
    },
  ),
  m(
    "'lee + me 11ish', 'going with', owner after '- me'",
    FRI,
    "lee + me 11ish re 5656-IO. new partner in the home, not known to us, PNC checks pending. going with a visit today + police checks before deciding. Lee to do the visit by 5pm, checks by mon - me",
    {
      caseRef: "5656-IO",
      discussedAt: "2026-12-04T11:00:00.000Z",
      participants: ["Lee"],
      issue: "new partner in the home, not known to us, PNC checks pending",
      decision: "a visit today + police checks before deciding",
      actions: [
        { what: "do the visit", owner: "Lee", due: "2026-12-04T17:00:00.000Z" },
        { what: "checks", owner: "me", due: eod("2026-12-07") },
      ],
    },
  ),
  m(
    "'Priya called re … yesterday at 4:30', 'priya agreed'",
    TUE,
    "Priya called re 2345-ER yesterday at 4:30, disclosure at school of sexual abuse by uncle. strat held, agreed s47 + ABE. priya agreed. priya to complete s47 by 15/12",
    {
      caseRef: "2345-ER",
      discussedAt: "2026-11-30T16:30:00.000Z",
      participants: ["Priya"],
      issue: "disclosure at school of sexual abuse by uncle",
      decision: "s47 + ABE",
      actions: [{ what: "complete s47", owner: "Priya", due: eod("2026-12-15") }],
    },
  ),
  m(
    "'X vs. Y', 'hannah felt', two owners separated by a comma",
    FRI,
    "discussed 8765-BV with hannah and Ivan at 10. options were CIN plan vs. NFA with EH. hannah felt EH enough. decided CIN plan because of the pattern of DV call outs. ivan to do CIN meeting by 18/12, hannah to send EH info to mum by mon",
    {
      caseRef: "8765-BV",
      discussedAt: "2026-12-04T10:00:00.000Z",
      participants: ["Hannah", "Ivan"],
      options: ["CIN plan", "NFA with EH"],
      decision: "CIN plan",
      rationale: "the pattern of DV call outs",
      disagreements: [{ who: "Hannah", view: "felt EH enough" }],
      actions: [
        { what: "do CIN meeting", owner: "Ivan", due: eod("2026-12-18") },
        { what: "send EH info to mum", owner: "Hannah", due: eod("2026-12-07") },
      ],
    },
  ),
  m(
    "'options X or Y' without a colon, child says she's scared",
    MON,
    "3579-CX w/ tom. dad wants more contact, child says she's scared of him. options increase contact or keep supervised. decided to keep supervised because child is scared. tom to tell dad by fri",
    {
      caseRef: "3579-CX",
      participants: ["Tom"],
      issue: "dad wants more contact",
      options: ["increase contact", "keep supervised"],
      decision: "keep supervised",
      rationale: "child is scared",
      actions: [{ what: "tell dad", owner: "Tom", due: eod("2026-12-04") }],
      childViews: "child says she's scared of him",
    },
  ),
  m(
    "'me and Beth talked at 1', LADO advice as the reason, 'Beth agreed'",
    FRI,
    "2580-MK - me and Beth talked at 1. LADO consult re teacher's conduct. agreed no further action as LADO says threshold not met. Beth agreed.",
    {
      caseRef: "2580-MK",
      discussedAt: "2026-12-04T13:00:00.000Z",
      participants: ["Beth"],
      issue: "LADO consult re teacher's conduct",
      decision: "no further action",
      rationale: "LADO says threshold not met",
    },
  ),
  m(
    "'w/ mo yesterday' (no time: midday), three options with commas, 'mo not convinced, thinks'",
    TUE,
    "1470-QS, w/ mo yesterday. mum has been arrested, kids with nan. options - s20, kinship placement with nan, or mum's friend. going with nan as kinship because kids know her well and she's passed checks. mo not convinced, thinks nan is too old. mo to start viability on nan by 4/12",
    {
      caseRef: "1470-QS",
      discussedAt: "2026-11-30T12:00:00.000Z",
      participants: ["Mo"],
      issue: "mum has been arrested, kids with nan",
      options: ["s20", "kinship placement with nan", "mum's friend"],
      decision: "nan as kinship",
      rationale: "kids know her well and she's passed checks",
      disagreements: [{ who: "Mo", view: "thinks nan is too old" }],
      actions: [{ what: "start viability on nan", owner: "Mo", due: eod("2026-12-04") }],
    },
  ),
  m(
    "capitalised sentences, 'Just spoke with Sam -', an action without a date",
    FRI,
    "5432-LK. Emergency. Just spoke with Sam - baby presented at A&E with a fracture, no explanation. Agreed immediate strategy discussion, baby stays in hospital. Sam to call police and health",
    {
      caseRef: "5432-LK",
      participants: ["Sam"],
      issue: "baby presented at A&E with a fracture, no explanation",
      decision: "immediate strategy discussion, baby stays in hospital",
      actions: [{ what: "call police and health", owner: "Sam", due: null }],
    },
  ),
  m(
    "young person's wishes, 'Jo and I discussed at 10:00', reason after 'as'",
    THU,
    "6060-UY. young person says he wants to move to his dad's. Jo and I discussed at 10:00. options: move to dad's or stay in foster placement. agreed to assess dad first, yp stays put until then as dad's house not checked. Jo to start dad's assessment by 17/12",
    {
      caseRef: "6060-UY",
      discussedAt: "2026-12-03T10:00:00.000Z",
      participants: ["Jo"],
      options: ["move to dad's", "stay in foster placement"],
      decision: "assess dad first, yp stays put until then",
      rationale: "dad's house not checked",
      actions: [{ what: "start dad's assessment", owner: "Jo", due: eod("2026-12-17") }],
      childViews: "young person says he wants to move to his dad's",
    },
  ),
  m(
    "'by 27/11 – Jo' and 'next tuesday 10am' said on a Friday are due dates, never the discussion",
    FRI_NOV,
    "4747-RR. spoke to jo 9ish. school refusal and self harm. agreed CAMHS referral as risk is escalating. make CAMHS referral by 27/11 – Jo. review w/ school next tuesday 10am - me",
    {
      caseRef: "4747-RR",
      discussedAt: "2026-11-20T09:00:00.000Z",
      participants: ["Jo"],
      issue: "school refusal and self harm",
      decision: "CAMHS referral",
      rationale: "risk is escalating",
      actions: [
        { what: "make CAMHS referral", owner: "Jo", due: eod("2026-11-27") },
        { what: "review w/ school", owner: "me", due: "2026-11-24T10:00:00.000Z" },
      ],
    },
  ),
  m(
    "'missing since last night, found this am' stays in the issue; discussion is now",
    FRI,
    "9494-MM - yp missing since last night, found this am at a known address. spoke w/ Ravi. agreed to hold a strat because of CSE concerns. Ravi to arrange by 5pm",
    {
      caseRef: "9494-MM",
      participants: ["Ravi"],
      issue: "yp missing since last night, found this am at a known address",
      decision: "hold a strat",
      rationale: "CSE concerns",
      actions: [{ what: "arrange", owner: "Ravi", due: "2026-12-04T17:00:00.000Z" }],
    },
  ),
  m(
    "summer time: 'w/ femi at 2', 'we'll …', 'femi to … by fri'",
    SUMMER,
    "3737-SU w/ femi at 2. mum's mental health deteriorating, kids missing school. we'll do a CIN assessment because of the impact on the kids. femi to do first visit by fri",
    {
      caseRef: "3737-SU",
      discussedAt: "2026-07-15T13:00:00.000Z",
      participants: ["Femi"],
      issue: "mum's mental health deteriorating, kids missing school",
      decision: "do a CIN assessment",
      rationale: "the impact on the kids",
      actions: [{ what: "do first visit", owner: "Femi", due: "2026-07-17T16:30:00.000Z" }],
    },
  ),
];
