import { botPort } from "../../src/bot/bot-port.ts";
import { startTeams } from "../../adapters/botframework/start-teams.ts";
import type { Person } from "../../src/domain/people.ts";
import type { Logger } from "../../src/logger.ts";
import { startScheduler } from "../../src/scheduler/scheduler.ts";
import { startHttpServer } from "../../src/server/http.ts";
import { endpointTestCore, type EndpointCoreOptions } from "./core.ts";
import { FakeConnector } from "./fake-connector.ts";
import { team } from "./fixtures.ts";

export const TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";
export const BOT = { id: "28:c9e8c047-2a74-40a2-b28a-b162d5f5327c", name: "Oversight" };

/** The sample team's Microsoft Entra object ids (what most rosters hold as teams_user_id). */
export const AAD_IDS: Record<string, string> = {
  lee: "6a0c3f1e-1b2d-4e5f-8a9b-0c1d2e3f4a01",
  mo: "6a0c3f1e-1b2d-4e5f-8a9b-0c1d2e3f4a02",
  sam: "6a0c3f1e-1b2d-4e5f-8a9b-0c1d2e3f4a03",
  priya: "6a0c3f1e-1b2d-4e5f-8a9b-0c1d2e3f4a04",
  aud: "6a0c3f1e-1b2d-4e5f-8a9b-0c1d2e3f4a05",
  out: "6a0c3f1e-1b2d-4e5f-8a9b-0c1d2e3f4a06",
};
/** Their Teams user ids, as activities carry them in `from.id`. */
export const TEAMS_IDS: Record<string, string> = Object.fromEntries(Object.keys(AAD_IDS).map((h) => [h, `29:1${h}Xq3bD8mZp0LkQeR7sTnW2vYc`]));
/** Each person's private chat with the bot. */
export const CHAT_IDS: Record<string, string> = Object.fromEntries(Object.keys(AAD_IDS).map((h) => [h, `a:1${h}-personal-chat-Gd7e`]));
export const CHANNEL_ID = "19:4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d@thread.tacv2";
/** A private chat with the bot of someone not on the roster. */
export const STRANGER_CHAT = "a:stranger-chat";
export const TEAM_ID = "19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2";

/** The fixture team on Teams: the roster holds Entra object ids, but priya's row holds her Teams user id. */
export function teamsTeam(): Person[] {
  return team().map((p) => ({ ...p, identities: [{ platform: "console", externalId: p.handle }, { platform: "teams", externalId: p.handle === "priya" ? TEAMS_IDS.priya! : AAD_IDS[p.handle]! }] }));
}

type Json = Record<string, unknown>;

/**
 * The bot's real HTTP server with the Teams adapter on a test core (memory storage unless TEST_STORE names a database; fixed
 * clock), anonymous (no app id) unless `appId` is given, and a fake Bot Framework connector
 * on 127.0.0.1 as every activity's serviceUrl.
 */
