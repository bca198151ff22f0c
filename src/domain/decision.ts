// One definition of a decision not to act, used by the message parser and the form alike.

const NOT_TO_ACT =
  /\b(?:nfa|no further (?:action|involvement|social care involvement)|no (?:action|role)\b(?! plan)|take no (?:further )?action|not to (?:step up|escalate|act|proceed|progress|convene|hold|take (?:any )?(?:further )?action|intervene|open|refer|initiate|start|instigate|pursue|escalate)|no (?:strategy discussion|section 47|s47|referral|escalation|step[- ]up)\s+(?:needed|required|necessary|warranted|at this (?:time|stage))|remain (?:at|with) (?:universal|current)|no change to (?:the )?(?:plan|level))/i;

/** Whether a decision is a decision not to act ("NFA", "not to step up"). Closing a case is acting. */
export function isDecisionNotToAct(decision: string | null): boolean {
  return decision !== null && NOT_TO_ACT.test(decision);
}
