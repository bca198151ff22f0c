import { expect } from "vitest";
import type { ConsoleSession } from "../../adapters/console/console-session.ts";

/** Plays a console dialogue: each row is [what the person types, what the bot's answer must contain (or match); null: anything]. */
export async function play(session: ConsoleSession, rows: [string, string | RegExp | null][]): Promise<void> {
  for (const [typed, expected] of rows) {
    const reply = await session.handleLine(typed);
    if (expected === null) continue;
    if (typeof expected === "string") expect(reply, `after typing ${JSON.stringify(typed)}`).toContain(expected);
    else expect(reply, `after typing ${JSON.stringify(typed)}`).toMatch(expected);
  }
}
