#!/usr/bin/env node
// @ts-check
// The package's `bin` and `npm run cli`: the compiled CLI (dist/src/cli/main.js), built first
// when dist/ is missing or older than its sources (a note on stderr says so; stdout stays JSON).
import path from "node:path";
import { pathToFileURL } from "node:url";
import { DEFAULT_OUT, ensureBuilt } from "../scripts/build-state.mjs";

await ensureBuilt();
await import(pathToFileURL(path.join(DEFAULT_OUT, "src", "cli", "main.js")).href);
