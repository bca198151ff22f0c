import type { Button } from "../content/message.ts";
import type { Deadline } from "../domain/deadline.ts";
import type { Core } from "../services/core.ts";
import type { Topic } from "./reminder-subject.ts";

/**
 * A formal supervision session's deadline (held by its day; notes circulated, signed; the case
 * supervision reference on record): worded by area, named by the session's id and the two
 * people, never a child. Null once the session was moved or called off.
 */
export async function supervisionTopic(core: Core, deadline: Deadline): Promise<Topic | null> {
  const session = await core.storage.supervision.findSession(deadline.subjectId);
  if (!session || session.status === "moved" || session.status === "cancelled") return null;
  const [supervisor, supervisee] = await Promise.all([core.storage.people.findById(session.supervisorId), core.storage.people.findById(session.superviseeId)]);
  const say = core.prompts.say;
  const button = (words: string, label: string): Button => ({ actionId: "supervision", label, value: `${words} ${session.id}`, style: "primary" });
  const base = { note: null, action: null, id: session.id, caseRef: null, what: `${supervisor?.name ?? "?"} supervising ${supervisee?.name ?? "?"}`, show: { actionId: "supervision", label: say("button.show"), value: `show ${session.id}` } };
  switch (deadline.rule) {
    case "supervision.session":
      return { ...base, area: "supervision-session", settle: null };
    case "supervision.notes-circulated":
      return { ...base, area: "supervision-notes", settle: button("circulated", say("supervision.button.circulated")) };
    case "supervision.notes-signed":
      return { ...base, area: "supervision-signed", settle: button("signed", say("supervision.button.signed")) };
    case "case-supervision.on-case-record":
      return { ...base, area: "supervision-case-record", settle: button("on-record", say("supervision.button.on-record")) };
    default:
      return null;
  }
}

/** A supervision agreement's deadline: signed by both, or reviewed. Null once superseded without being signed. */
export async function agreementTopic(core: Core, deadline: Deadline): Promise<Topic | null> {
  const agreement = await core.storage.supervision.findAgreement(deadline.subjectId);
  if (!agreement) return null;
  const [supervisor, supervisee] = await Promise.all([core.storage.people.findById(agreement.supervisorId), core.storage.people.findById(agreement.superviseeId)]);
  const say = core.prompts.say;
  const sign: Button = { actionId: "agreement", label: say("agreement.button.sign"), value: `sign ${agreement.id}`, style: "primary" };
  const base = { note: null, action: null, id: agreement.id, caseRef: null, what: `${supervisor?.name ?? "?"} and ${supervisee?.name ?? "?"}`, show: { actionId: "agreement", label: say("button.show"), value: "" } };
  if (deadline.rule === "agreement.signed") return agreement.status === "open" ? { ...base, area: "agreement-sign", settle: sign } : null;
  if (deadline.rule === "agreement.review") return agreement.status === "signed" ? { ...base, area: "agreement-review", settle: sign } : null;
  return null;
}
