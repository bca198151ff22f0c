import { AsyncLocalStorage } from "node:async_hooks";
import { CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type ConfigurationBotFrameworkAuthenticationOptions, type InvokeResponse, type TurnContext } from "botbuilder";
import { AuthenticationConstants } from "botframework-connector";
import type { TeamsConfig } from "../../src/config/env.ts";
import type { Logger } from "../../src/logger.ts";
import type { BotPort } from "../../src/bot/bot-port.ts";
import { TeamsAddresses } from "./teams-addresses.ts";
import { teamsBot } from "./teams-bot.ts";
import { TeamsDelivery } from "./teams-delivery.ts";

/** The part of the Teams adapter that needs botbuilder: loaded by start-teams.ts on first use. */
export interface TeamsRuntime {
  /** Authenticates one activity and runs its turn; an invoke's answer comes back for the HTTP response. */
  handle(authorization: string, activity: Record<string, unknown>): Promise<InvokeResponse | undefined>;
  /** Reminders and notices as Teams messages; group supervision posts to channels. */
  delivery: TeamsDelivery;
}

/**
 * Microsoft Teams through the Bot Framework's CloudAdapter. With an app id every request's
 * bearer token is validated; without one the endpoint is anonymous, for trying the bot locally
 * (the configuration allows that on loopback only).
 */
export function teamsRuntime(bot: BotPort, log: Logger, config: TeamsConfig): TeamsRuntime {
  const auth = new ConfigurationBotFrameworkAuthentication(authOptions(config));
  const adapter = new TeamsAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    // Codes only: an error's message may quote what someone wrote.
    log.error("teams.failed", { type: (error as Error)?.name ?? "unknown", code: (error as { statusCode?: number }).statusCode ?? "none", activity: context.activity.type ?? "none" });
  };
  const addresses = new TeamsAddresses(bot.conversations, () => bot.now());
  const delivery = new TeamsDelivery(adapter, config.appId ?? "", addresses, () => bot.now().getTime());
  const logic = teamsBot(bot, log, addresses, delivery);
  const handle = async (authorization: string, activity: Record<string, unknown>) => {
    const muffled = { lines: 0 };
    try {
      return await inside.run(muffled, () => adapter.handle(authorization, activity as unknown as Activity, logic));
    } finally {
      if (muffled.lines > 0) log.info("teams.console-muffled", { lines: muffled.lines });
    }
  };
  muffleConsole();
  return { handle, delivery };
}

/** The request being handled by botbuilder, if any: what it writes to the console is counted, not printed. */
const inside = new AsyncLocalStorage<{ lines: number }>();
let muffling = false;

/**
 * botbuilder writes to the console from inside a request: a refused token's error with its
 * stack and the signing key in PEM (jwtTokenExtractor.js), a bad request's warning. That is
 * several lines of stderr per refused request, outside the bot's JSON log, some of it chosen
 * by the caller. Inside a request (an AsyncLocalStorage context) such output is counted and
 * reported as one log line; elsewhere the console is untouched.
 */
function muffleConsole(): void {
  if (muffling) return;
  muffling = true;
  for (const method of ["log", "info", "warn", "error", "debug", "trace"] as const) {
    const original = console[method];
    console[method] = function (this: Console, ...args: unknown[]) {
      const muffled = inside.getStore();
      if (muffled) muffled.lines++;
      else original.apply(this, args);
    };
  }
}

/**
 * botbuilder's CloudAdapter, run from our own HTTP route: it authenticates the request and
 * runs the turn; the route answers (CloudAdapter.process would print every refused
 * request's stack to stderr, bypassing the bot's log).
 */
class TeamsAdapter extends CloudAdapter {
  handle(authorization: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }
}

function authOptions(config: TeamsConfig): ConfigurationBotFrameworkAuthenticationOptions {
  if (!config.appId) return {};
  return {
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword ?? undefined,
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.tenantId ?? undefined,
    ...(config.openIdMetadataUrl ? publicCloudWithKeysAt(config.openIdMetadataUrl) : {}),
  } as ConfigurationBotFrameworkAuthenticationOptions;
}

/**
 * Microsoft's public cloud, but with the channel's signing keys published elsewhere:
 * botbuilder takes one such setting only with all of them, so the rest are its defaults.
 */
function publicCloudWithKeysAt(openIdMetadataUrl: string) {
  return {
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}
