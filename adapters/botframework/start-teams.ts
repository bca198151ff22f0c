import type http from "node:http";
import type { TeamsConfig } from "../../src/config/env.ts";
import type { Logger } from "../../src/logger.ts";
import type { Delivery } from "../../src/ports/delivery.ts";
import type { Route } from "../../src/server/http.ts";
import type { BotPort } from "../../src/bot/bot-port.ts";
import { readBody, refuseTooLarge } from "../../src/server/request-body.ts";
import { activityRefusal, anonymousRequestRefusal, isLoopbackServiceUrl, TEAMS_BODY_LIMIT_BYTES, type Refusal } from "./teams-doors.ts";
import type { TeamsRuntime } from "./teams-runtime.ts";

/** Where Teams (the Bot Framework) posts activities: the messaging endpoint of the bot's registration. */
export const TEAMS_MESSAGES_PATH = "/api/messages";

/** The JWT library's errors for a token that is forged, expired or not yet valid. */
const JWT_ERRORS = new Set(["JsonWebTokenError", "TokenExpiredError", "NotBeforeError"]);

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

  const anonymous = !config.appId;
  /** One log line per refusal: a reason code and safe facts, never a value the caller chose. */
  const refuse = (res: http.ServerResponse, refusal: Refusal) => {
    log.info("teams.refused", { reason: refusal.reason, status: refusal.status, ...refusal.facts });
    res.writeHead(refusal.status, { "content-type": "application/json" }).end(JSON.stringify({ error: REFUSALS[refusal.status] }));
  };

  const route: Route = async (req, res) => {
    if (req.method !== "POST") {
      res.writeHead(405, { allow: "POST" }).end();
      return;
    }
    // Anonymous: only a Bot Framework client on this machine (teams-doors.ts says why).
    const door = anonymous ? anonymousRequestRefusal(req) : null;
    if (door) return refuse(res, door);
    const read = await readBody(req, TEAMS_BODY_LIMIT_BYTES);
    if (!read.ok) {
      log.info("teams.refused", { reason: read.reason === "too-large" ? "body-size" : "body-aborted", status: 413 });
      return read.reason === "too-large" ? refuseTooLarge(res) : void res.destroy();
    }
    const parsed = parseJson(read.body);
    if (parsed === undefined) return refuse(res, { status: 400, reason: "json", facts: { bytes: read.body.length } });
    const checked = activityRefusal(parsed);
    if ("refusal" in checked) return refuse(res, checked.refusal);
    // Anonymous replies go only to the local client; with an app id the token names the service URL.
    if (anonymous && !isLoopbackServiceUrl(checked.activity.serviceUrl)) return refuse(res, { status: 403, reason: "service-url" });
    const authorization = typeof req.headers.authorization === "string" ? req.headers.authorization : "";
    try {
      // An invoke (the message action's dialog) is answered in the HTTP response.
      const invoke = await (await runtime()).handle(authorization, checked.activity);
      res.writeHead(invoke?.status ?? 200, { "content-type": "application/json" }).end(invoke?.body === undefined ? undefined : JSON.stringify(invoke.body));
    } catch (error) {
      // botbuilder reports a bad signature as the JWT library's own error, not as a 401. Its
      // message may quote the token (an audience the caller chose): only its name is logged.
      const unauthorised = (error as { statusCode?: number }).statusCode === 401 || JWT_ERRORS.has((error as Error)?.name);
      if (unauthorised) log.info("teams.refused", { reason: "token", status: 401, type: errorName(error) });
      else log.error("teams.request-failed", { type: errorName(error) });
      res.writeHead(unauthorised ? 401 : 500, { "content-type": "application/json" }).end(JSON.stringify({ error: unauthorised ? "unauthorised" : "internal error" }));
    }
  };
  log.info("teams.started", { path: TEAMS_MESSAGES_PATH, auth: config.appId ? "bot-framework" : "anonymous" });
  const warm = () => void runtime().catch((error: unknown) => log.error("teams.load-failed", { type: (error as Error)?.name ?? "unknown" }));
  return { routes: { [TEAMS_MESSAGES_PATH]: route }, delivery, warm };
}

const REFUSALS: Record<Refusal["status"], string> = {
  400: "the body must be a Bot Framework activity",
  403: "refused",
  415: "the body must be application/json",
};

/** The parsed JSON, or undefined when the body is not JSON. */
function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8")) as unknown;
  } catch {
    return undefined;
  }
}

/** An error's class name, when it is one of the short names libraries use; never its message. */
function errorName(error: unknown): string {
  const name = (error as Error)?.name;
  return typeof name === "string" && /^[A-Za-z]{1,40}$/.test(name) ? name : "unknown";
}
