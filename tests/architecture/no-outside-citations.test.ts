import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The repository documents its own design (docs/): nothing in it may cite a file outside it,
// and every path, link and section its documents name must exist. Policy citations such as
// "[004 §7]" are allowed, as long as docs/policies.md lists the clause.
//
// The patterns below are written so that this file's own text does not match them: a dot or a
// slash in them is always escaped.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Names of files that lived outside the repository, and the way they were reached. */
const OUTSIDE: { what: string; pattern: RegExp }[] = [
  { what: "the product design file outside the repository", pattern: /\bDESIGN\.md\b/ },
  { what: "the toolchain notes outside the repository", pattern: /\bTOOLCHAIN\.md\b/ },
  { what: "the coding conventions outside the repository", pattern: /\bCONVENTIONS\.md\b/ },
  { what: "the shared folder beside the repository", pattern: /\.\.\/shared\b|(?<![\w.-])shared\/policies\b/ },
  { what: "a policy text by its file name", pattern: /\b00[0-4]_[0-9a-f]{16}\.txt\b/ },
  { what: "an absolute path on a developer's machine", pattern: /(?<![\w.:-])\/(?:work|home|root|Users|mnt)\/[\w.-]/ },
];

/** A relative path that climbs: "../x", "../../docs". */
const CLIMBING = /(?<![\w.])((?:\.\.\/)+)([\w@-][\w.@/-]*)?/g;

/**
 * Lines allowed to keep an outside citation, each with the reason. An applied migration is
 * never edited: Prisma records each migration file's checksum, and `prisma migrate deploy`
 * warns about one changed since. Its sections are docs/design.md#the-record-and-the-audit-trail.
 */
const EXEMPT: { file: string; line: number; why: string }[] = [
  { file: "prisma/migrations/20261123151900_append_only_record/migration.sql", line: 2, why: "applied migrations are immutable" },
];

/** Files not to read: dependencies and Prisma's generated client. */
const SKIPPED = [/^node_modules(\/|$)/, /^src\/storage\/prisma\/generated\//];

export interface Finding {
  file: string;
  line: number;
  what: string;
  text: string;
}

/** Tracked files, and new ones not ignored, as repository-relative paths: text files only. */
function repositoryFiles(): string[] {
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" });
  return [...new Set(listed.split("\0").filter(Boolean))]
    .filter((file) => !SKIPPED.some((skip) => skip.test(file)))
    .filter((file) => existsSync(path.join(ROOT, file)) && statSync(path.join(ROOT, file)).isFile())
    .sort();
}

function readText(file: string): string | null {
  const bytes = readFileSync(path.join(ROOT, file));
  return bytes.includes(0) ? null : bytes.toString("utf8");
}

const isOutside = (absolute: string) => {
  const relative = path.relative(ROOT, absolute);
  return relative.startsWith("..") || path.isAbsolute(relative);
};

/** Every citation of something outside the repository in one file's text. */
export function outsideCitations(file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  text.split("\n").forEach((lineText, i) => {
    const at = { file, line: i + 1, text: lineText.trim() };
    for (const { what, pattern } of OUTSIDE) if (pattern.test(lineText)) findings.push({ ...at, what });
    for (const match of lineText.matchAll(CLIMBING)) {
      const target = path.resolve(path.dirname(path.join(ROOT, file)), match[0]);
      if (isOutside(target)) findings.push({ ...at, what: `a path outside the repository (${match[0]})` });
    }
  });
  return findings;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
export function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** The anchors of a markdown file's headings (outside code blocks); a repeated heading gets "-1", "-2". */
export function anchorsIn(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const heading = !fenced && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = anchorOf(heading[1]!);
    let anchor = base;
    for (let n = 1; anchors.has(anchor); n++) anchor = `${base}-${n}`;
    anchors.add(anchor);
  }
  return anchors;
}

/** Where a path and optional "#anchor" leads: a problem in words, or null when it exists. */
function brokenTarget(absolute: string, anchor: string | undefined): string | null {
  if (isOutside(absolute)) return "is outside the repository";
  if (!existsSync(absolute)) return "does not exist";
  if (anchor === undefined) return null;
  if (!absolute.endsWith(".md")) return "has an anchor but is not a markdown file";
  return anchorsIn(readFileSync(absolute, "utf8")).has(anchor) ? null : `has no section #${anchor}`;
}

/** A repository path as the documents write it: "src/domain/access.ts", "docs/design.md#the-note", "tests/slack/". */
const REPO_PATH = /(?<![\w./-])((?:docs|src|tests|adapters|profiles|prompts|prisma|scripts|bin)\/[\w./-]*)(#[\w-]+)?/g;

/** A markdown link's target: "[text](target)". */
const MARKDOWN_LINK = /\]\(([^)\s]+)\)/g;

