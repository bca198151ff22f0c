import { describe, expect, it } from "vitest";
import { isDirectMessage, mentionText } from "../../adapters/slack/slack-mention.ts";
import { SlackPeople } from "../../adapters/slack/slack-people.ts";
import { readThread } from "../../adapters/slack/slack-thread.ts";
import { slackTeam } from "../support/slack-bot.ts";

// The words an @mention addresses to the bot, and a thread read without the bot's own mentions.

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe("the words after an @mention of the bot", () => {
  it.each([
    ["<@UBOT> help", "help"],
    ["<@UBOT>: mine", "mine"],
    ["<@UBOT|oversight>, home", "home"],
    ["decided 5521-KT <@UBOT>", "decided 5521-KT"],
    ["<@UBOT> 5521-KT: <@U0SAM> to visit\nBecause: risk", "5521-KT: <@U0SAM> to visit\nBecause: risk"],
  ])("%j reads %j: the bot's mention goes, people's mentions and line breaks stay", (text, words) => {
    expect(mentionText(text, "UBOT")).toBe(words);
  });

  it("without the bot's id, takes only a leading mention as the bot's", () => {
    expect(mentionText("<@UBOT> list 5521-KT", undefined)).toBe("list 5521-KT");
    expect(mentionText("help <@U0SAM>", undefined)).toBe("help <@U0SAM>");
  });

  it("knows a mention in a DM (answered there as a message) from one in a channel", () => {
    expect(isDirectMessage({ channel: "D0MO" })).toBe(true);
    expect(isDirectMessage({ channel: "C0DUTY", channel_type: "im" })).toBe(true);
    expect(isDirectMessage({ channel: "C0DUTY" })).toBe(false);
    expect(isDirectMessage({ channel: "G0GROUP" })).toBe(false);
  });
});

describe("a thread read for a mention", () => {
  it("leaves the bot's own mentions out of its text, and keeps people's as handles", async () => {
    const messages = [
      { user: "U0SAM", text: "5528-KT: school reports two missed days", ts: "1795440000.000100" },
      { user: "U0MO", text: "<@UBOT> decided 5528-KT: <@U0SAM> to visit by Friday", ts: "1795442400.000400" },
    ];
    const client = { conversations: { replies: async () => ({ ok: true, messages }) } } as never;
    const people = SlackPeople.of(slackTeam());
    const thread = await readThread(client, "C0DUTY", messages[1]!, people, quiet, "UBOT");
    expect(thread.text).toBe("5528-KT: school reports two missed days\ndecided 5528-KT: @sam to visit by Friday");
    expect(thread.authors).toEqual(["U0SAM", "U0MO"]);
    // The shortcut's reading (no bot id) is as before.
    expect((await readThread(client, "C0DUTY", messages[1]!, people, quiet)).text).toContain("@UBOT decided");
  });
});
