import { afterAll, beforeAll, expect, it } from "vitest";
import { startSlackBot } from "../support/slack-bot.ts";
import { DESIGN_EXAMPLE } from "../support/fixtures.ts";

let bot: Awaited<ReturnType<typeof startSlackBot>>;
beforeAll(async () => (bot = await startSlackBot()));
afterAll(() => bot.close_());

it("smoke", async () => {
  const help = await bot.command("help");
  console.log(help.status, help.text.slice(0, 300));
  const r = await bot.command(DESIGN_EXAMPLE.replace(/^\/oversight /, ""));
  console.log(r.status, r.text);
  const [open] = await bot.fake.waitFor("views.open");
  console.log(JSON.stringify(open!.args).slice(0, 3000));
  console.log(bot.log.join("\n"));
  expect(1).toBe(1);
});