/** Paths a document names that do not exist, from the repository root; and its relative links that lead nowhere. */
export function brokenReferences(file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  text.split("\n").forEach((lineText, i) => {
    const at = { file, line: i + 1, text: lineText.trim() };
    const inLink = new Set<number>();
    for (const match of lineText.matchAll(MARKDOWN_LINK)) {
      const target = match[1]!;
      for (let k = match.index!; k < match.index! + match[0].length; k++) inLink.add(k);
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
      const [where, anchor] = target.split("#") as [string, string | undefined];
      const absolute = where === "" ? path.join(ROOT, file) : path.resolve(path.dirname(path.join(ROOT, file)), where);
      const problem = brokenTarget(absolute, anchor);
      if (problem) findings.push({ ...at, what: `link ${target} ${problem}` });
    }
    for (const match of lineText.matchAll(REPO_PATH)) {
      if (inLink.has(match.index!)) continue;
      const written = match[1]!.replace(/[.,;:]+$/, "");
      const problem = brokenTarget(path.join(ROOT, written), match[2]?.slice(1));
      if (problem) findings.push({ ...at, what: `${written}${match[2] ?? ""} ${problem}` });
    }
  });
  return findings;
}

/** "docs/design.md#the-note" anywhere in a file, as code comments cite the documents. */
const DOCS_CITATION = /(?<![\w./-])(docs\/[\w.-]+\.md)(#[\w-]+)?/g;

export function brokenDocsCitations(file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  text.split("\n").forEach((lineText, i) => {
    for (const match of lineText.matchAll(DOCS_CITATION)) {
      const problem = brokenTarget(path.join(ROOT, match[1]!), match[2]?.slice(1));
      if (problem) findings.push({ file, line: i + 1, text: lineText.trim(), what: `${match[0]} ${problem}` });
    }
  });
  return findings;
}

/** A policy citation on one line: "[004 §7]", "[000 group Standard Four]", "[001 §9, 004 §10]"; not a regex's "\[004". */
const POLICY_CITATION = /(?<!\\)\[(00[0-4])(?: ([^\]\n\\]+))?\]/g;

/** The forms a citation may take in docs/policies.md: as written, or up to its first comma. */
export function policyCitations(text: string): { cited: string; listedAs: string[] }[] {
  return [...text.matchAll(POLICY_CITATION)].map((match) => {
    const [policy, clause] = [match[1]!, match[2]?.trim()];
    const head = clause?.split(",")[0]!.trim();
    return { cited: match[0], listedAs: [match[0], `[${policy}${head ? ` ${head}` : ""}]`] };
  });
}

const describeFindings = (findings: Finding[]) => findings.map((f) => `${f.file}:${f.line}: ${f.what}\n    ${f.text}`).join("\n");

describe("the repository cites nothing outside itself", () => {
  const files = repositoryFiles();
  const texts = new Map(files.map((file) => [file, readText(file)] as const));

  it("reads the real repository (so the checks below cannot pass on nothing)", () => {
    expect(files.length).toBeGreaterThan(200);
    for (const must of ["README.md", "docs/README.md", "docs/design.md", "docs/architecture.md", "docs/rules.md", "docs/policies.md", "src/domain/access.ts"]) {
      expect(files, must).toContain(must);
    }
    expect(files.some((f) => f.startsWith("node_modules"))).toBe(false);
  });

  it("mentions no file outside the repository", () => {
    const findings = files.flatMap((file) => {
      const text = texts.get(file);
      return text === null || text === undefined ? [] : outsideCitations(file, text);
    });
    const exempt = (f: Finding) => EXEMPT.some((e) => e.file === f.file && e.line === f.line);
    expect(describeFindings(findings.filter((f) => !exempt(f)))).toBe("");
    // An exemption that no longer matches anything is stale: remove it.
    const stale = EXEMPT.filter((e) => !findings.some((f) => f.file === e.file && f.line === e.line));
    expect(stale).toEqual([]);
  });

  it("names, in docs/, only paths, links and sections that exist", () => {
    const docs = files.filter((f) => /^docs\/[^/]+\.md$/.test(f));
    expect(docs.length).toBeGreaterThanOrEqual(5);
    const findings = docs.flatMap((file) => brokenReferences(file, texts.get(file) ?? ""));
    expect(describeFindings(findings)).toBe("");
  });

  it("has relative links that lead somewhere in every markdown file", () => {
    const markdown = files.filter((f) => f.endsWith(".md") && !f.startsWith("docs/"));
    const findings = markdown.flatMap((file) => brokenReferences(file, texts.get(file) ?? "").filter((f) => f.what.startsWith("link ")));
    expect(describeFindings(findings)).toBe("");
  });

  it("cites docs/ only by files and sections that exist", () => {
    const findings = files.flatMap((file) => brokenDocsCitations(file, texts.get(file) ?? ""));
    expect(describeFindings(findings)).toBe("");
  });

  it("lists in docs/policies.md every policy clause it cites", () => {
    const listed = readFileSync(path.join(ROOT, "docs", "policies.md"), "utf8");
    const missing = new Set<string>();
    let seen = 0;
    for (const file of files) {
      for (const { cited, listedAs } of policyCitations(texts.get(file) ?? "")) {
        seen++;
        if (!listedAs.some((form) => listed.includes(form))) missing.add(`${cited} (${file})`);
      }
    }
    expect(seen).toBeGreaterThan(50);
    expect([...missing].sort()).toEqual([]);
  });
});