export async function startTeamsBot(opts: EndpointCoreOptions & { appId?: string; openIdMetadataUrl?: string } = {}) {
  const connector = await FakeConnector.start();
  for (const id of [...Object.values(CHAT_IDS), CHANNEL_ID, TEAM_ID, STRANGER_CHAT]) connector.conversations.add(id);
  const { core, clock, storage, person } = await endpointTestCore(opts);
  await storage.people.saveAll(teamsTeam(), clock.now());
  const logLines: string[] = [];
  const log: Logger = {
    info: (event, fields = {}) => void logLines.push(JSON.stringify({ event, ...fields })),
    warn: (event, fields = {}) => void logLines.push(JSON.stringify({ event, ...fields })),
    error: (event, fields = {}) => void logLines.push(JSON.stringify({ event, ...fields })),
  };
  const teams = startTeams(botPort(core, log), log, {
    appId: opts.appId ?? null,
    appPassword: opts.appId ? "test-password-not-used" : null,
    appType: "MultiTenant",
    tenantId: null,
    openIdMetadataUrl: opts.openIdMetadataUrl ?? null,
  });
  const server = await startHttpServer({ host: "127.0.0.1", port: 0, routes: teams.routes, health: async () => true, log });
  // Notices a turn queues are sent at once (the core wakes the scheduler); reminders go when a test sweeps.
  const scheduler = await startScheduler(core, teams.delivery, log, { intervalMs: 3600_000 });
  let ids = 0;
  const nextId = () => `1795${String(++ids).padStart(9, "0")}`;

  /** Posts an activity to /api/messages as the Bot Framework would; the reply body for invokes. */
  const post = async (activity: Json, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(activity) });
    const text = await res.text();
    let json: Json | null = null;
    try {
      json = text ? (JSON.parse(text) as Json) : null;
    } catch {
      json = null;
    }
    return { status: res.status, text, json };
  };

  const from = (handle: string) => ({ id: TEAMS_IDS[handle]!, name: `${handle} Worker`, aadObjectId: AAD_IDS[handle]! });
  const personal = (handle: string) => ({ conversationType: "personal", tenantId: TENANT_ID, id: CHAT_IDS[handle]! });
  const channel = (messageId: string) => ({ conversationType: "channel", isGroup: true, tenantId: TENANT_ID, id: `${CHANNEL_ID};messageid=${messageId}` });
  const channelData = (where: "personal" | "channel") =>
    where === "personal"
      ? { tenant: { id: TENANT_ID } }
      : { teamsChannelId: CHANNEL_ID, teamsTeamId: TEAM_ID, channel: { id: CHANNEL_ID, name: "Case discussion" }, team: { id: TEAM_ID, name: "North team" }, tenant: { id: TENANT_ID } };
  const base = (handle: string, where: "personal" | "channel", id: string) => ({
    id,
    timestamp: clock.now().toISOString(),
    localTimestamp: clock.now().toISOString(),
    serviceUrl: connector.url,
    channelId: "msteams",
    from: from(handle),
    conversation: where === "personal" ? personal(handle) : channel(id),
    recipient: BOT,
    locale: "en-GB",
    channelData: channelData(where),
  });

  return {
    core,
    clock,
    storage,
    person,
    connector,
    delivery: teams.delivery,
    log: logLines,
    url: server.url,
    post,
    from,
    nextId,
    /** A message typed in the person's private chat with the bot. */
    message: (text: string, as = "mo", id = nextId()) => post({ ...base(as, "personal", id), type: "message", text, textFormat: "plain", entities: [{ type: "clientInfo", locale: "en-GB", country: "GB", platform: "Web", timezone: "Europe/London" }] }),
    /** A message in the team channel that @mentions the bot (Teams delivers only those). */
    mention: (text: string, as = "mo", id = nextId(), otherMentions: Json[] = []) =>
      post({
        ...base(as, "channel", id),
        type: "message",
        text: `<at>${BOT.name}</at> ${text}`,
        textFormat: "plain",
        entities: [{ type: "mention", mentioned: BOT, text: `<at>${BOT.name}</at>` }, ...otherMentions],
      }),
    /**
     * Submits a card the bot sent (Action.Submit): Teams sends a message whose value is the
     * action's data merged with the inputs' current values, changed by `changes`.
     */
    submitCard: (card: { activityId: string; content: Json }, changes: Record<string, string> = {}, as = "mo", where: "personal" | "channel" = "personal", id = nextId()) =>
      post({ ...base(as, where, id), type: "message", replyToId: card.activityId, value: { ...submitData(card.content), ...inputValues(card.content), ...changes } }),
    /** "Keep as draft" on a form card the bot sent, with what was typed. */
    keepCard: (card: { activityId: string; content: Json }, changes: Record<string, string> = {}, as = "mo", id = nextId()) =>
      post({ ...base(as, "personal", id), type: "message", replyToId: card.activityId, value: { ...submitData(card.content, "Keep as draft"), ...inputValues(card.content), ...changes } }),
    /** Presses a button (Action.Submit) on a card the bot sent. */
    press: (card: { activityId: string; content: Json }, title: string, as = "sam", id = nextId()) => post({ ...base(as, "personal", id), type: "message", replyToId: card.activityId, value: buttonData(card.content, title) }),
    /** "Record oversight note" chosen on a channel message: the dialog is fetched. */
    fetchTask: (message: PayloadMessage, as = "mo", id = nextId(), conversation?: Json) =>
      post({ ...base(as, "channel", id), ...(conversation ? { conversation } : {}), type: "invoke", name: "composeExtension/fetchTask", value: { commandId: "record_oversight_note", commandContext: "message", context: { theme: "default" }, messagePayload: messagePayload(message) } }),
    /** The dialog's card submitted (composeExtension/submitAction). */
    submitAction: (cardContent: Json, changes: Record<string, string> = {}, as = "mo", id = nextId(), conversation?: Json) =>
      post({ ...base(as, "channel", id), ...(conversation ? { conversation } : {}), type: "invoke", name: "composeExtension/submitAction", value: { commandId: "record_oversight_note", commandContext: "message", context: { theme: "default" }, data: { ...submitData(cardContent), ...inputValues(cardContent), ...changes } } }),
    /**
     * A card's Action.Execute run (invoke adaptiveCard/action), as Teams sends it when a card
     * with a Universal Actions refresh is opened (`trigger: "automatic"`) or its action is chosen.
     */
    execute: (action: Json, as = "mo", trigger: "automatic" | "manual" = "automatic", id = nextId()) =>
      post({ ...base(as, "personal", id), type: "invoke", name: "adaptiveCard/action", value: { action, trigger } }),
    /** The app installed for a person (personal scope): conversationUpdate with the bot added. */
    install: (as: string) => post({ ...base(as, "personal", nextId()), type: "conversationUpdate", membersAdded: [{ id: BOT.id }] }),
    /** The app added to the North team: conversationUpdate in its General channel. */
    installInTeam: (as = "mo") =>
      post({
        ...base(as, "channel", nextId()),
        conversation: { conversationType: "channel", isGroup: true, tenantId: TENANT_ID, id: TEAM_ID },
        type: "conversationUpdate",
        membersAdded: [{ id: BOT.id }],
        channelData: { eventType: "teamMemberAdded", team: { id: TEAM_ID, name: "North team" }, tenant: { id: TENANT_ID } },
      }),
    /** The latest card the bot sent to (or updated in) a conversation, with the activity id it has there. */
    lastCard: (conversationId: string) => lastCard(connector, conversationId),
    /** Waits for the scheduler to finish what it is sending (notices a turn queued). */
    settled: () => scheduler.sweepNow(),
    close: async () => {
      await scheduler.stop();
      await server.close();
      await connector.close();
      await storage.close();
    },
  };
}

