import { ConfigError } from "./config/config-error.ts";
import { AppError } from "./domain/errors.ts";
import { startBot } from "./start-bot.ts";

/** `npm start`: the bot on the system clock; a configuration problem is one line on stderr. */
startBot().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof AppError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Oversight bot could not start: ${(error as Error)?.message ?? String(error)}\n`);
  }
  process.exit(1);
});
