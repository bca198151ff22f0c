import type http from "node:http";
import { z } from "zod";

/**
 * The checks a request to /api/messages passes before botbuilder sees it. botbuilder trusts
 * an activity's shape (a serviceUrl that is not a string, a mention that is null, a member
 * list that is not a list each made a turn throw), and, anonymous, trusts everything else.
 */

/**
 * The largest activity taken: Teams messages are at most about 28 KB of text and an
 * activity's envelope a few KB more; a message action carries one message's HTML. Far above
 * anything Teams sends, far below what would make parsing it costly.
 */
export const TEAMS_BODY_LIMIT_BYTES = 512 * 1024;

/** A refusal: the status to answer and a reason code for the log (never what the caller sent). */
export interface Refusal {
  status: 400 | 403 | 415;
  reason: string;
  /** Safe facts about the refused value (lengths, booleans), for the log line. */
  facts?: Record<string, number | boolean>;
}

/**
 * The anonymous endpoint (no app id: nothing is authenticated) is for a Bot Framework client
 * on this machine (Microsoft 365 Agents Playground, the Bot Framework Emulator). Such a
 * client posts JSON, is not a browser and names this machine. A web page the person has open
 * can post to 127.0.0.1 too: it sends an Origin, and without a CORS preflight (which nothing
 * here answers) only a "simple" content type such as text/plain. A page on a domain that
 * resolves to 127.0.0.1 (DNS rebinding) names its own domain in Host.
 */
export function anonymousRequestRefusal(req: http.IncomingMessage): Refusal | null {
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") return { status: 415, reason: "content-type", facts: { present: req.headers["content-type"] !== undefined } };
  if (req.headers.origin !== undefined) return { status: 403, reason: "origin" };
  if (!isLoopbackHost(req.headers.host)) return { status: 403, reason: "host", facts: { present: req.headers.host !== undefined } };
  return null;
}

/** 127.0.0.1, localhost or [::1], with any port (RFC 7230 Host: host [":" port]). */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const match = /^(\[::1\]|127\.0\.0\.1|localhost)(?::\d{1,5})?$/i.exec(host);
  return match !== null;
}

/**
 * Where an anonymous turn may reply: the local client's own connector, on this machine.
 * Anything else would let whoever posts an activity send the bot's answer (a list of notes,
 * an export) to a server of their choosing.
 */
export function isLoopbackServiceUrl(serviceUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  if (url.username || url.password) return false;
  return ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname.toLowerCase());
}

/** An absolute http(s) URL. */
function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

// Bounds on fields: each far above what Teams sends (ids are under 200 characters, a
// message's text under 28 KB), so a real activity never meets them.
const id = z.string().max(1024);
const short = z.string().max(256);
const account = z.looseObject({ id, name: z.string().max(1024).nullish(), aadObjectId: id.nullish(), role: short.nullish() });
const optionalAccount = z.looseObject({ id: id.nullish(), name: z.string().max(1024).nullish(), aadObjectId: id.nullish() });
const named = z.looseObject({ id: id.nullish(), name: z.string().max(1024).nullish() });

/** A message action's message (composeExtension invokes), as far as the bot reads it. */
const messagePayload = z.looseObject({
  createdDateTime: short.nullish(),
  body: z.looseObject({ content: z.string().max(200_000).nullish() }).nullish(),
  from: z.looseObject({ user: optionalAccount.nullish() }).nullish(),
  mentions: z.array(z.looseObject({ id: z.number().nullish(), mentionText: z.string().max(1024).nullish(), mentioned: z.looseObject({ user: optionalAccount.nullish() }).nullish() })).max(500).nullish(),
});

const activity = z.looseObject({
  type: z.string().min(1).max(64),
  id: id.nullish(),
  // Where replies go: botbuilder builds request URLs on it and throws on anything but an absolute URL.
  serviceUrl: z.string().max(2048).refine(isHttpUrl),
  channelId: short,
  from: account,
  recipient: account,
  conversation: z.looseObject({ id, conversationType: short.nullish(), tenantId: id.nullish(), isGroup: z.boolean().nullish(), name: z.string().max(1024).nullish() }),
  text: z.string().max(100_000).nullish(),
  textFormat: short.nullish(),
  locale: short.nullish(),
  timestamp: short.nullish(),
  localTimestamp: short.nullish(),
  replyToId: id.nullish(),
  name: short.nullish(),
  action: short.nullish(),
  // Anything but the default would put the bot's replies in this HTTP response.
  deliveryMode: z.literal("normal").nullish(),
  entities: z.array(z.looseObject({ type: short, text: z.string().max(100_000).nullish(), mentioned: optionalAccount.nullish() })).max(500).nullish(),
  attachments: z.array(z.looseObject({ contentType: short.nullish() })).max(100).nullish(),
  membersAdded: z.array(account).max(1000).nullish(),
  membersRemoved: z.array(account).max(1000).nullish(),
  channelData: z.looseObject({ tenant: named.nullish(), team: named.nullish(), channel: named.nullish(), eventType: short.nullish() }).nullish(),
  // A card's submitted values (strings), a button's data, or an invoke's value.
  value: z.union([z.looseObject({ commandId: short.nullish(), messagePayload: messagePayload.nullish(), data: z.unknown().optional() }), z.string().max(100_000), z.null()]).optional(),
});

/** An activity as the bot may hand it to botbuilder. */
export type CheckedActivity = z.infer<typeof activity>;

/**
 * The activity if its shape is one the bot and botbuilder can read; else why not (400). Only
 * the first problem's path is reported, without the value found there.
 */
export function activityRefusal(body: unknown): { activity: CheckedActivity } | { refusal: Refusal } {
  const parsed = activity.safeParse(body);
  if (parsed.success) return { activity: parsed.data };
  const issue = parsed.error.issues[0];
  // The field's path is the bot's own vocabulary, but a key inside an open record may be the
  // caller's: only the first two steps, and only names the schema knows, are kept.
  const known = (issue?.path ?? []).slice(0, 2).filter((step): step is string => typeof step === "string" && /^[a-zA-Z]{1,32}$/.test(step));
  return { refusal: { status: 400, reason: `activity.${known.join(".") || "body"}`, facts: { issues: parsed.error.issues.length } } };
}
