import { readFileSync } from "node:fs";
import { startBot } from "../../../src/start-bot.ts";

// The bot as `npm start` runs it, on a clock the end-to-end test moves: E2E_CLOCK_FILE holds
// an instant (ISO), read at every tick; the time stands still between the test's moves, so
// what the bot says does not depend on when or how slowly the test runs.

const file = process.env.E2E_CLOCK_FILE;
if (!file) throw new Error("E2E_CLOCK_FILE must name the file holding the bot's current instant");
const clock = {
  now(): Date {
    const at = new Date(readFileSync(file, "utf8").trim());
    if (Number.isNaN(at.getTime())) throw new Error(`E2E_CLOCK_FILE does not hold an instant`);
    return at;
  },
};
clock.now();

startBot(clock).catch((error: unknown) => {
  process.stderr.write(`Oversight bot could not start: ${(error as Error)?.message ?? String(error)}\n`);
  process.exit(1);
});
