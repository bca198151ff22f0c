import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/env.ts";

describe("configuration from the environment", () => {
  it("works with nothing set: local port, SQLite file under ./data", () => {
    const config = loadConfig({}, "/srv/bot");
    expect(config).toMatchObject({ port: 3978, host: "127.0.0.1", dataDir: "/srv/bot/data", scheduler: true, sweepSeconds: 30, shutdownSeconds: 10 });
    expect(config.profile.id).toBe("default");
    expect(config.profile.workingHours.end).toEqual({ hour: 17, minute: 30 });
    expect(config.databaseUrl).toBe(`file:${path.join("/srv/bot/data", "oversight.db")}`);
  });

  it("treats an empty variable as unset", () => {
    expect(loadConfig({ PORT: "", DATABASE_URL: " " }, "/srv/bot")).toMatchObject({ port: 3978, databaseUrl: `file:${path.join("/srv/bot/data", "oversight.db")}` });
  });

  it("takes DATABASE_URL, PORT, POLICY_PROFILE, SCHEDULER and ROLE_RANKS", () => {
    const config = loadConfig({ DATABASE_URL: "file:/tmp/x.db", PORT: "8080", POLICY_PROFILE: "kent", SCHEDULER: "off", ROLE_RANKS: "practitioner=1,team-manager=5" });
    expect(config).toMatchObject({ databaseUrl: "file:/tmp/x.db", port: 8080, scheduler: false });
    expect(config.profile.rules["note.complete"].after).toEqual({ hours: 24 });
    expect(config.roleRanks).toEqual({ practitioner: 1, "team-manager": 5, auditor: 0 });
  });

  it("takes SHUTDOWN_SECONDS: how long a SIGTERM waits for turns in flight", () => {
    expect(loadConfig({ SHUTDOWN_SECONDS: "45" }).shutdownSeconds).toBe(45);
  });

  it.each([
    [{ SHUTDOWN_SECONDS: "soon" }, /^Configuration: SHUTDOWN_SECONDS must be a number of seconds \(got "soon"\)$/],
    [{ SHUTDOWN_SECONDS: "0" }, /^Configuration: SHUTDOWN_SECONDS must be at least 1 /],
    [{ SHUTDOWN_SECONDS: "2.5" }, /^Configuration: SHUTDOWN_SECONDS must be a whole number /],
    [{ SHUTDOWN_SECONDS: "3600" }, /^Configuration: SHUTDOWN_SECONDS must be at most 600 /],
    [{ PORT: "eighty" }, /^Configuration: PORT .*"eighty"/],
    [{ PORT: "70000" }, /^Configuration: PORT /],
    [{ DATABASE_URL: "mysql://x" }, /^Configuration: DATABASE_URL must be a SQLite file URL like file:\.\/data\/oversight\.db or a PostgreSQL URL/],
    [{ DATABASE_URL: "mysql://oversight:hunter2@db/x" }, /\(got "mysql:\/\/oversight:\*\*\*@db\/x"\)$/],
    [{ POLICY_PROFILE: "nowhere" }, /^Configuration: POLICY_PROFILE No profile "nowhere"; the profiles are default, coventry, kent/],
    [{ POLICY_PROFILE: "./missing.yaml" }, /^Configuration: POLICY_PROFILE .*missing\.yaml/],
    [{ SCHEDULER: "maybe" }, /^Configuration: SCHEDULER must be on or off/],
    [{ ROLE_RANKS: "boss" }, /^Configuration: ROLE_RANKS /],
    [{ CONSOLE: "maybe" }, /^Configuration: CONSOLE /],
    [{ SLACK_BOT_TOKEN: "xoxp-user-token" }, /^Configuration: SLACK_BOT_TOKEN must be a bot token starting xoxb- \(value not shown\)$/],
    [{ SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99yyyzzz85a5" }, /^Configuration: SLACK_BOT_TOKEN is needed/],
    [{ SLACK_BOT_TOKEN: "xoxb-1-2-abc" }, /^Configuration: SLACK_SIGNING_SECRET is needed/],
    [{ SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_SIGNING_SECRET: "secret-123", SLACK_API_URL: "not a url" }, /^Configuration: SLACK_API_URL must be a URL/],
  ])("refuses %o with one line naming it", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it("serves Slack only when its credentials are set, over HTTP or Socket Mode", () => {
    expect(loadConfig({}).slack).toBeNull();
    expect(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_SIGNING_SECRET: "secret-123", SLACK_API_URL: "http://127.0.0.1:9/api" }).slack).toEqual({
      botToken: "xoxb-1-2-abc",
      signingSecret: "secret-123",
      apiUrl: "http://127.0.0.1:9/api/",
      appToken: null,
    });
    expect(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_APP_TOKEN: "xapp-1-A-1-abc" }).slack).toMatchObject({ signingSecret: null, appToken: "xapp-1-A-1-abc" });
  });

  it("serves Teams anonymously on loopback only, and with credentials anywhere", () => {
    const appId = "0b5c2a6e-3f41-4c8e-9a1d-2e7f6b8c9d01";
    expect(loadConfig({}).teams).toEqual({ appId: null, appPassword: null, appType: "MultiTenant", tenantId: null, openIdMetadataUrl: null });
    expect(loadConfig({ TEAMS: "off" }).teams).toBeNull();
    expect(() => loadConfig({ HOST: "0.0.0.0" })).toThrow(/HOST is 0\.0\.0\.0 but the Teams endpoint has no MicrosoftAppId/);
    expect(loadConfig({ HOST: "0.0.0.0", TEAMS: "off" }).teams).toBeNull();
    // With Slack configured, an anonymous Teams endpoint is only served when asked for.
    const slack = { SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_SIGNING_SECRET: "secret-123" };
    expect(loadConfig({ ...slack, HOST: "0.0.0.0" }).teams).toBeNull();
    expect(loadConfig({ ...slack, TEAMS: "on" }).teams).toMatchObject({ appId: null });
    expect(() => loadConfig({ ...slack, TEAMS: "on", HOST: "0.0.0.0" })).toThrow(/HOST is 0\.0\.0\.0/);
    expect(loadConfig({ HOST: "0.0.0.0", MicrosoftAppId: appId, MicrosoftAppPassword: "s3cret~value" }).teams).toEqual({ appId, appPassword: "s3cret~value", appType: "MultiTenant", tenantId: null, openIdMetadataUrl: null });
    expect(() => loadConfig({ MicrosoftAppId: appId })).toThrow(/MicrosoftAppPassword is needed/);
    expect(() => loadConfig({ MicrosoftAppPassword: "s3cret~value" })).toThrow(/MicrosoftAppId is needed/);
    expect(() => loadConfig({ MicrosoftAppId: appId, MicrosoftAppPassword: "x", MicrosoftAppType: "SingleTenant" })).toThrow(/MicrosoftAppTenantId is needed/);
    expect(() => loadConfig({ MicrosoftAppId: "not-a-guid", MicrosoftAppPassword: "x" })).toThrow(/MicrosoftAppId must be the bot's app id, a GUID \(got "not-a-guid"\)/);
    expect(() => loadConfig({ MicrosoftAppId: appId, MicrosoftAppPassword: "x", MicrosoftAppType: "Other" })).toThrow(/MicrosoftAppType must be MultiTenant/);
    expect(() => loadConfig({ MicrosoftAppId: appId, MicrosoftAppType: "UserAssignedMSI" })).toThrow(/MicrosoftAppTenantId is needed when MicrosoftAppType is UserAssignedMSI/);
    expect(() => loadConfig({ MicrosoftAppId: appId, MicrosoftAppPassword: "x", MicrosoftAppType: "UserAssignedMSI", MicrosoftAppTenantId: "t" })).toThrow(/MicrosoftAppPassword must not be set/);
    expect(loadConfig({ MicrosoftAppId: appId, MicrosoftAppType: "UserAssignedMSI", MicrosoftAppTenantId: "t" }).teams).toMatchObject({ appPassword: null, tenantId: "t" });
    // Where the channel's signing keys are fetched: https, or this machine (tests).
    const withKeys = (url: string) => loadConfig({ MicrosoftAppId: appId, MicrosoftAppPassword: "x", BotOpenIdMetadata: url }).teams?.openIdMetadataUrl;
    expect(withKeys("https://keys.example.org/metadata")).toBe("https://keys.example.org/metadata");
    expect(withKeys("http://127.0.0.1:9/metadata")).toBe("http://127.0.0.1:9/metadata");
    expect(() => withKeys("http://keys.example.org/metadata")).toThrow(/BotOpenIdMetadata must be an https:\/\/ URL/);
    expect(() => loadConfig({ BotOpenIdMetadata: "https://keys.example.org/metadata" })).toThrow(/MicrosoftAppId is needed with BotOpenIdMetadata/);
  });
});
