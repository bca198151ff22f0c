import { botPort } from "../../src/bot/bot-port.ts";
import { startSlack } from "../../adapters/slack/start-slack.ts";
import type { SlackElementState } from "../../adapters/slack/render-modal.ts";
import type { Person } from "../../src/domain/people.ts";
import type { Logger } from "../../src/logger.ts";
import { startScheduler } from "../../src/scheduler/scheduler.ts";
import { startHttpServer } from "../../src/server/http.ts";
import { endpointTestCore, type EndpointCoreOptions } from "./core.ts";
import { FakeSlack, slackSignature } from "./fake-slack.ts";
import { team } from "./fixtures.ts";

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
export const BOT_TOKEN = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy";

/** Slack user ids of the sample team (tests/support/fixtures.ts). */
export const SLACK_IDS: Record<string, string> = { lee: "U0LEE", mo: "U0MO", sam: "U0SAM", priya: "U0PRIYA", aud: "U0AUD", out: "U0OUT" };

/** The fixture team, every one of them on Slack. */
export function slackTeam(): Person[] {
  return team().map((p) => ({ ...p, identities: [{ platform: "console", externalId: p.handle }, { platform: "slack", externalId: SLACK_IDS[p.handle]! }] }));
}

export interface SlackResponse {
  status: number;
  text: string;
  json: Record<string, unknown> | null;
}

/**
 * The bot's real HTTP server with the Slack adapter on a test core (memory storage unless TEST_STORE names a database; fixed
 * clock), and a fake Slack Web API on 127.0.0.1. Requests are signed as Slack signs them.
 */
export async function startSlackBot(opts: EndpointCoreOptions = {}) {
  const fake = await FakeSlack.start();
  const { core, clock, storage, person } = await endpointTestCore(opts);
  await storage.people.saveAll(slackTeam(), clock.now());
  const logLines: string[] = [];
  const log: Logger = {
    info: (event, fields = {}) => void logLines.push(JSON.stringify({ event, ...fields })),
    warn: (event, fields = {}) => void logLines.push(JSON.stringify({ event, ...fields })),
    error: (event, fields = {}) => void logLines.push(JSON.stringify({ event, ...fields })),
  };
  const slack = await startSlack(botPort(core, log), log, { signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, apiUrl: fake.apiUrl, appToken: null });
  const server = await startHttpServer({ host: "127.0.0.1", port: 0, routes: slack.routes, health: async () => true, log });
  // As `npm start` runs it: notices queued by a turn are sent at once (the core wakes it); the
  // interval is long, so reminders go only when a test sweeps.
  const scheduler = await startScheduler(core, slack.delivery, log, { intervalMs: 3600_000 });
  let triggers = 0;

  const post = async (body: string, contentType: string, headers: Record<string, string> = {}): Promise<SlackResponse> => {
    const res = await fetch(`${server.url}/slack/events`, {
      method: "POST",
      headers: { "content-type": contentType, ...slackSignature(SIGNING_SECRET, body), ...headers },
      body,
    });
    const text = await res.text();
    let json: Record<string, unknown> | null = null;
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    } catch {
      json = null;
    }
    return { status: res.status, text, json };
  };
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const user = (handle: string) => ({ id: SLACK_IDS[handle]!, username: handle, name: handle, team_id: "T0001" });
  const trigger = () => `${++triggers}.${Date.now()}.cd0a8b4b1a1e7f3d9d6e0a1d2c3b4a59`;
  const FORM = "application/x-www-form-urlencoded";

  // The bodies Slack posts, each with a trigger id of its own: posting one body again is a
  // duplicate delivery of the same request.
  const commandBody = (text: string, as = "mo") =>
    form({
      token: "gIkuvaNzQIHg97ATvDxqgjtO",
      team_id: "T0001",
      team_domain: "example",
      channel_id: "C2147483705",
      channel_name: "duty-team",
      user_id: SLACK_IDS[as]!,
      user_name: as,
      command: "/oversight",
      text,
      api_app_id: "A123456",
      response_url: fake.responseUrl(`command-${triggers + 1}`),
      trigger_id: trigger(),
    });
  const buttonBody = (actionId: string, value: string, as = "sam", index = 0) =>
    form({
      payload: JSON.stringify({
        type: "block_actions",
        user: user(as),
        api_app_id: "A123456",
        token: "gIkuvaNzQIHg97ATvDxqgjtO",
        container: { type: "message", message_ts: "1700000000.000100", channel_id: "D0DM", is_ephemeral: false },
        trigger_id: trigger(),
        team: { id: "T0001", domain: "example" },
        channel: { id: "D0DM", name: "directmessage" },
        message: { type: "message", user: "UBOT", ts: "1700000000.000100", text: "reminder" },
        response_url: fake.responseUrl(`action-${triggers}`),
        actions: [{ action_id: `${actionId}#${index}`, block_id: "b1", text: { type: "plain_text", text: actionId }, value, type: "button", action_ts: `${Date.now() / 1000}` }],
      }),
    });
  const submitBody = (view: SlackViewArg, changes: Record<string, SlackElementState> = {}, as = "mo", viewId = viewIdOf(view)) =>
    form({ payload: JSON.stringify({ type: "view_submission", team: { id: "T0001", domain: "example" }, user: user(as), api_app_id: "A123456", token: "x", trigger_id: trigger(), view: submittedView(view, changes, viewId), response_urls: [] }) });

  return {
    core,
    clock,
    storage,
    person,
    fake,
    /** The adapter's Delivery: what the scheduler sends reminders through. */
    delivery: slack.delivery,
    log: logLines,
    url: server.url,
    post,
    /** `/oversight <text>` as Slack posts it (form-encoded, signed). */
    command: (text: string, as = "mo", headers: Record<string, string> = {}) => post(commandBody(text, as), FORM, headers),
    /** The form-encoded body of `/oversight <text>`, with a trigger id of its own, to post (again) with `postForm`. */
    commandBody,
    /** An interactivity payload (block_actions, view_submission, view_closed, message_action). */
    interaction: (payload: Record<string, unknown>) => post(form({ payload: JSON.stringify(payload) }), "application/x-www-form-urlencoded"),
    /** "Record oversight note" used on `message` in a channel (a message_action shortcut), by mo. */
    shortcut: (message: Record<string, unknown> & { ts: string }, channel = { id: "C2147483705", name: "duty-team" }) =>
      post(
        form({
          payload: JSON.stringify({
            type: "message_action",
            callback_id: "record_oversight_note",
            trigger_id: trigger(),
            response_url: fake.responseUrl("shortcut"),
            team: { id: "T0001", domain: "example" },
            channel,
            user: user("mo"),
            message: { type: "message", ...message },
            message_ts: message.ts,
            action_ts: "1795443700.000000",
          }),
        }),
        "application/x-www-form-urlencoded",
      ),
    /** A button on a message the bot posted in the person's DM. */
    button: (actionId: string, value: string, as = "sam", index = 0) => post(buttonBody(actionId, value, as, index), FORM),
    buttonBody,
    /** Submits a modal the bot opened, with what Slack would send: its initial values, changed by `changes`. */
    submit: (view: SlackViewArg, changes: Record<string, SlackElementState> = {}, as = "mo", viewId = viewIdOf(view)) => post(submitBody(view, changes, as, viewId), FORM),
    submitBody,
    /** Posts a form-encoded body (a command, button or submission body above), signed afresh. */
    postForm: (body: string) => post(body, FORM),
    /** Closes a modal the bot opened, with what had been typed into it. */
    close: (view: SlackViewArg, changes: Record<string, SlackElementState> = {}, as = "mo", viewId = viewIdOf(view)) =>
      post(form({ payload: JSON.stringify({ type: "view_closed", team: { id: "T0001", domain: "example" }, user: user(as), api_app_id: "A123456", token: "x", view: submittedView(view, changes, viewId), is_cleared: false }) }), "application/x-www-form-urlencoded"),
    /** An Events API callback (JSON), optionally marked as Slack's retry. */
    event: (event: Record<string, unknown>, eventId: string, retryNum?: number) =>
      post(
        JSON.stringify({ token: "x", team_id: "T0001", api_app_id: "A123456", event, type: "event_callback", event_id: eventId, event_time: Math.floor(Date.now() / 1000), authorizations: [{ team_id: "T0001", user_id: "UBOT", is_bot: true }] }),
        "application/json",
        retryNum ? { "x-slack-retry-num": String(retryNum), "x-slack-retry-reason": "http_timeout" } : {},
      ),
    trigger,
    user,
    /** Waits for the scheduler to finish what it is sending (notices a turn queued). */
    settled: () => scheduler.sweepNow(),
    close_: async () => {
      await scheduler.stop();
      await slack.stop();
      await server.close();
      await fake.close();
      await storage.close();
    },
  };
}

