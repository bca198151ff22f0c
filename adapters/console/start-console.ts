import { readFileSync } from "node:fs";
import readline from "node:readline";
import type { Logger } from "../../src/logger.ts";
import type { BotPort } from "../../src/bot/bot-port.ts";
import type { ConsoleDelivery } from "./console-delivery.ts";
import { ConsoleSession } from "./console-session.ts";

const SAMPLE_ROSTER = new URL("./sample-roster.csv", import.meta.url);

/** Runs the console conversation on a terminal until the person quits or closes input. */
export async function startConsole(
  bot: BotPort,
  log: Logger,
  opts: { asHandle?: string; input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream; delivery?: ConsoleDelivery } = {},
): Promise<void> {
  const input = opts.input ?? process.stdin;
  const output = opts.output ?? process.stdout;
  const session = new ConsoleSession(bot, log, () => readFileSync(SAMPLE_ROSTER, "utf8"));
  const rl = readline.createInterface({ input, output, terminal: (output as NodeJS.WriteStream).isTTY === true });
  const write = (text: string) => text && output.write(text + "\n");
  write(await session.start(opts.asHandle));
  rl.setPrompt(session.prompt);
  rl.prompt();
  // Reminders arrive between lines: shown above a fresh prompt, the line being typed kept.
  opts.delivery?.attach((text) => {
    output.write(text);
    rl.prompt(true);
  });
  // Lines are handled one at a time, in order, even when a paste delivers many at once.
  let queue = Promise.resolve();
  await new Promise<void>((resolve) => {
    rl.on("line", (line) => {
      queue = queue
        .then(async () => {
          write(await session.handleLine(line));
          if (session.closed) return rl.close();
          rl.setPrompt(session.prompt);
          rl.prompt();
        })
        .catch((error: unknown) => log.error("console.output-failed", { type: (error as Error)?.name ?? "unknown" }));
    });
    rl.on("close", () => void queue.then(resolve));
  });
}
