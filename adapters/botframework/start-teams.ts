import type http from "node:http";
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from "botbuilder";
import type { TeamsConfig } from "../../src/config/env.ts";
import type { Logger } from "../../src/logger.ts";
import type { Delivery } from "../../src/ports/delivery.ts";
import type { Route } from "../../src/server/http.ts";
import type { Core } from "../../src/services/core.ts";
import { TeamsAddresses } from "./teams-addresses.ts";
import { teamsBot } from "./teams-bot.ts";
import { TeamsDelivery } from "./teams-delivery.ts";

/** Where Teams (the Bot Framework) posts activities: the messaging endpoint of the bot's registration. */
export const TEAMS_MESSAGES_PATH = "/api/messages";

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
export function startTeams(core: Core, log: Logger, config: TeamsConfig): TeamsService {
  const auth = new ConfigurationBotFrameworkAuthentication(authOptions(config));
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    // Codes only: an error's message may quote what someone wrote.
    log.error("teams.failed", { type: (error as Error)?.name ?? "unknown", code: (error as { statusCode?: number }).statusCode ?? "none", activity: context.activity.type ?? "none" });
  };
  const addresses = new TeamsAddresses(core.storage.conversations, () => core.clock.now());
  const delivery = new TeamsDelivery(adapter, config.appId ?? "", addresses);
  const logic = teamsBot(core, log, addresses, delivery);

  const route: Route = async (req, res) => {
    if (req.method !== "POST") {
      res.writeHead(405, { allow: "POST" }).end();
      return;
    }
    const body = await readJson(req);
    if (body === null) {
      res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: "the body must be a JSON activity" }));
      return;
    }
    await adapter.process({ body, headers: req.headers, method: req.method }, expressResponse(res), logic);
    if (!res.writableEnded) res.end();
  };
  log.info("teams.started", { path: TEAMS_MESSAGES_PATH, auth: config.appId ? "bot-framework" : "anonymous" });
  return { routes: { [TEAMS_MESSAGES_PATH]: route }, delivery };
}

function authOptions(config: TeamsConfig): ConfigurationBotFrameworkAuthenticationOptions {
  if (!config.appId) return {};
  return {
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword ?? undefined,
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.tenantId ?? undefined,
  } as ConfigurationBotFrameworkAuthenticationOptions;
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

/** The express-style response botbuilder writes to (status, header, send, end) over Node's own. */
function expressResponse(res: http.ServerResponse) {
  const shim = {
    socket: res.socket,
    status(code: number) {
      res.statusCode = code;
      return shim;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
      return shim;
    },
    send(body?: unknown) {
      if (body !== undefined && body !== null) {
        if (!res.hasHeader("content-type") && typeof body === "object") res.setHeader("content-type", "application/json");
        res.write(typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body));
      }
      return shim;
    },
    end() {
      if (!res.writableEnded) res.end();
      return shim;
    },
  };
  return shim;
}
