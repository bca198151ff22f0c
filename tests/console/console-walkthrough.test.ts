import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConsoleSession } from "../../adapters/console/console-session.ts";
import { botPort } from "../../src/bot/bot-port.ts";
import { silentLogger } from "../../src/logger.ts";
import { play } from "../support/console-play.ts";
import { testCore } from "../support/core.ts";
import { COMPLETE_EXAMPLE } from "../support/fixtures.ts";
import { ConsoleDelivery } from "../../adapters/console/console-delivery.ts";
import { sweepReminders } from "../../src/scheduler/send-reminders.ts";

const sample = () => readFileSync(new URL("../../adapters/console/sample-roster.csv", import.meta.url), "utf8");

// What a walkthrough of the console found (issue 14, item 6).
describe("console walkthrough fixes", () => {
  it("leaves someone as they were when they switch to a handle not on the roster", async () => {
    const { core } = await testCore();
    const session = new ConsoleSession(botPort(core, silentLogger), silentLogger, sample);
    await session.start("mo");
    await play(session, [
      ["switch nobody", /"nobody" is not on the roster: you are still Mo Worker \(@mo\)\. Handles: .*@sam/],
      ["whoami", "You are Mo Worker (@mo"],
      ["help", "Commands:"],
      ["switch", /Say who: switch <handle>\. You are Mo Worker \(@mo\)/],
      ["switch @sam", "Hello Sam Worker"],
      ["whoami", "You are Sam Worker (@sam"],
    ]);
    expect(session.prompt).toBe("> ");
  });

  it("lets someone asked who they are quit instead of guessing handles forever", async () => {
    const { core } = await testCore();
    const session = new ConsoleSession(botPort(core, silentLogger), silentLogger, sample);
    expect(await session.start("nobody")).toContain("Who are you?");
    await play(session, [
      ["nobody", '"nobody" is not on the roster. Type one of the handles above, or quit.'],
      ["quit", "Goodbye"],
    ]);
    expect(session.closed).toBe(true);
  });

  it("names an amendment's fields by the form's labels, in the reply and in the note's history", async () => {
    const { core } = await testCore();
    const { recordedNote } = await import("../support/notes.ts");
    await recordedNote(core, "n1");
    const session = new ConsoleSession(botPort(core, silentLogger), silentLogger, sample);
    await session.start("mo");
    await play(session, [
      ["amend n1", /Reason for the amendment/],
      ["views added after the visit", /Save amendment\?/],
      ["child's views", /Child's views and wishes\n[\s\S]*now: not discussed: to be asked at tomorrow's visit/],
      ["wants to stay at home", ""],
      ["", /Save amendment\?/],
      ["yes", "Note n1 is amended (version 2: Child's views and wishes). The earlier version is kept."],
      ["show n1", /amended to version 2 \(Child's views and wishes\): views added after the visit\n {4}Child's views and wishes was: not discussed: to be asked at tomorrow's visit\n {4}now: wants to stay at home/],
    ]);
    expect(await session.handleLine("show n1")).not.toMatch(/childViews/);
  });

  it("says who records a group note: the session's presenter, not the most senior person", async () => {
    const { core, clock, storage } = await testCore({ now: "2026-11-23T10:00:00Z" });
    const mo = new ConsoleSession(botPort(core, silentLogger), silentLogger, sample);
    await mo.start("mo");
    await play(mo, [
      ["group setup", null],
      ["Tuesday 1 December 14:00", null],
      ["yes", "Group supervision for North is set up."],
    ]);
    const [first] = await storage.groups.sessionsOf((await storage.groups.seriesOfTeam("North"))!.id);
    await play(mo, [[`group assign ${first!.id} presenter @sam`, null]]);
    expect((await storage.groups.sessionsOf(first!.seriesId)).find((s) => s.id === first!.id)?.presenterId).toBe("p-sam");

    clock.set("2026-12-01T15:30:00Z");
    const sam = new ConsoleSession(botPort(core, silentLogger), silentLogger, sample);
    await sam.start("sam");
    const form = await sam.handleLine(`group note ${first!.id}`);
    expect(form).toContain("Recorder (the session's presenter): @sam");
    expect(form).not.toContain("most senior");
  });

  it("shows in `mine` the open actions and the reminders that can be snoozed, with the ids their commands need", async () => {
    // Mon 23 Nov 2026 15:00: docs/design.md#the-example, recorded by mo; sam's visit is due Tue 24 Nov 17:00.
    const { core, clock, storage } = await testCore();
    const session = new ConsoleSession(botPort(core, silentLogger), silentLogger, sample);
    await session.start("mo");
    for (const line of [...COMPLETE_EXAMPLE.split("\n"), ""]) await session.handleLine(line);
    expect(await session.handleLine("yes")).toContain("is recorded");
    const [note] = await storage.notes.listByCase("4471-JB");
    const visit = note!.actions[0]!;
    const delivery = new ConsoleDelivery();
    delivery.attach(() => {});
    clock.set("2026-11-24T08:30:00Z");
    await sweepReminders(core, delivery);
    const [reminder] = (await storage.schedule.reminders({ recipientId: "p-sam", status: "sent" })).filter((r) => r.kind !== "notice");

    await session.handleLine("switch sam");
    const mine = await session.handleLine("mine");
    expect(mine).toContain(`== Your open actions (1) · done <id> <outcome> ==\n  • ${visit.id} · visit · 4471-JB · due Tue 24 Nov 2026 17:00`);
    expect(mine).toContain(`== Reminders (1) · snooze <id> 1h|3h|tomorrow ==\n  • ${reminder!.id} · action: visit · 4471-JB · due Tue 24 Nov 2026 17:00`);
    expect(mine).toMatch(new RegExp(`== Your notes \\(1\\) ==\\n  • ${note!.id}  4471-JB`));
    // Short lines, to read on a phone.
    for (const line of mine.split("\n")) expect(line.length, line).toBeLessThanOrEqual(80);

    await play(session, [
      [`snooze ${reminder!.id} 1h`, "I will remind you again at Tue 24 Nov 2026 09:30."],
      ["mine", `${reminder!.id} · action: visit · 4471-JB · due Tue 24 Nov 2026 17:00 · snoozed till Tue 24 Nov 2026 09:30`],
      [`done ${visit.id} Seen at home; no new marks.`, 'Action "visit" is done'],
    ]);
    const after = await session.handleLine("mine");
    expect(after).not.toContain("Your open actions");
    expect(after).not.toContain("Reminders");
    expect(after).toContain("Your notes (1)");
  });
});
