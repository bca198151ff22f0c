// Reads a profile file (YAML, or JSON) into plain data, keeping enough of the parse to
// point a problem at its line: administrators edit these files by hand.
import { readFileSync } from "node:fs";
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { AppError } from "../domain/errors.ts";

export interface ProfileFile {
  file: string;
  data: unknown;
  /** The 1-based line where `path` is set (its key), or of the nearest part of it that exists. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

export function readProfileFile(file: string): ProfileFile {
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch (error) {
    throw new AppError("POLICY.UNREADABLE", `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`, { file });
  }
  if (/\.json$/i.test(file)) checkJsonSyntax(file, source);
  // JSON is YAML too: parsing it as YAML as well gives JSON files line numbers.
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = lines.linePos(syntax.pos[0]).line;
    const problem = `is not valid YAML: ${syntax.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`;
    throw new AppError("POLICY.INVALID", `${file} line ${line}: ${problem}`, { file, line, problem });
  }
  return {
    file,
    data: doc.toJS(),
    lineOf: (path) => {
      const offset = offsetOf(doc, path);
      return offset === undefined ? undefined : lines.linePos(offset).line;
    },
  };
}

function checkJsonSyntax(file: string, source: string): void {
  try {
    JSON.parse(source);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const line = position ? source.slice(0, Number(position[1])).split("\n").length : undefined;
    const problem = `is not valid JSON: ${message}`;
    throw new AppError("POLICY.INVALID", `${file}${line ? ` line ${line}` : ""}: ${problem}`, { file, problem, ...(line ? { line } : {}) });
  }
}

/**
 * Where `path` starts: the key of its last mapping entry (so `after:` rather than the
 * block under it), a sequence item itself, or the deepest part of the path that exists.
 */
function offsetOf(doc: Document, path: readonly PropertyKey[]): number | undefined {
  let node = doc.contents as Node | null;
  let offset = node?.range?.[0];
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      offset = (pair.key as Node | null)?.range?.[0] ?? offset;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof key === "number" && node.items[key]) {
      node = node.items[key] as Node | null;
      offset = node?.range?.[0] ?? offset;
    } else break;
  }
  return offset;
}
