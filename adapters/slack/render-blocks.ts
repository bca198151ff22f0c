import { linesOf, type Block, type Button, type Field, type OutboundMessage } from "../../src/content/message.ts";

// Block Kit for the core's neutral messages. Everything is plain_text: what people typed
// can never turn into a mention (<!channel>) or formatting. Lists are one item per line. The
// fallback text (notifications) is the one mrkdwn place: sent with `mrkdwn: false` and its
// &, < and > escaped, so it too shows what was typed. Slack's limits are applied
// here: 150 characters for a header, 3,000 for a section, 50 blocks for a message (100 for
// a home tab), 75 for a button's label.

/** A Block Kit block as sent to the Web API. */
export type SlackBlock = Record<string, unknown>;

const SECTION_MAX = 3000;
const HEADER_MAX = 150;

/** The blocks and fallback text for chat.postMessage, a slash command reply or a response_url. */
export function slackMessage(message: OutboundMessage, maxBlocks = 50): { text: string; blocks: SlackBlock[]; mrkdwn: false } {
  const blocks = message.blocks.flatMap(blockKit);
  // A message that would exceed the limit keeps its first blocks and ends with "…" (its text has the rest).
  const fitted = blocks.length > maxBlocks ? [...blocks.slice(0, maxBlocks - 1), section("…")] : blocks;
  return { text: escapeText(clip(message.text, 3900)), blocks: fitted, mrkdwn: false };
}

/** Slack's three escaped characters in a message's text: "<!channel>" typed stays words. */
export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function blockKit(block: Block): SlackBlock[] {
  switch (block.type) {
    case "heading":
      return [{ type: "header", text: plain(clip(block.text, HEADER_MAX)) }];
    case "text":
      return chunks(block.text).map(section);
    case "fields":
      return chunks(block.fields.map(fieldText).join("\n")).map(section);
    case "list":
      return chunks(block.items.map(bullet).join("\n")).map(section);
    case "buttons":
      return block.buttons.length ? [{ type: "actions", elements: block.buttons.slice(0, 25).map(button) }] : [];
    case "link":
      return [{ type: "actions", elements: [{ type: "button", action_id: LINK_ACTION, text: plain(clip(block.label, 75)), url: block.url }] }];
    case "divider":
      return [{ type: "divider" }];
  }
}

/** "Decision: visit" for words; a list under its label, one "• item" per line. */
function fieldText(field: Field): string {
  if (typeof field.value === "string") return `${field.label}: ${field.value}`;
  return [`${field.label}:`, ...field.value.map(bullet)].join("\n");
}

/** "• item", an item's further lines indented under it (never run into the next item). */
const bullet = (item: string) => linesOf(item).map((line, i) => `${i === 0 ? "• " : "   "}${line}`).join("\n") || "•";

/**
 * A button's action_id carries the core's action id and its place ("snooze#2"): action ids
 * must be unique within a block, and three snooze buttons share one.
 */
function button(b: Button, index: number): SlackBlock {
  return {
    type: "button",
    action_id: `${b.actionId}#${index}`,
    text: plain(clip(b.label, 75)),
    value: b.value.slice(0, 2000),
    ...(b.style ? { style: b.style } : {}),
  };
}

/** A link button's action_id: Slack opens its address and still tells the bot, which only acknowledges it. */
export const LINK_ACTION = "open-link";

/** The core's action id in a button's action_id ("snooze#2" → "snooze"). */
export function coreActionId(slackActionId: string): string {
  return slackActionId.replace(/#\d+$/, "");
}

export const plain = (text: string) => ({ type: "plain_text", text: text || " ", emoji: false });

export const section = (text: string): SlackBlock => ({ type: "section", text: plain(text) });

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Long text in section-sized pieces, split at line ends where possible. */
function chunks(text: string): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > SECTION_MAX) {
    const cut = rest.lastIndexOf("\n", SECTION_MAX);
    const at = cut > SECTION_MAX / 2 ? cut : SECTION_MAX;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n/, "");
  }
  out.push(rest);
  return out.filter((c) => c.length > 0);
}
