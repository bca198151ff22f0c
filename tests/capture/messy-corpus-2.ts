// A second batch of messy chat, written after the parser learnt the first (messy-corpus.ts)
// and scored before any change for it: the estimate of how the parser does on messages it was
// not tuned on. Same rules as messy-corpus.ts.
import type { CorpusCase, ExpectedDraft } from "./corpus.ts";

/** Wednesday 9 Dec 2026, 16:20 GMT. */
const WED = "2026-12-09T16:20:00.000Z";
/** Monday 7 Dec 2026, 10:05 GMT. */
const MON = "2026-12-07T10:05:00.000Z";
/** Friday 11 Dec 2026, 12:45 GMT. */
const FRI = "2026-12-11T12:45:00.000Z";

const eod = (day: string) => `${day}T17:30:00.000Z`;

function m(name: string, now: string, text: string, expect: ExpectedDraft): CorpusCase {
  return { name, now, text, expect: { discussedAt: now, participants: [], issue: null, options: [], decision: null, rationale: null, disagreements: [], actions: [], childViews: null, ...expect } };
}

export const MESSY_CORPUS_2: CorpusCase[] = [
  m("held out: terse, owner first, 'cos'", WED, "7012-FG w/ beth 2pm. step down to EH agreed cos no new concerns in 3 months. beth to do handover by 18/12", {
    caseRef: "7012-FG", discussedAt: "2026-12-09T14:00:00.000Z", participants: ["Beth"], decision: "step down to EH", rationale: "no new concerns in 3 months",
    actions: [{ what: "do handover", owner: "Beth", due: eod("2026-12-18") }],
  }),
  m("held out: 'had a chat with', doubt with 'worried'", WED, "had a chat with ravi re 3344-HJ this afternoon. dad not allowing access to the kids. we'll go for an EPO if he refuses again as we haven't seen the kids for 3 weeks. Ravi worried it'll escalate things. ravi to try an unannounced visit tomorrow", {
    caseRef: "3344-HJ", discussedAt: "2026-12-09T14:00:00.000Z", participants: ["Ravi"], issue: "dad not allowing access to the kids",
    decision: "go for an EPO if he refuses again", rationale: "we haven't seen the kids for 3 weeks", disagreements: [{ who: "Ravi", view: "worried it'll escalate things" }],
    actions: [{ what: "try an unannounced visit", owner: "Ravi", due: eod("2026-12-10") }],
  }),
  m("held out: options first with 'or', decision 'agreed to'", MON, "6655-WQ. CIN or CP? talked w/ Hannah at 9.30 - agreed to go to ICPC because of the injuries to the baby. Hannah to write the report by 14/12", {
    caseRef: "6655-WQ", discussedAt: "2026-12-07T09:30:00.000Z", participants: ["Hannah"], options: ["CIN", "CP"], decision: "go to ICPC", rationale: "the injuries to the baby",
    actions: [{ what: "write the report", owner: "Hannah", due: eod("2026-12-14") }],
  }),
  m("held out: 'we've decided', two people, author's own action", FRI, "re 9012-ZX - me, Sam & Priya this morning. school reporting hunger and poor hygiene. we've decided on a neglect assessment using GCP2 as concerns are longstanding. Sam to complete GCP2 by 8/1; I'll update the school by mon", {
    caseRef: "9012-ZX", discussedAt: "2026-12-11T09:00:00.000Z", participants: ["Sam", "Priya"], issue: "school reporting hunger and poor hygiene",
    decision: "a neglect assessment using GCP2", rationale: "concerns are longstanding",
    actions: [{ what: "complete GCP2", owner: "Sam", due: eod("2027-01-08") }, { what: "update the school", owner: "I", due: eod("2026-12-14") }],
  }),
  m("held out: child's wishes, 'X felt', NFA on the end", WED, "4455-RT spoke to Jo at 11. mum's new partner checked out, no PNC. child said she likes him and wants him to stay. Jo felt we should keep it open a bit longer. agreed NFA as no concerns found. jo to close by fri", {
    caseRef: "4455-RT", discussedAt: "2026-12-09T11:00:00.000Z", participants: ["Jo"], issue: "mum's new partner checked out, no PNC",
    childViews: "child said she likes him and wants him to stay", disagreements: [{ who: "Jo", view: "felt we should keep it open a bit longer" }],
    decision: "NFA", rationale: "no concerns found", actions: [{ what: "close", owner: "Jo", due: eod("2026-12-11") }],
  }),
  m("held out: 'decision was', 'reason -'", MON, "8899-KL - call with Tom this am. decision was to convene a strat today. reason - 2nd disclosure of sexual abuse. tom to invite police and health by 1pm", {
    caseRef: "8899-KL", discussedAt: "2026-12-07T09:00:00.000Z", participants: ["Tom"], decision: "convene a strat today", rationale: "2nd disclosure of sexual abuse",
    actions: [{ what: "invite police and health", owner: "Tom", due: "2026-12-07T13:00:00.000Z" }],
  }),
  m("held out: 'ana and me', 'vs', 'Ana not sure'", FRI, "5577-OP, ana and me at 11. FGC vs kinship assessment on aunt. going with the FGC first since the family want to make a plan themselves. Ana not sure - thinks aunt should be assessed now. ana to refer to FGC by 18/12", {
    caseRef: "5577-OP", discussedAt: "2026-12-11T11:00:00.000Z", participants: ["Ana"], options: ["FGC", "kinship assessment on aunt"], decision: "the FGC first",
    rationale: "the family want to make a plan themselves", disagreements: [{ who: "Ana", view: "thinks aunt should be assessed now" }],
    actions: [{ what: "refer to FGC", owner: "Ana", due: eod("2026-12-18") }],
  }),
  m("held out: LADO, dash owner, no discussion words", WED, "2299-MN allegation against a youth worker. LADO consulted - threshold met. agreed strat with LADO tomorrow. arrange strat by tomorrow 12pm – Dee", {
    caseRef: "2299-MN", participants: ["Dee"], issue: "allegation against a youth worker. LADO consulted - threshold met", decision: "strat with LADO tomorrow",
    actions: [{ what: "arrange strat", owner: "Dee", due: "2026-12-10T12:00:00.000Z" }],
  }),
  m("held out: IRO escalation, 'Mo agreed', typos", MON, "IRO raised escalation on 1188-CV - plan not progressing. discused with mo at 10. agreed to hold a case progression meeting within 10 days becuase of drift. Mo agreed. mo to book it by fri", {
    caseRef: "1188-CV", discussedAt: "2026-12-07T10:00:00.000Z", participants: ["Mo"], issue: "IRO raised escalation on 1188-CV - plan not progressing",
    decision: "hold a case progression meeting within 10 days", rationale: "drift", actions: [{ what: "book it", owner: "Mo", due: eod("2026-12-11") }],
  }),
  m("held out: yesterday, 'Kim disagreed'", WED, "3300-AA - kim and I yesterday at 3. mum failed another drug test. PLO letter before proceedings agreed. kim disagreed, thinks mum needs more time in rehab. kim to send PLO letter by 16/12", {
    caseRef: "3300-AA", discussedAt: "2026-12-08T15:00:00.000Z", participants: ["Kim"], issue: "mum failed another drug test", decision: "PLO letter before proceedings",
    disagreements: [{ who: "Kim", view: "thinks mum needs more time in rehab" }], actions: [{ what: "send PLO letter", owner: "Kim", due: eod("2026-12-16") }],
  }),
  m("held out: 'plan is', yp wants", FRI, "6611-LP talked to ivan at 12. yp wants to go back to mum's. plan is a phased return over 4 weeks because mum has completed the parenting course. ivan to draw up the return plan by wed", {
    caseRef: "6611-LP", discussedAt: "2026-12-11T12:00:00.000Z", participants: ["Ivan"], childViews: "yp wants to go back to mum's",
    decision: "a phased return over 4 weeks", rationale: "mum has completed the parenting course", actions: [{ what: "draw up the return plan", owner: "Ivan", due: eod("2026-12-16") }],
  }),
  m("held out: closing, 'femi happy with this'", WED, "9988-SD closing - all actions done, school and GP have no concerns. spoke to femi at 10ish, femi happy with this. femi to send closure letters by fri", {
    caseRef: "9988-SD", discussedAt: "2026-12-09T10:00:00.000Z", participants: ["Femi"], decision: "closing", rationale: "all actions done, school and GP have no concerns",
    actions: [{ what: "send closure letters", owner: "Femi", due: eod("2026-12-11") }],
  }),
];
