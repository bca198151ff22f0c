import { botPort } from "../../src/bot/bot-port.ts";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConsoleDelivery } from "../../adapters/console/console-delivery.ts";
import { ConsoleSession } from "../../adapters/console/console-session.ts";
import { silentLogger } from "../../src/logger.ts";
import { sweepReminders } from "../../src/scheduler/send-reminders.ts";
import { testCore } from "../support/core.ts";
import { COMPLETE_EXAMPLE } from "../support/fixtures.ts";

const sample = () => readFileSync(new URL("../../adapters/console/sample-roster.csv", import.meta.url), "utf8");

describe("reminders in the console", () => {
  it("arrive as direct messages with the commands their buttons stand for, and the action's outcome is asked for", async () => {
    // Mon 23 Nov 2026 15:00: docs/design.md#the-example, recorded by mo; sam's visit is due Tue 24 Nov 17:00.
    const { core, clock, storage } = await testCore();
    const session = new ConsoleSession(botPort(core, silentLogger), silentLogger, sample);
    await session.start("mo");
    for (const line of [...COMPLETE_EXAMPLE.split("\n"), ""]) await session.handleLine(line);
    expect(await session.handleLine("yes")).toContain("is recorded");
    const [note] = await storage.notes.listByCase("4471-JB");
    const visit = note!.actions[0]!;

    const screen: string[] = [];
    const delivery = new ConsoleDelivery();
    delivery.attach((text) => screen.push(text));
    // At once: sam is told what was decided, and his action.
    await sweepReminders(core, delivery);
    expect(screen.join("")).toMatch(/^\n\[direct message for @sam\]\nOversight note \w+ on 4471-JB is recorded\.[\s\S]*visit – Sam Worker – by Tue 24 Nov 2026 17:00/);
    screen.length = 0;
    // Tue 08:30, the start of sam's working day on the due day.
    clock.set("2026-11-24T08:30:00Z");
    await sweepReminders(core, delivery);
    const [reminder] = (await storage.schedule.reminders({ status: "sent" })).filter((r) => r.kind !== "notice");
    expect(screen.join("")).toBe(
      `\n[direct message for @sam]\nReminder: your action on case 4471-JB is due Tue 24 Nov 2026 17:00 (8 hours 30 minutes left): visit\n` +
        `[Mark done: done ${visit.id}]  [Snooze 1 hour: snooze ${reminder!.id} 1h]  [Snooze 3 hours: snooze ${reminder!.id} 3h]  [Tomorrow 09:00: snooze ${reminder!.id} tomorrow]\n`,
    );

    // sam types the button's command: the bot asks what came of it.
    await session.handleLine("switch sam");
    expect(await session.handleLine(`done ${visit.id}`)).toMatch(/What came of "visit"\? \(one line\)/);
    expect(await session.handleLine("Seen at home with police; no new marks.")).toContain("Mark done? yes / no");
    expect(await session.handleLine("yes")).toContain('Action "visit" is done');
    expect((await storage.schedule.findDeadline(`action.due:${visit.id}`))?.status).toBe("met");

    // Nothing more about the visit at breach; the note's own deadlines still show in `show`.
    screen.length = 0;
    clock.set("2026-11-24T17:00:00Z");
    await sweepReminders(core, delivery);
    expect(screen.join("")).not.toContain("visit");
    expect(await session.handleLine(`show ${note!.id}`)).toMatch(/== Deadlines ==[\s\S]*Complete the note: due Wed 25 Nov 2026 14:10, met on time at Mon 23 Nov 2026 15:00 \(48 hours after Mon 23 Nov 2026 14:10/);
  });
});
