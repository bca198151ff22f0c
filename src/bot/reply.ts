import type { Form } from "../content/form.ts";
import type { OutboundMessage } from "../content/message.ts";

/** What the core answers to one inbound event: a message, a form to open, or both. */
export interface BotReply {
  message?: OutboundMessage;
  form?: Form;
  /**
   * Posts to a team channel ("slack:C0123ABC", "console:north-team"): group supervision's
   * stage prompts. Never case content.
   */
  posts?: { channel: string; message: OutboundMessage }[];
  /**
   * Messages for other people (participants told a note was recorded), by person id. The
   * core has queued them in the turn's own transaction for the scheduler to send (`queueTurnNotices`):
   * adapters only show who is told.
   */
  notify?: { personId: string; message: OutboundMessage }[];
  /** Set when the turn failed unexpectedly: the adapter should keep what the person typed. */
  failed?: true;
  /** Set when the core refused what was asked (no access, a stale amendment): `message` says why. */
  refused?: true;
  /** The platform delivered this event before and it was acted on then: show nothing. */
  duplicate?: true;
  /** The message holds nothing about anyone (help, a hint): it may be shown where it was asked, a channel too. */
  shareable?: true;
  /**
   * The message is the person's own page (`home`): a platform that can keep it current where it
   * is shown (Teams' card refresh) does so.
   */
  home?: true;
}