describe("the checks themselves", () => {
  // Planted lines, built at run time so that this file's text never holds them.
  const design = ["DESIGN", "md"].join(".");
  const toolchain = ["TOOLCHAIN", "md"].join(".");
  const sharedPolicies = ["shared", "policies"].join("/");
  const up = "../";
  const docs = (rest: string) => ["docs", rest].join("/");

  it("find each kind of outside citation", () => {
    const planted = [
      `// see ${design} §4`,
      `// offline (${up}shared/${toolchain})`,
      `# [004] (${sharedPolicies}/README.md)`,
      `"${["CONVENTIONS", "md"].join(".")}"`,
      `policy ${"004_226a9e6912e608df"}.txt`,
      `open ${"/"}work/shared/notes`,
      `import x from "${up}${up}${up}elsewhere/x.ts";`,
    ].join("\n");
    expect(outsideCitations("src/domain/x.ts", planted).map((f) => f.line)).toEqual([1, 2, 2, 3, 4, 5, 6, 7]);
  });

  it("leave alone what stays inside: imports, test paths, temporary files, the documents", () => {
    const fine = [
      'import { x } from "../../src/domain/note.ts";',
      'const db = "file:/tmp/x.db";',
      "// (docs/design.md#the-note), docs/policies.md",
      "GET /healthz and /api/messages",
    ].join("\n");
    expect(outsideCitations("tests/domain/x.test.ts", fine)).toEqual([]);
  });

  it("find a path, a link or a section that does not exist", () => {
    const planted = [
      "See `src/domain/nothing-here.ts` and [the rules](rules.md).",
      "[gone](nowhere.md), [design](design.md#no-such-section), docs/design.md#the-note.",
      "A folder: `src/domain/`; a pattern: `profiles/*.yaml`.",
    ].join("\n");
    expect(brokenReferences(docs("x.md"), planted).map((f) => `${f.line} ${f.what}`)).toEqual([
      "1 src/domain/nothing-here.ts does not exist",
      "2 link nowhere.md does not exist",
      "2 link design.md#no-such-section has no section #no-such-section",
    ]);
    expect(brokenDocsCitations("src/x.ts", `// (${docs("design.md#nope")}), ${docs("gone.md")}`).map((f) => f.what)).toEqual([
      `${docs("design.md#nope")} has no section #nope`,
      `${docs("gone.md")} does not exist`,
    ]);
  });

  it("make anchors as GitHub does", () => {
    expect(anchorOf("One turn, one transaction")).toBe("one-turn-one-transaction");
    expect(anchorOf("000: South Gloucestershire")).toBe("000-south-gloucestershire");
    expect([...anchorsIn("# A\n```\n# not a heading\n```\n## A\n")]).toEqual(["a", "a-1"]);
  });

  it("read policy citations, not regexes that test for them", () => {
    expect(policyCitations("[004 §7] and [001 §9, 004 §10] but not /^\\[004 §13\\]/").map((c) => c.listedAs)).toEqual([
      ["[004 §7]", "[004 §7]"],
      ["[001 §9, 004 §10]", "[001 §9]"],
    ]);
  });
});
