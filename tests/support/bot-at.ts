// The bot as `npm start` runs it, on a clock standing still at BOT_NOW (an ISO instant): for
// process tests whose reminders must fall in working hours whenever the test runs.
import { FixedClock } from "../../src/domain/clock.ts";
import { startBot } from "../../src/start-bot.ts";

const now = process.env.BOT_NOW;
if (!now || Number.isNaN(new Date(now).getTime())) throw new Error("BOT_NOW must be an instant, e.g. 2026-11-24T11:00:00Z");

startBot(new FixedClock(now)).catch((error: unknown) => {
  process.stderr.write(`Oversight bot could not start: ${(error as Error)?.message ?? String(error)}\n`);
  process.exit(1);
});
