import { formatLondon } from "../../src/domain/london-time.ts";
import type { Block, OutboundMessage } from "../../src/content/message.ts";
import { answerText, type Form, type FormInput } from "../../src/content/form.ts";

/** A neutral message as terminal text. */
export function renderMessage(message: OutboundMessage): string {
  return message.blocks.map(renderBlock).join("\n");
}

function renderBlock(block: Block): string {
  switch (block.type) {
    case "heading":
      return `\n== ${block.text} ==`;
    case "text":
      return block.text;
    case "fields":
      return block.fields.map((f) => (typeof f.value === "string" ? `${f.label}: ${f.value}` : [`${f.label}:`, ...f.value.map((item) => `  • ${item}`)].join("\n"))).join("\n");
    case "list":
      return block.items.map((item) => `  • ${item}`).join("\n");
    case "buttons":
      // No buttons in a terminal: each shows the command that does the same.
      return block.buttons.map((b) => `[${b.label}: ${b.actionId} ${b.value}]`).join("  ");
    case "link":
      return `${block.label}: ${block.url}`;
    case "divider":
      return "-".repeat(40);
  }
}

/** An input's value as a person reads it (dates in London time, choices by name). */
export function shownValue(input: FormInput): string {
  const value = input.value;
  if (value.type === "instant") return value.at ? formatLondon(new Date(value.at)) : "";
  const text = answerText(value);
  if (input.type === "select") return input.options.find((o) => o.value === text)?.label ?? text;
  if (input.type === "channel") return text.replace(/^console:/, "#");
  return text;
}

/** The whole form as a summary: every field, its value and any problem. */
export function renderForm(form: Form): string {
  const lines = [`\n== ${form.title} ==`];
  for (const input of form.inputs) {
    if (input.id === "nameCheck" && !input.value) continue;
    const value = shownValue(input);
    const shown = value.includes("\n") ? `\n${value.split("\n").map((l) => `    ${l}`).join("\n")}` : ` ${value || "—"}`;
    lines.push(`${input.label}:${shown}`);
    const error = form.errors[input.id];
    if (error) lines.push(`  ! ${error}`);
    if (input.guess) lines.push(`  ? ${input.guess}`);
  }
  return lines.join("\n");
}

/** "[in #north-team]": how a team channel post is headed in the terminal. */
export function channelHeading(channel: string): string {
  return `[in #${channel.replace(/^[a-z]+:/, "")}]`;
}
