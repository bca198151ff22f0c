import type http from "node:http";
import type { TeamsConfig } from "../../src/config/env.ts";
import type { Logger } from "../../src/logger.ts";
import type { Delivery } from "../../src/ports/delivery.ts";
import type { Route } from "../../src/server/http.ts";
import type { BotPort } from "../../src/bot/bot-port.ts";
import type { TeamsRuntime } from "./teams-runtime.ts";

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
  /** Loads botbuilder now, in the background, so the first activity does not wait for it. */
  warm(): void;
}

/**
 * Microsoft Teams through the Bot Framework (teams-runtime.ts). botbuilder takes about a second
 * and 25 MB to load, so it is loaded on the first activity or delivery, not at start-up: a bot
 * started to be tried in the console, with the anonymous endpoint on, never pays for it. With an
 * app id every request's bearer token is validated (401 otherwise, nothing done); without one
 * the endpoint is anonymous (the configuration allows that on loopback only).
 */
export function startTeams(bot: BotPort, log: Logger, config: TeamsConfig): TeamsService {
  let loading: Promise<TeamsRuntime> | null = null;
  const runtime = (): Promise<TeamsRuntime> =>
    (loading ??= import("./teams-runtime.ts").then(
      ({ teamsRuntime }) => teamsRuntime(bot, log, config),
      (error: unknown) => {
        loading = null; // tried again on the next request
        throw error;
      },
    ));
  const delivery: Delivery = {
    send: async (to, message) => (await runtime()).delivery.send(to, message),
    post: async (channel, message) => (await runtime()).delivery.post(channel, message),
  };

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
      const invoke = await (await runtime()).handle(authorization, activity);
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
  const warm = () => void runtime().catch((error: unknown) => log.error("teams.load-failed", { type: (error as Error)?.name ?? "unknown" }));
  return { routes: { [TEAMS_MESSAGES_PATH]: route }, delivery, warm };
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
