import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

// The project's import graph, read with the TypeScript parser rather than regexes so that
// comments, strings and multi-line imports cannot fool it. Paths are repository-relative
// and use "/" on every platform, so tests can compare them with literals.

/** One module specifier as written in a file. */
export interface RawImport {
  specifier: string;
  typeOnly: boolean;
}

/** A relative import, resolved to the repository-relative path it names. */
export interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

/** A bare specifier (a package or a node: builtin), kept as written. */
export interface PackageImport {
  from: string;
  specifier: string;
  typeOnly: boolean;
}

export interface ImportGraph {
  files: string[];
  edges: Edge[];
  packages: PackageImport[];
}

export const SCANNED_DIRS = ["src", "adapters"];
// Prisma's generated client is not our code: its internals are not part of the layering.
const SKIPPED_DIRS = ["src/storage/prisma/generated"];

const isTypeOnlyNamed = (elements: readonly { isTypeOnly: boolean }[]) => elements.length > 0 && elements.every((e) => e.isTypeOnly);

/**
 * Every import in one source text: static, side-effect, re-export, import(), import x = require(),
 * require() and createRequire(…)().
 * With `dynamic: false`, import() calls are left out: what loading the file loads at once.
 */
export function importsOf(source: string, fileName = "source.ts", { dynamic = true }: { dynamic?: boolean } = {}): RawImport[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: RawImport[] = [];
  const add = (specifier: ts.Node | undefined, typeOnly: boolean) => {
    if (specifier && ts.isStringLiteralLike(specifier)) found.push({ specifier: specifier.text, typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      // `import { type A } from` is erased; `import D, { type A }` or `import * as N` is not.
      const named = clause?.namedBindings;
      const erasedNamed = !!clause && !clause.name && !!named && ts.isNamedImports(named) && isTypeOnlyNamed(named.elements);
      add(node.moduleSpecifier, !!clause && (clause.phaseModifier === ts.SyntaxKind.TypeKeyword || erasedNamed));
    } else if (ts.isExportDeclaration(node)) {
      const clause = node.exportClause;
      add(node.moduleSpecifier, node.isTypeOnly || (!!clause && ts.isNamedExports(clause) && isTypeOnlyNamed(clause.elements)));
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || isRequire(node.expression))) {
      // import("x"), require("x") and createRequire(…)("x") load the module when they run
      if (dynamic) add(node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true); // `typeof import("x")` in a type: a dependency, but erased
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** `require` or `createRequire(import.meta.url)`: what loads a CommonJS module by name. */
function isRequire(callee: ts.Expression): boolean {
  if (ts.isIdentifier(callee)) return callee.text === "require";
  return ts.isCallExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === "createRequire";
}

/** One file's imports split into resolved edges (relative specifiers) and packages (bare ones). */
export function graphOf(from: string, source: string, options: { dynamic?: boolean } = {}): Pick<ImportGraph, "edges" | "packages"> {
  const edges: Edge[] = [];
  const packages: PackageImport[] = [];
  for (const { specifier, typeOnly } of importsOf(source, from, options)) {
    if (specifier.startsWith(".")) edges.push({ from, to: path.posix.join(path.posix.dirname(from), specifier), typeOnly });
    else packages.push({ from, specifier, typeOnly });
  }
  return { edges, packages };
}

/** Every .ts file under the scanned folders, repository-relative, sorted. */
export function sourceFiles(root = process.cwd()): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) return SKIPPED_DIRS.includes(rel) ? [] : walk(rel);
      return entry.name.endsWith(".ts") ? [rel] : [];
    });
  return SCANNED_DIRS.flatMap(walk).sort();
}

export function readImportGraph(root = process.cwd()): ImportGraph {
  const files = sourceFiles(root);
  const parts = files.map((file) => graphOf(file, readFileSync(path.join(root, file), "utf8")));
  return { files, edges: parts.flatMap((p) => p.edges), packages: parts.flatMap((p) => p.packages) };
}