/** A modal keeps its id while open: one per form and draft here, so tests do not share submission keys. */
function viewIdOf(view: SlackViewArg): string {
  const state = JSON.parse(view.private_metadata ?? "{}").state ?? {};
  return `V-${view.callback_id}-${state.draftId ?? state.noteId ?? state.actionId ?? "new"}`;
}

/** A Block Kit block as a test reads it off the fake Web API. */
export type Block = Record<string, any>;

/** Every button in a message's blocks, in order. */
export const buttonsOf = (blocks: Block[]) => blocks.filter((b) => b.type === "actions").flatMap((b) => b.elements as Block[]);

export type SlackViewArg = { callback_id: string; private_metadata?: string; blocks: Record<string, unknown>[] };

/** The view as Slack posts it back: the same blocks, with state.values holding each input's current value. */
function submittedView(view: SlackViewArg, changes: Record<string, SlackElementState>, viewId: string) {
  const values: Record<string, Record<string, SlackElementState>> = {};
  for (const block of view.blocks) {
    if (block.type !== "input") continue;
    const element = block.element as Record<string, unknown>;
    const blockId = block.block_id as string;
    values[blockId] = { value: changes[blockId] ?? initialState(element) };
  }
  return { id: viewId, team_id: "T0001", type: "modal", hash: "h1", app_id: "A123456", bot_id: "BBOT", ...view, state: { values } };
}

function initialState(element: Record<string, unknown>): SlackElementState {
  const type = element.type as string;
  switch (type) {
    case "datetimepicker":
      return { type, selected_date_time: (element.initial_date_time as number | undefined) ?? null };
    case "static_select":
      return { type, selected_option: (element.initial_option as { value: string } | undefined) ?? null };
    case "users_select":
      return { type, selected_user: (element.initial_user as string | undefined) ?? null };
    case "multi_users_select":
      return { type, selected_users: (element.initial_users as string[] | undefined) ?? [] };
    default:
      return { type, value: (element.initial_value as string | undefined) ?? null };
  }
}

/** A value typed into a text input. */
export const typed = (value: string): SlackElementState => ({ type: "plain_text_input", value });
