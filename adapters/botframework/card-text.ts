import { linesOf, type FieldValue } from "../../src/content/message.ts";

// Words as an Adaptive Card's TextBlock or FactSet value must carry them for Teams to show
// them as they are. Teams reads those texts as Markdown: "*urgent*" would come out in italics,
// "<b>" vanish, "- " or "1. " start a list, and a single line break is no break at all (two
// options typed on two lines ran together as one bullet). So every line is escaped, and lines
// are joined by a blank line: each is a paragraph of its own, drawn as a line of its own.

/** Characters Markdown could read as formatting anywhere in a line: backslash-escaped. */
const INLINE = /[\\`*_~[\]<>&]/g;

/** One line of words, nothing in it read as Markdown. */
export function escapeLine(line: string): string {
  return (
    line
      .replace(INLINE, "\\$&")
      // What starts a block at a line's start: a heading, a list item, a rule, a table row.
      .replace(/^(\s*)([#+=|-])/, "$1\\$2")
      // "1. " or "1) ": an ordered list item.
      .replace(/^(\s*\d+)([.)])/, "$1\\$2")
  );
}

/** Words for a TextBlock or a fact: each line shown as typed, on a line of its own. */
export function cardText(text: string): string {
  return linesOf(text).map(escapeLine).join("\n\n");
}

/** A list in one text (a fact's value): one "• item" per line, an item's further lines under it. */
export function cardList(items: readonly string[]): string {
  return items.flatMap((item) => linesOf(item).map((line, i) => (i === 0 ? `• ${escapeLine(line)}` : escapeLine(line)))).join("\n\n");
}

/** A fact's value: its words, or its list one item per line. */
export function cardValue(value: FieldValue): string {
  return typeof value === "string" ? cardText(value) : cardList(value);
}
