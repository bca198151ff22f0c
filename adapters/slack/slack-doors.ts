import { createHmac, timingSafeEqual } from "node:crypto";
import type http from "node:http";
import { parse as parseQuery } from "node:querystring";
import { z } from "zod";

/**
 * The checks a request to /slack/events passes before Bolt sees it. Bolt verifies the
 * signature and refuses stale timestamps, but takes one from the future (a request signed
 * now to be replayed next year), and trusts the payload's shape: a string where it expects
 * an event object, a null user or action list made it throw (500).
 */

/** Slack's own bound on what it posts (an event, a modal's state) is far below this. */
export const SLACK_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/** Slack's window for a request's timestamp, either way (its documentation says five minutes). */
export const TIMESTAMP_WINDOW_SECONDS = 300;

const FORM = "application/x-www-form-urlencoded";

/** A refusal (the status and a reason code for the log), or a request Bolt may handle. */
export type SlackDoor = { pass: true } | { pass: false; status: 200 | 400 | 401; reason: string };

/**
 * Whether a request is signed by Slack now: its timestamp within five minutes either way of
 * `nowSeconds`, its v0 signature the HMAC of the body with the signing secret.
 */
export function signatureRefusal(req: http.IncomingMessage, body: Buffer, signingSecret: string, nowSeconds: number): SlackDoor | null {
  const stamp = req.headers["x-slack-request-timestamp"];
  const signature = req.headers["x-slack-signature"];
  if (typeof stamp !== "string" || !/^\d{1,12}$/.test(stamp)) return { pass: false, status: 401, reason: "timestamp-missing" };
  const at = Number(stamp);
  if (at > nowSeconds + TIMESTAMP_WINDOW_SECONDS) return { pass: false, status: 401, reason: "timestamp-future" };
  if (at < nowSeconds - TIMESTAMP_WINDOW_SECONDS) return { pass: false, status: 401, reason: "timestamp-stale" };
  if (typeof signature !== "string") return { pass: false, status: 401, reason: "signature-missing" };
  const expected = Buffer.from(`v0=${createHmac("sha256", signingSecret).update(`v0:${stamp}:`).update(body).digest("hex")}`);
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { pass: false, status: 401, reason: "signature" };
  return null;
}

/** Slack's SSL check: answered 200 by Bolt without a signature, and nothing else is read from it. */
export function isSslCheck(req: http.IncomingMessage, body: Buffer): boolean {
  return req.headers["content-type"] === FORM && parseQuery(body.toString("utf8")).ssl_check === "1";
}

/**
 * The body as Bolt will read it (the same rule: form-encoded only with exactly that content
 * type, its `payload` field as JSON if there is one), or undefined when it cannot be read.
 */
export function parseSlackBody(req: http.IncomingMessage, body: Buffer): unknown {
  try {
    const text = body.toString("utf8");
    if (req.headers["content-type"] !== FORM) return JSON.parse(text) as unknown;
    const fields = parseQuery(text);
    return typeof fields.payload === "string" ? (JSON.parse(fields.payload) as unknown) : { ...fields };
  } catch {
    return undefined;
  }
}

// Bounds far above what Slack sends (ids are a dozen characters, a message 40,000).
const id = z.string().max(256);
const text = z.string().max(40_000);
/** Objects Bolt reads fields from when present: present, they must be objects (null is not). */
const withId = z.looseObject({ id: id.optional() });
const user = z.looseObject({ id, team_id: id.optional() });

const event = z.looseObject({
  type: z.string().max(64),
  user: id.optional(),
  channel: id.optional(),
  channel_id: id.optional(),
  channel_type: z.string().max(64).optional(),
  subtype: z.string().max(64).optional(),
  bot_id: id.optional(),
  text: text.optional(),
  ts: id.optional(),
  thread_ts: id.optional(),
  tab: z.string().max(64).optional(),
  item: z.looseObject({}).optional(),
  subteam: z.looseObject({}).optional(),
  message: z.looseObject({}).optional(),
  previous_message: z.looseObject({}).optional(),
  assistant_thread: z.looseObject({}).optional(),
});

const eventCallback = z.looseObject({
  type: z.literal("event_callback"),
  event,
  event_id: id,
  team_id: id.optional(),
  enterprise_id: id.nullish(),
  authorizations: z.array(z.looseObject({ team_id: id.nullish(), enterprise_id: id.nullish(), is_enterprise_install: z.boolean().optional() })).max(100).optional(),
});

