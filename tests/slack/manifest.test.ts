import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { SHORTCUT_ID, SLASH_COMMAND } from "../../adapters/slack/slack-app.ts";
import { SLACK_EVENTS_PATH } from "../../adapters/slack/start-slack.ts";

const manifest = parse(readFileSync("adapters/slack/manifest.yaml", "utf8"));

describe("the Slack app manifest", () => {
  it("declares the command, the shortcut and the events the adapter listens for, all at /slack/events", () => {
    expect(manifest.features.slash_commands).toEqual([expect.objectContaining({ command: SLASH_COMMAND, url: `https://YOUR-HOST${SLACK_EVENTS_PATH}`, should_escape: true })]);
    expect(manifest.features.shortcuts).toEqual([expect.objectContaining({ type: "message", callback_id: SHORTCUT_ID, name: "Record oversight note" })]);
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    expect(manifest.settings.event_subscriptions).toEqual({ request_url: `https://YOUR-HOST${SLACK_EVENTS_PATH}`, bot_events: ["app_home_opened", "app_mention", "message.im"] });
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: `https://YOUR-HOST${SLACK_EVENTS_PATH}` });
  });

  it("asks for the least scopes: commands, DMs, @mentions, and reading the thread a shortcut is used on", () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(["commands", "chat:write", "app_mentions:read", "channels:history", "groups:history", "mpim:history", "im:history"]);
  });
});
