// @ts-check
// Whether the compiled bot in dist/ is up to date with its sources, and building it when not.
// Kept free of heavy imports: `npm start` and the `oversight` CLI read it on every start, and
// load the compiler (scripts/build.mjs, esbuild) only when something has changed.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository: where the sources are. */
export const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Where `npm run build` writes by default. */
export const DEFAULT_OUT = path.join(ROOT, "dist");
/** The stamp a finished build leaves: every input with its size and modification time. */
export const STAMP = ".build-stamp.json";

/**
 * What the build reads, from the repository root: the code (compiled) with the files beside
 * it (copied), and what the code reads at run time relative to its own file (copied).
 * The generated Prisma clients live under src/, so `npm run db:generate` marks the build stale.
 */
export const INPUT_DIRS = ["src", "adapters", "prompts", "profiles", "prisma/migrations", "prisma/migrations-postgres"];
export const INPUT_FILES = ["package.json", "scripts/build.mjs", "scripts/build-state.mjs"];

/**
 * Every input file, repository-relative with "/", and its [size, mtime in ms], sorted by path.
 * @param {string} root
 * @returns {Record<string, [number, number]>}
 */
export function inputsOf(root = ROOT) {
  /** @type {Record<string, [number, number]>} */
  const inputs = {};
  const add = (/** @type {string} */ rel) => {
    const stat = statSync(path.join(root, rel));
    inputs[rel] = [stat.size, Math.round(stat.mtimeMs)];
  };
  const walk = (/** @type {string} */ dir) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile()) add(rel);
    }
  };
  for (const dir of INPUT_DIRS) walk(dir);
  for (const file of INPUT_FILES) add(file);
  return Object.fromEntries(Object.entries(inputs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Why the build in `outDir` is out of date, or null when it is current: missing, or an input
 * added, removed or changed (size or modification time) since the stamp was written.
 * @param {{ root?: string, outDir?: string }} [where]
 * @returns {string | null}
 */
export function staleReason({ root = ROOT, outDir = DEFAULT_OUT } = {}) {
  /** @type {{ inputs?: Record<string, [number, number]> }} */
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(path.join(outDir, STAMP), "utf8"));
  } catch {
    return "no build yet";
  }
  const built = stamp.inputs ?? {};
  const now = inputsOf(root);
  for (const [file, [size, mtime]] of Object.entries(now)) {
    const before = built[file];
    if (!before) return `${file} is new`;
    if (before[0] !== size || before[1] !== mtime) return `${file} changed`;
  }
  const gone = Object.keys(built).find((file) => !(file in now));
  return gone ? `${gone} was removed` : null;
}

/**
 * Builds when the output is missing or stale, saying why on stderr (stdout stays the
 * program's own: the CLI prints JSON there). Loads the compiler only then.
 * @param {{ root?: string, outDir?: string, quiet?: boolean }} [options]
 * @returns {Promise<boolean>} whether it built
 */
export async function ensureBuilt({ root = ROOT, outDir = DEFAULT_OUT, quiet = false } = {}) {
  const reason = staleReason({ root, outDir });
  if (!reason) return false;
  if (!quiet) process.stderr.write(`Building ${path.relative(process.cwd(), outDir) || outDir} (${reason})…\n`);
  const { build } = await import("./build.mjs");
  await build({ root, outDir });
  return true;
}
