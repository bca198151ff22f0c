import type http from "node:http";
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type ConfigurationBotFrameworkAuthenticationOptions, type InvokeResponse, type TurnContext } from "botbuilder";
import { AuthenticationConstants } from "botframework-connector";
import { CallerIdConstants } from "botbuilder";
import type { TeamsConfig } from "../../src/config/env.ts";
import type { Logger } from "../../src/logger.ts";
import type { Delivery } from "../../src/ports/delivery.ts";
import type { Route } from "../../src/server/http.ts";
import type { BotPort } from "../../src/bot/bot-port.ts";
import { TeamsAddresses } from "./teams-addresses.ts";
import { teamsBot } from "./teams-bot.ts";
import { TeamsDelivery } from "./teams-delivery.ts";

/** Where Teams (the Bot Framework) posts activities: the messaging endpoint of the bot's registration. */
export const TEAMS_MESSAGES_PATH = "/api/messages";

/** The JWT library's errors for a token that is forged, expired or not yet valid. */
const JWT_ERRORS = new Set(["JsonWebTokenError", "TokenExpiredError", "NotBeforeError"]);

/** An activity larger than this is refused (Teams messages are at most about 100 KB). */
const BODY_LIMIT_BYTES = 1_000_000;

export interface TeamsService {
  routes: Record<string, Route>;
  /** Reminders and notices as Teams messages; group supervision posts to channels. */
  delivery: Delivery;
}

/**
 * Microsoft Teams through the Bot Framework's CloudAdapter. With an app id every request's
 * bearer token is validated (401 otherwise, nothing done); without one the endpoint is
 * anonymous, for trying the bot locally (the configuration allows that on loopback only).
 */
export function startTeams(bot: BotPort, log: Logger, config: TeamsConfig): TeamsService {
  const auth = new ConfigurationBotFrameworkAuthentication(authOptions(config));
  const adapter = new TeamsAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    // Codes only: an error's message may quote what someone wrote.
    log.error("teams.failed", { type: (error as Error)?.name ?? "unknown", code: (error as { statusCode?: number }).statusCode ?? "none", activity: context.activity.type ?? "none" });
  };
  const addresses = new TeamsAddresses(bot.conversations, () => bot.now());
  const delivery = new TeamsDelivery(adapter, config.appId ?? "", addresses);
  const logic = teamsBot(bot, log, addresses, delivery);

  const route: Route = async (req, res) => {
    if (req.method !== "POST") {
      res.writeHead(405, { allow: "POST" }).end();
      return;
    }
    const activity = await readJson(req);
    if (!activity || typeof activity.type !== "string") {
      res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: "the body must be a JSON activity" }));
      return;
    }
    const authorization = typeof req.headers.authorization === "string" ? req.headers.authorization : "";
    try {
      // An invoke (the message action's dialog) is answered in the HTTP response.
      const invoke = await adapter.handle(authorization, activity as unknown as Activity, logic);
      res.writeHead(invoke?.status ?? 200, { "content-type": "application/json" }).end(invoke?.body === undefined ? undefined : JSON.stringify(invoke.body));
    } catch (error) {
      // botbuilder reports a bad signature as the JWT library's own error, not as a 401.
      const unauthorised = (error as { statusCode?: number }).statusCode === 401 || JWT_ERRORS.has((error as Error)?.name);
      if (unauthorised) log.info("teams.unauthorised", { reason: (error as Error).message.slice(0, 80) });
      else log.error("teams.request-failed", { type: (error as Error)?.name ?? "unknown" });
      res.writeHead(unauthorised ? 401 : 500, { "content-type": "application/json" }).end(JSON.stringify({ error: unauthorised ? "unauthorised" : "internal error" }));
    }
  };
  log.info("teams.started", { path: TEAMS_MESSAGES_PATH, auth: config.appId ? "bot-framework" : "anonymous" });
  return { routes: { [TEAMS_MESSAGES_PATH]: route }, delivery };
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

/** The request's JSON object, or null when it is not one (or is too large). */
async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown> | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