export type TeamsBot = Awaited<ReturnType<typeof startTeamsBot>>;

/** A message a message action is used on: its HTML, author, time and the people it @mentions. */
type PayloadMessage = { html: string; author: string; at: string; mentions?: string[] };

function messagePayload(message: PayloadMessage) {
  return {
    id: "1795000000999",
    replyToId: null,
    createdDateTime: message.at,
    lastModifiedDateTime: null,
    deleted: false,
    importance: "normal",
    locale: "en-gb",
    body: { contentType: "html", content: message.html },
    // A message action gives the author's Microsoft Entra object id as user.id.
    from: { user: { userIdentityType: "aadUser", id: AAD_IDS[message.author] ?? message.author, displayName: `${message.author} Worker` } },
    // Each mentioned person as `<at id="N">` in the HTML, with their Entra object id here.
    mentions: (message.mentions ?? []).map((handle, i) => ({ id: i, mentionText: `${handle} Worker`, mentioned: { user: { id: AAD_IDS[handle], displayName: `${handle} Worker`, userIdentityType: "aadUser" } } })),
    reactions: [],
    attachments: [],
  };
}

/** The latest card sent to a conversation and the id it was given (an update keeps the id). */
function lastCard(connector: FakeConnector, conversationId: string): { activityId: string; content: Json } {
  for (let i = connector.calls.length - 1; i >= 0; i--) {
    const call = connector.calls[i]!;
    if (call.conversationId !== conversationId || call.status >= 300 || !["reply", "send", "update"].includes(call.kind)) continue;
    const card = (call.body.attachments as { content: Json }[] | undefined)?.[0]?.content;
    if (!card) continue;
    const activityId = call.kind === "update" ? decodeURIComponent(call.path.split("/").pop()!) : (call.answer.id as string);
    return { activityId, content: card };
  }
  throw new Error(`No card sent to ${conversationId}`);
}

/** Every input of a card with the value it shows (what Teams submits if nobody types). */
export function inputValues(card: Json): Record<string, string> {
  const values: Record<string, string> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const n = node as Json;
    if (typeof n.type === "string" && n.type.startsWith("Input.") && typeof n.id === "string") values[n.id] = typeof n.value === "string" ? n.value : "";
    for (const key of ["body", "items", "columns"]) if (key in n) walk(n[key]);
  };
  walk(card.body);
  return values;
}

/** The data of a card's submit action (the first, or the one titled `title`). */
function submitData(card: Json, title?: string): Json {
  const action = ((card.actions as Json[] | undefined) ?? []).find((a) => a.type === "Action.Submit" && (title === undefined || a.title === title));
  if (!action) throw new Error("The card has no submit action");
  return action.data as Json;
}

/** The data of the card's button titled `title`. */
function buttonData(card: Json, title: string): Json {
  const found: Json[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const n = node as Json;
    if (n.type === "Action.Submit" && n.title === title) found.push(n);
    for (const key of ["body", "items", "columns", "actions"]) if (key in n) walk(n[key]);
  };
  walk(card);
  if (!found[0]) throw new Error(`No button "${title}" on the card`);
  return found[0].data as Json;
}
