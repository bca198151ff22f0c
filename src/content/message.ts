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

export interface SelectOption {
  value: string;
  label: string;
}

interface InputBase {
  id: string;
  label: string;
  required: boolean;
  /** The current value as the person would type it (forms round-trip strings). */
  value: string;
  hint?: string;
}

export type FormInput =
  | (InputBase & { type: "text" })
  | (InputBase & { type: "multiline" })
  /** SMART actions, one per line ("@sam: visit by 24/11/2026 17:00"); see form-values.ts for rows. */
  | (InputBase & { type: "actions" })
  /** ISO 8601 instant in `value`; natural language is accepted on submit. */
  | (InputBase & { type: "datetime" })
  /** Handles ("@sam"), comma-separated when `multiple`. */
  | (InputBase & { type: "person"; multiple: boolean })
  | (InputBase & { type: "select"; options: SelectOption[] })
  /** A team channel as "platform:id" ("slack:C0123ABC", "console:north-team"); empty for none. */
  | (InputBase & { type: "channel" });

/** A form: inputs with values, per-field errors, and what to send back on submit. */
export interface Form {
  /** Which form this is, e.g. "oversight-note". */
  formId: string;
  title: string;
  submitLabel: string;
  inputs: FormInput[];
  /** Input id → what is wrong with it, in words for the person. */
  errors: Record<string, string>;
  /** Opaque state the adapter must hand back with the submission (e.g. the draft id). */
  state: Record<string, string>;
}

export type FormValues = Record<string, string>;

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
