import type { Deadline } from "../domain/deadline.ts";
import type { Core } from "../services/core.ts";
import type { Topic } from "./reminder-subject.ts";

/**
 * A case's next discussion (docs/design.md#the-case-register): named by its case reference and
 * category, with a button that starts an oversight note on it (recording one meets the deadline).
 */
export async function caseTopic(core: Core, deadline: Deadline): Promise<Topic | null> {
  const kase = await core.storage.cases.find(deadline.subjectId);
  if (!kase || kase.closedOn) return null;
  const say = core.prompts.say;
  const category = core.settings.profile.caseDiscussion.categories[kase.category]?.name ?? kase.category;
  return {
    note: null,
    action: null,
    area: "case-discussion",
    id: kase.caseRef,
    caseRef: kase.caseRef,
    what: category,
    // "oversight <case ref>" opens a note form with the case filled in.
    settle: { actionId: "oversight", label: say("button.record-discussion"), value: kase.caseRef, style: "primary" },
    show: { actionId: "oversight", label: say("button.record-discussion"), value: kase.caseRef },
  };
}
