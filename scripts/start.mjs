// @ts-check
// `npm start`: the compiled bot (dist/src/main.js), built first when dist/ is missing or older
// than its sources, so `npm ci && npm start` works on a fresh clone. The bot runs in this same
// process (imported, not spawned): one Node process less in memory, and the terminal's stdin
// and stdout stay the console's.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { DEFAULT_OUT, ensureBuilt } from "./build-state.mjs";

await ensureBuilt();
await import(pathToFileURL(path.join(DEFAULT_OUT, "src", "main.js")).href);