/** A slash command: form fields, each one string (a repeated field would be a list). */
const command = z.record(z.string(), z.string().max(40_000)).and(z.looseObject({ command: z.string().max(64), user_id: id, trigger_id: id, text, response_url: z.string().max(2048), team_id: id.optional(), channel_id: id.optional() }));

/** The fields every interaction payload shares that Bolt and the bot read. */
const interaction = {
  user,
  team: withId.extend({ enterprise_id: id.optional() }).nullish(),
  enterprise: withId.nullish(),
  trigger_id: id.optional(),
  response_url: z.string().max(2048).optional(),
};

const blockActions = z.looseObject({
  ...interaction,
  type: z.literal("block_actions"),
  actions: z.array(z.looseObject({ type: z.string().max(64), action_id: id, block_id: id.optional(), value: z.string().max(2000).optional() })).min(1).max(25),
  view: z.looseObject({ type: z.string().max(64).optional(), id: id.optional() }).optional(),
  channel: withId.optional(),
});

/** One input's state in a submitted modal, as render-modal.ts reads it. */
const elementState = z.looseObject({
  type: z.string().max(64),
  value: z.string().max(40_000).nullish(),
  // Seconds; a time outside what a Date holds could not be read back.
  selected_date_time: z.number().int().min(0).max(253_402_300_799).nullish(),
  selected_option: z.looseObject({ value: z.string().max(2000) }).nullish(),
  selected_user: id.nullish(),
  selected_users: z.array(id).max(100).nullish(),
  selected_conversation: id.nullish(),
});

const view = z.looseObject({
  id,
  callback_id: id,
  hash: id.optional(),
  private_metadata: z.string().max(3000).optional(),
  app_installed_team_id: id.optional(),
  blocks: z.array(z.looseObject({ type: z.string().max(64), block_id: id.optional() })).max(100),
  state: z.looseObject({ values: z.record(z.string().max(256), z.record(z.string().max(256), elementState)) }),
});

const viewAction = z.looseObject({ ...interaction, type: z.enum(["view_submission", "view_closed"]), view });

const messageAction = z.looseObject({
  ...interaction,
  type: z.literal("message_action"),
  callback_id: id,
  trigger_id: id,
  channel: z.looseObject({ id }),
  message: z.looseObject({ ts: id, text: text.optional(), user: id.optional(), thread_ts: id.optional() }),
});

/** The keys by which Bolt decides what a body is, before its `type`: only the kind's own may be present. */
const CLASSIFYING = ["event", "command", "name", "actions"] as const;

/**
 * Whether the bot can take this (already signed) body: a kind it handles, in a shape it and
 * Bolt can read; a kind it does not handle is answered 200 and left alone (Slack sends what
 * the app subscribed to, and retries an error); a kind it handles but malformed is 400.
 */
export function payloadDoor(body: unknown, handled: { command: string; shortcut: string }): SlackDoor {
  if (!body || typeof body !== "object" || Array.isArray(body)) return { pass: false, status: 400, reason: "body" };
  const b = body as Record<string, unknown>;
  const only = (own: (typeof CLASSIFYING)[number] | null) => CLASSIFYING.every((key) => key === own || b[key] === undefined);
  const check = (schema: z.ZodType, own: (typeof CLASSIFYING)[number] | null, kind: string): SlackDoor =>
    only(own) && schema.safeParse(b).success ? { pass: true } : { pass: false, status: 400, reason: `shape.${kind}` };

  if (b.type === "url_verification") return typeof b.challenge === "string" && b.challenge.length <= 1024 ? { pass: true } : { pass: false, status: 400, reason: "shape.url_verification" };
  if (b.type === "event_callback") {
    const type = (b.event as { type?: unknown } | null | undefined)?.type;
    if (type !== "message" && type !== "app_mention" && type !== "app_home_opened" && typeof b.event === "object" && b.event !== null) return { pass: false, status: 200, reason: "ignored.event" };
    return check(eventCallback, "event", "event_callback");
  }
  if (b.command !== undefined) {
    if (b.command !== handled.command) return typeof b.command === "string" ? { pass: false, status: 200, reason: "ignored.command" } : { pass: false, status: 400, reason: "shape.command" };
    return check(command, "command", "command");
  }
  if (b.type === "block_actions") return check(blockActions, "actions", "block_actions");
  if (b.type === "view_submission" || b.type === "view_closed") return check(viewAction, null, String(b.type));
  if (b.type === "message_action" && b.callback_id === handled.shortcut) return check(messageAction, null, "message_action");
  return { pass: false, status: 200, reason: "ignored.kind" };
}
