import { describe, expect, it } from "vitest";
import { handleInbound } from "../../src/bot/inbound.ts";
import { silentLogger } from "../../src/logger.ts";
import { readGrant } from "../../src/services/dashboard-link.ts";
import { testCore } from "../support/core.ts";

// `dashboard [team]` in chat (issue 18 item 2): a private, short-lived link for whoever asks.
// Clock: Mon 23 Nov 2026 15:00 London.

const KEY = Buffer.from("c".repeat(32));

async function chat(opts: { configured: boolean }) {
  const t = await testCore();
  if (opts.configured) t.core.dashboard = { key: KEY, baseUrl: "http://127.0.0.1:3978", minutes: 15 };
  let n = 0;
  const says = async (handle: string, text: string) => {
    const reply = await handleInbound(t.core, silentLogger, { kind: "message", eventId: `e${++n}`, actor: { platform: "console", externalId: handle }, text });
    const link = reply.message?.blocks.find((b) => b.type === "link");
    return { text: reply.message?.text ?? "", link, refused: reply.refused === true, shareable: reply.shareable === true };
  };
  return { t, says };
}

describe("dashboard in chat", () => {
  it("answers each person as their access allows", async () => {
    const { t, says } = await chat({ configured: true });
    // [who, says, the reply, refused]
    const dialogue: [string, string, RegExp, boolean][] = [
      ["mo", "dashboard", /^Your compliance dashboard for North: it works for you only, until Mon 23 Nov 2026 15:15\. Ask again \(dashboard\) for a new link\.$/, false],
      ["lee", "dashboard north", /^Your compliance dashboard for North: /, false],
      ["aud", "dashboard", /^Say which team: dashboard <team>\. You can see: North, South\.$/, true],
      ["aud", "dashboard South", /^Your compliance dashboard for South: /, false],
      ["sam", "dashboard", /^Only auditors and the line managers of people in North can see its dashboard\.$/, true],
      ["mo", "dashboard South", /^Only auditors and the line managers of people in South can see its dashboard\.$/, true],
      ["mo", "dashboard East", /^There is no team called "East"\. Teams: North, South\.$/, true],
    ];
    for (const [who, text, reply, refused] of dialogue) {
      const answer = await says(who, text);
      expect({ who, text, reply: answer.text }).toEqual({ who, text, reply: expect.stringMatching(reply) });
      expect({ text, refused: answer.refused, shareable: answer.shareable }).toEqual({ text, refused, shareable: false });
    }
    // The address is on the button only, never in the text a notification previews.
    const first = await says("mo", "dashboard");
    expect(first.text).not.toContain("http");
    expect(first.link).toMatchObject({ type: "link", label: "Open the dashboard", url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:3978\/dashboard\?t=[\w-]+\.[\w-]+$/) });
    const token = new URL(first.link!.type === "link" ? first.link!.url : "").searchParams.get("t");
    expect(readGrant(KEY, token, t.clock.now())).toMatchObject({ personId: "p-mo", team: "North" });
  });

  it("says the operator must set DASHBOARD_KEY when the bot has none (PostgreSQL without it)", async () => {
    const { says } = await chat({ configured: false });
    expect((await says("mo", "dashboard")).text).toBe("The dashboard is not set up on this bot: its operator needs to set DASHBOARD_KEY (see docs/operating.md).");
  });
});
