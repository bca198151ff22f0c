// The neutral message and form model the core speaks. Each adapter's render.ts turns it
// into Block Kit, Adaptive Cards or terminal text; nothing here knows a platform.

/** A button's payload: an action id the core understands and an opaque value. */
export interface Button {
  actionId: string;
  label: string;
  value: string;
  style?: "primary" | "danger";
}

export type Block =
  | { type: "heading"; text: string }
  | { type: "text"; text: string }
  | { type: "fields"; fields: { label: string; value: string }[] }
  | { type: "list"; items: string[] }
  | { type: "buttons"; buttons: Button[] }
  | { type: "divider" };

/** What the bot says: blocks plus the plain text every platform needs (notifications, screen readers). */
export interface OutboundMessage {
  text: string;
  blocks: Block[];
}

export const message = (text: string, blocks: Block[] = [{ type: "text", text }]): OutboundMessage => ({ text, blocks });

/** A message as it was stored (a queued notice), or null if what is stored does not read as one. */
export function storedMessage(stored: string | null): OutboundMessage | null {
  try {
    const parsed = JSON.parse(stored ?? "null") as OutboundMessage | null;
    return parsed && typeof parsed.text === "string" && Array.isArray(parsed.blocks) ? parsed : null;
  } catch {
    return null;
  }
}
