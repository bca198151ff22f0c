// The neutral message and form model the core speaks. Each adapter's render.ts turns it
// into Block Kit, Adaptive Cards or terminal text; nothing here knows a platform.

/** A button's payload: an action id the core understands and an opaque value. */
export interface Button {
  actionId: string;
  label: string;
  value: string;
  style?: "primary" | "danger";
}

/**
 * A field's value: words (which may run over several lines, as a person typed them), or a
 * list shown one item per line ("Options considered": each option, the chosen one marked).
 * Adapters show words and items exactly as given: nothing in them is read as formatting.
 */
export type FieldValue = string | readonly string[];

export interface Field {
  label: string;
  value: FieldValue;
}

export type Block =
  | { type: "heading"; text: string }
  /** Words; a line break in them is a line break on every platform. */
  | { type: "text"; text: string }
  | { type: "fields"; fields: Field[] }
  /** One item per line, each shown as a bullet; an item's own line breaks are kept. */
  | { type: "list"; items: string[] }
  | { type: "buttons"; buttons: Button[] }
  /** A button that opens a web address in the browser (the dashboard); nothing comes back to the bot. */
  | { type: "link"; label: string; url: string }
  | { type: "divider" };

/** What the bot says: blocks plus the plain text every platform needs (notifications, screen readers). */
export interface OutboundMessage {
  text: string;
  blocks: Block[];
}

/** A text's lines: "a\r\nb\n" → ["a", "b"]; blank lines dropped (a platform shows no empty lines). */
export function linesOf(text: string): string[] {
  return text
    .split(/\r\n?|\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== "");
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
