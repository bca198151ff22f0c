import type { Activity } from "botbuilder";
import type { OutboundMessage } from "../../src/content/message.ts";
import { attachment, CARD_CONTENT_TYPE, messageCard, type CardJson } from "./render-card.ts";

/** The verb of the home card's refresh: Teams sends it (invoke `adaptiveCard/action`) when the card is opened. */
export const HOME_REFRESH_VERB = "home.refresh";

/**
 * A person's home (what Slack's home tab shows) as a card that keeps itself current with
 * Universal Actions: whenever the person it is for (`viewer`, their Teams user id "29:…")
 * opens it, Teams asks the bot for it again and shows that instead. The card is schema 1.5
 * (Universal Actions need 1.4 or later); its buttons stay the bot's usual ones.
 */
export function homeCard(home: OutboundMessage, viewer: string | undefined): CardJson {
  const card = messageCard(home);
  if (!viewer) return card;
  return { ...card, refresh: { action: { type: "Action.Execute", verb: HOME_REFRESH_VERB, data: {} }, userIds: [viewer] } };
}

/** A person's home as a message in their chat with the bot. */
export function homeActivity(home: OutboundMessage, viewer: string | undefined): Partial<Activity> {
  return { type: "message", summary: home.text.slice(0, 200), attachments: [attachment(homeCard(home, viewer))] };
}

/** The answer to an `adaptiveCard/action` invoke that shows a card in place of the one acted on (Universal Actions). */
export function cardActionResponse(card: CardJson): { statusCode: 200; type: typeof CARD_CONTENT_TYPE; value: CardJson } {
  return { statusCode: 200, type: CARD_CONTENT_TYPE, value: card };
}

/** The verb of an `adaptiveCard/action` invoke's Action.Execute, if it has one. */
export function verbOf(value: unknown): string | null {
  const verb = (value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
  return typeof verb === "string" ? verb : null;
}
