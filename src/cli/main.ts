import { readFileSync } from "node:fs";
import { cliErrorJson, runCli } from "./run-cli.ts";

// `npm run --silent cli -- <command>`: JSON on stdout, errors as JSON on stderr, exit code non-zero on failure.
runCli(process.argv.slice(2), { stdin: () => readFileSync(0, "utf8"), out: (s) => process.stdout.write(s + "\n") })
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    process.stderr.write(cliErrorJson(error) + "\n");
    process.exit(1);
  });
