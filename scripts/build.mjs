// @ts-check
// `npm run build [-- --out DIR]`: compiles the bot to JavaScript in dist/, keeping the source
// layout (dist/src/main.js, dist/adapters/…), so every path the code resolves against its own
// file (prompts/en.json, profiles/, prisma/migrations*, the console's sample roster, the Teams
// app files) is found beside it: those are copied. Each file is compiled on its own with
// esbuild (what tsx runs on too, so the output behaves as `tsx` did): no bundling, imports of
// "./x.ts" rewritten to "./x.js", packages left to node_modules. Types are checked by
// `npm run typecheck`, not here. Writes a stamp of its inputs last; scripts/build-state.mjs
// compares it to decide when to build again.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { DEFAULT_OUT, INPUT_DIRS, ROOT, STAMP, inputsOf } from "./build-state.mjs";

/** Folders whose .ts files are compiled; their other files are copied beside the output. */
const CODE_DIRS = ["src", "adapters"];
/** What the build owns in the output folder (other files there, e.g. the Teams app zip, are left alone). */
const OWNED = [...new Set(INPUT_DIRS.map((dir) => dir.split("/")[0] ?? dir)), "package.json", STAMP];

/**
 * @param {{ root?: string, outDir?: string }} [options]
 * @returns {Promise<{ outDir: string, files: number, ms: number }>}
 */
export async function build({ root = ROOT, outDir = DEFAULT_OUT } = {}) {
  const started = performance.now();
  const inputs = inputsOf(root); // before reading anything: a change made during the build makes it stale
  const esbuild = await import("esbuild");
  mkdirSync(outDir, { recursive: true });
  // Built beside the output, then moved in: a failed build leaves the last good one (without its stamp).
  const work = path.join(outDir, `.building-${process.pid}-${Date.now()}`);
  try {
    rmSync(path.join(outDir, STAMP), { force: true });
    const code = Object.keys(inputs).filter((file) => CODE_DIRS.some((dir) => file.startsWith(`${dir}/`)));
    const entryPoints = code.filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts")).map((file) => path.join(root, file));
    await esbuild.build({
      entryPoints,
      outdir: work,
      outbase: root,
      absWorkingDir: root,
      bundle: true, // only so that the plugin below sees every import; it keeps all of them external
      plugins: [externalImports],
      format: "esm",
      platform: "node",
      target: "node20",
      logLevel: "warning",
    });
    for (const file of Object.keys(inputs)) {
      const compiled = file.endsWith(".ts") && CODE_DIRS.some((dir) => file.startsWith(`${dir}/`));
      const runtimeFile = INPUT_DIRS.some((dir) => file.startsWith(`${dir}/`));
      if (runtimeFile && !compiled) cpSync(path.join(root, file), path.join(work, file));
    }
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
    // ES modules, and the version the Teams app package reads.
    writeFileSync(path.join(work, "package.json"), `${JSON.stringify({ name: `${pkg.name}-build`, version: pkg.version, private: true, type: "module" }, null, 2)}\n`);
    for (const entry of OWNED) {
      if (entry === STAMP) continue;
      rmSync(path.join(outDir, entry), { recursive: true, force: true });
      if (existsSync(path.join(work, entry))) renameSync(path.join(work, entry), path.join(outDir, entry));
    }
    writeFileSync(path.join(outDir, STAMP), `${JSON.stringify({ builtAt: new Date().toISOString(), inputs })}\n`);
    return { outDir, files: entryPoints.length, ms: Math.round(performance.now() - started) };
  } finally {
    rmSync(work, { recursive: true, force: true });
    await esbuild.stop(); // its service process would otherwise stay beside the bot
  }
}

/**
 * Every import stays an import: relative ones with ".ts" made ".js", packages and node:
 * builtins as written. Only entry points are compiled, each to its own file.
 * @type {import("esbuild").Plugin}
 */
const externalImports = {
  name: "external-imports",
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === "entry-point") return undefined;
      const rewritten = args.path.startsWith(".") ? args.path.replace(/\.ts$/, ".js") : args.path;
      return { path: rewritten, external: true };
    });
  },
};

/** Every file name under `dir`, relative, for the report. */
function countFiles(/** @type {string} */ dir) {
  /** @type {number} */
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) n++;
  return n;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  const outDir = values.out ? path.resolve(values.out) : DEFAULT_OUT;
  const result = await build({ outDir });
  process.stdout.write(`Built ${result.files} modules into ${path.relative(process.cwd(), outDir) || outDir} (${countFiles(outDir)} files) in ${result.ms} ms\n`);
}
