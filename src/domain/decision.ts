// One definition of a decision not to act, used by the message parser and the form alike;
// its words are in the vocabulary.
import { NOT_TO_ACT } from "./vocabulary.ts";

/** Whether a decision is a decision not to act ("NFA", "not to step up"). Closing a case is acting. */
export function isDecisionNotToAct(decision: string | null): boolean {
  return decision !== null && NOT_TO_ACT.test(decision);
}
