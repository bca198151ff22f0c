// How Teams draws a TextBlock's or a FactSet value's text, modelled on what the Microsoft 365
// Agents Playground was seen to draw (CommonMark): paragraphs are separated by a blank line,
// a single line break inside one is only a space, and Markdown is read unless backslash-escaped.

/** The lines a person sees, escapes undone; and the Markdown left unescaped that Teams would read as formatting. */
export function drawn(text: string): { lines: string[]; markdown: string[] } {
  const markdown: string[] = [];
  const lines: string[] = [];
  for (const paragraph of text.split(/\n[ \t]*\n/)) {
    // A soft line break: the two lines run together.
    const line = paragraph.split("\n").map((l) => l.trim()).join(" ");
    if (!line) continue;
    const block = /^(?:[-+*]\s|\d+[.)]\s|#{1,6}\s|>|(?:-{3,}|={3,}|_{3,})\s*$)/.exec(line);
    if (block) markdown.push(`"${block[0].trim()}" starting "${line}"`);
    for (const m of line.matchAll(/(?<!\\)((?:\\\\)*)([*_`~<[]|&(?:#\d+|#x[0-9a-f]+|[a-z]+);)/gi)) markdown.push(`"${m[2]}" in "${line}"`);
    lines.push(line.replace(/\\([!-/:-@[-`{-~])/g, "$1"));
  }
  return { lines, markdown };
}

type Json = Record<string, unknown>;

/** Every text of a card Teams reads as Markdown (TextBlocks, facts' titles and values), in order. */
export function markdownTexts(card: Json): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const n = node as Json;
    if (n.type === "TextBlock" && typeof n.text === "string") out.push(n.text);
    if (n.type === "FactSet") for (const f of n.facts as { title: string; value: string }[]) out.push(f.title, f.value);
    for (const key of ["body", "items", "columns"]) if (key in n) walk(n[key]);
  };
  walk(card);
  return out;
}

/** The card as a person reads it: every line of every text, in order, and any Markdown Teams would apply. */
export function drawnCard(card: Json): { lines: string[]; markdown: string[] } {
  const all = markdownTexts(card).map(drawn);
  return { lines: all.flatMap((d) => d.lines), markdown: all.flatMap((d) => d.markdown) };
}

/** A fact's value as drawn, by its title. */
export function drawnFact(card: Json, title: string): string[] {
  const found: { title: string; value: string }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const n = node as Json;
    if (n.type === "FactSet") found.push(...(n.facts as { title: string; value: string }[]));
    for (const key of ["body", "items", "columns"]) if (key in n) walk(n[key]);
  };
  walk(card);
  const fact = found.find((f) => drawn(f.title).lines.join(" ") === title);
  if (!fact) throw new Error(`no fact "${title}" among ${JSON.stringify(found.map((f) => f.title))}`);
  return drawn(fact.value).lines;
}
