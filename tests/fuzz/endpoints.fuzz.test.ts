import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIGNING_SECRET, startSlackBot } from "../support/slack-bot.ts";
import { slackSignature } from "../support/fake-slack.ts";
import { rawRequest } from "../support/raw-http.ts";
import { writeCounts } from "../support/storage-writes.ts";
import { AAD_IDS, BOT, CHANNEL_ID, CHAT_IDS, startTeamsBot, TEAM_ID, TEAMS_IDS, TENANT_ID, type TeamsBot } from "../support/teams-bot.ts";
import { signingKeys } from "../support/teams-keys.ts";

// Bad input never yields a 5xx on any endpoint: a clear 4xx, or 200 and ignored, and a
// refused request writes nothing. Payloads are Slack's and the Bot Framework's shapes with
// any field missing, null, of another type or a value of its own; signed (Slack) or with a
// valid token (Teams with an app id), so they reach past the signature checks.
//
// FUZZ_SEED repeats a run (the seed is printed); FUZZ_RUNS sets how many payloads per property.

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 40;
const params = { seed: SEED, numRuns: RUNS, endOnFailure: true };
process.stdout.write(`endpoints fuzz: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}\n`);

/** Anything JSON can hold, small: what a field holds when it holds the wrong thing. */
const junk = fc.oneof(fc.constant(null), fc.string({ maxLength: 12 }), fc.integer(), fc.double(), fc.boolean(), fc.jsonValue({ maxDepth: 2 }));
/** A field as the platform sends it, mostly (so that many payloads get past the doors); else missing or junk. */
const field = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 30, arbitrary: valid }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: junk });
const text = fc.oneof(fc.constantFrom("help", "list", "oversight 4471-JB: agreed with @sam to visit tomorrow", ""), fc.string({ maxLength: 60 }), fc.string({ unit: "grapheme", maxLength: 20 }));
const object = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T) => fc.record(fields);

/**
 * Waits until the bot has stopped working on what it acknowledged (Slack is answered before
 * the work is done): its writes, calls and log unchanged over two looks.
 */
async function idle(snapshot: () => Promise<string>): Promise<void> {
  let last = await snapshot();
  for (let stable = 0; stable < 2; ) {
    await new Promise((r) => setTimeout(r, 60));
    const now = await snapshot();
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
}

/** How many answers of each status a property saw: printed, to show how far past the doors payloads got. */
function tally(name: string) {
  const counts: Record<number, number> = {};
  return {
    add: (status: number) => void (counts[status] = (counts[status] ?? 0) + 1),
    print: () => process.stdout.write(`${name}: ${JSON.stringify(counts)}\n`),
  };
}

describe("Slack endpoint: signed payloads of any shape", () => {
  let bot: Awaited<ReturnType<typeof startSlackBot>>;
  beforeAll(async () => {
    bot = await startSlackBot();
  });
  afterAll(async () => {
    await bot.close_();
  });
  const snapshot = async () => JSON.stringify([await writeCounts(bot.storage), bot.fake.calls.length, bot.log.length]);

  let accepted = false;
  const statuses = tally("slack statuses");
  afterAll(() => statuses.print());
  /** Posts a signed body: never a 5xx; refused, nothing written. */
  const check = async (body: string, contentType: string) => {
    // Only an acknowledged request leaves work going on; a refused one started none.
    if (accepted) await idle(snapshot);
    const before = await writeCounts(bot.storage);
    const res = await bot.post(body, contentType, slackSignature(SIGNING_SECRET, body));
    statuses.add(res.status);
    accepted = res.status < 300;
    expect(res.status).toBeLessThan(500);
    if (res.status >= 400) expect(await writeCounts(bot.storage)).toEqual(before);
  };

  const user = object({ id: field(fc.constantFrom("U0MO", "U0SAM", "U0NOBODY")), team_id: field(fc.constant("T0001")) });
  const elementState = object({
    type: field(fc.constantFrom("plain_text_input", "datetimepicker", "static_select", "users_select", "multi_users_select", "conversations_select")),
    value: field(text),
    selected_date_time: field(fc.integer()),
    selected_option: field(object({ value: field(fc.string({ maxLength: 10 })) })),
    selected_user: field(fc.constantFrom("U0SAM", "U0X")),
    selected_users: field(fc.array(field(fc.constantFrom("U0SAM", "U0LEE")), { maxLength: 3 })),
  });
  const view = object({
    id: field(fc.string({ maxLength: 8 })),
    callback_id: field(fc.constantFrom("note", "draft", "outcome", "message-view", "x")),
    hash: field(fc.string({ maxLength: 4 })),
    private_metadata: field(fc.oneof(fc.string({ maxLength: 30 }), fc.json({ maxDepth: 2 }))),
    blocks: field(fc.array(field(object({ type: field(fc.constantFrom("input", "section")), block_id: field(fc.string({ maxLength: 10 })) })), { maxLength: 3 })),
    state: field(object({ values: field(fc.dictionary(fc.string({ maxLength: 10 }), field(fc.dictionary(fc.constantFrom("value", "x"), field(elementState), { maxKeys: 2 })), { maxKeys: 3 })) })),
  });

  it("events (JSON): never a 5xx; refused ones write nothing", async () => {
    const event = object({
      type: field(fc.constantFrom("message", "app_mention", "app_home_opened", "reaction_added")),
      channel_type: field(fc.constantFrom("im", "channel")),
      user: field(fc.constantFrom("U0MO", "U0SAM", "U0NOBODY")),
      text: field(text),
      channel: field(fc.constantFrom("D0DM", "C1")),
      subtype: field(fc.constantFrom("bot_message", "message_changed")),
      tab: field(fc.constantFrom("home", "messages")),
      item: field(object({ channel: field(fc.constant("C1")) })),
    });
    const body = object({
      type: field(fc.constantFrom("event_callback", "url_verification", "app_rate_limited")),
      token: field(fc.constant("x")),
      team_id: field(fc.constant("T0001")),
      event_id: field(fc.string({ minLength: 1, maxLength: 10 })),
      challenge: field(fc.string({ maxLength: 10 })),
      authorizations: field(fc.array(field(object({ team_id: field(fc.constant("T0001")), is_enterprise_install: field(fc.boolean()) })), { maxLength: 2 })),
      event: field(event),
      command: fc.option(junk, { nil: undefined, freq: 10 }),
      actions: fc.option(junk, { nil: undefined, freq: 10 }),
    });
    await fc.assert(fc.asyncProperty(body, (b) => check(JSON.stringify(b), "application/json")), params);
  });

  it("interactions (form-encoded payloads): never a 5xx; refused ones write nothing", async () => {
    const payload = object({
      type: field(fc.constantFrom("block_actions", "view_submission", "view_closed", "message_action", "shortcut", "block_suggestion")),
      user: field(user),
      team: field(object({ id: field(fc.constant("T0001")) })),
      trigger_id: field(fc.string({ minLength: 1, maxLength: 10 })),
      response_url: field(fc.constant("http://127.0.0.1:9/respond/fuzz")),
      callback_id: field(fc.constantFrom("record_oversight_note", "other")),
      actions: field(fc.array(field(object({ type: field(fc.constantFrom("button", "static_select")), action_id: field(fc.constantFrom("done#0", "snooze#1", "finish#0", "slack-open-form#0", "x")), value: field(text) })), { maxLength: 2 })),
      view: field(view),
      channel: field(object({ id: field(fc.constantFrom("C1", "D0DM")) })),
      message: field(object({ ts: field(fc.constant("1700000000.000100")), text: field(text), user: field(fc.constant("U0SAM")) })),
      container: field(object({ type: field(fc.constant("message")) })),
      event: fc.option(junk, { nil: undefined, freq: 10 }),
      name: fc.option(junk, { nil: undefined, freq: 10 }),
    });
    await fc.assert(fc.asyncProperty(payload, (p) => check(new URLSearchParams({ payload: JSON.stringify(p) }).toString(), "application/x-www-form-urlencoded")), params);
  });

  it("slash commands (form fields, repeated or missing): never a 5xx; refused ones write nothing", async () => {
    const fields = fc.array(
      fc.tuple(fc.constantFrom("command", "text", "user_id", "trigger_id", "team_id", "channel_id", "response_url", "payload", "ssl_check"), fc.oneof(fc.constantFrom("/oversight", "/other", "U0MO", "U0NOBODY", "1", "help"), text)),
      { maxLength: 8 },
    );
    await fc.assert(
      fc.asyncProperty(fields, (pairs) => {
        const body = new URLSearchParams([["command", "/oversight"], ["user_id", "U0MO"], ["trigger_id", "t1"], ...pairs].slice(pairs.length % 4)).toString();
        return check(body, "application/x-www-form-urlencoded");
      }),
      params,
    );
  });

  it("bodies of any bytes and content type: never a 5xx; nothing written", async () => {
    const contentType = fc.constantFrom("application/json", "application/x-www-form-urlencoded", "text/plain", "application/x-www-form-urlencoded; charset=utf-8");
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 80 }), fc.json({ maxDepth: 3 })), contentType, (body, type) => check(body, type)),
      params,
    );
  });

  it("left nothing failing behind it: no handler threw on what the doors let through", async () => {
    await idle(snapshot);
    // A handler that throws shows as slack.failed (Bolt wraps the error) and, before its ack, as a request never acknowledged.
    expect(bot.log.filter((l) => /TypeError|RangeError|SyntaxError|slack\.failed|not acknowledged/.test(l))).toEqual([]);
  });
});

/** A Bot Framework activity with any field missing, null, of another type or a value of its own. */
function activities(serviceUrl: string) {
  const account = (ids: string[]) => object({ id: field(fc.constantFrom(...ids)), aadObjectId: field(fc.constantFrom(AAD_IDS.mo!, AAD_IDS.sam!)), name: field(fc.string({ maxLength: 10 })) });
  const mention = object({ type: field(fc.constantFrom("mention", "clientInfo")), text: field(fc.constantFrom(`<at>${BOT.name}</at>`, "<at>sam Worker</at>")), mentioned: field(account([BOT.id, TEAMS_IDS.sam!])) });
  const messagePayload = object({
    createdDateTime: field(fc.constantFrom("2026-11-23T14:00:00Z", "yesterday")),
    body: field(object({ content: field(text) })),
    from: field(object({ user: field(object({ id: field(fc.constantFrom(AAD_IDS.sam!, "x")) })) })),
    mentions: field(fc.array(field(object({ id: field(fc.integer({ min: 0, max: 2 })), mentioned: field(object({ user: field(object({ id: field(fc.constant(AAD_IDS.sam!)) })) })) })), { maxLength: 2 })),
  });
  return object({
    type: field(fc.constantFrom("message", "invoke", "conversationUpdate", "installationUpdate", "typing", "messageReaction")),
    id: field(fc.string({ minLength: 1, maxLength: 10 })),
    serviceUrl: field(fc.oneof({ weight: 8, arbitrary: fc.constant(serviceUrl) }, { weight: 1, arbitrary: fc.constantFrom("https://elsewhere.example/", "PyVS.#", "ftp://127.0.0.1/", "//127.0.0.1/") })),
    channelId: field(fc.constant("msteams")),
    from: field(account([TEAMS_IDS.mo!, TEAMS_IDS.sam!, "29:stranger"])),
    recipient: field(account([BOT.id])),
    conversation: field(object({ id: field(fc.constantFrom(CHAT_IDS.mo!, CHANNEL_ID, TEAM_ID)), conversationType: field(fc.constantFrom("personal", "channel", "groupChat")), tenantId: field(fc.constant(TENANT_ID)), isGroup: field(fc.boolean()) })),
    text: field(text),
    name: field(fc.constantFrom("composeExtension/fetchTask", "composeExtension/submitAction", "task/fetch")),
    replyToId: field(fc.string({ maxLength: 6 })),
    value: field(
      fc.oneof(
        object({ commandId: field(fc.constant("record_oversight_note")), messagePayload: field(messagePayload), data: field(object({ ovKind: field(fc.constantFrom("submit", "action")) })) }),
        object({ ovKind: field(fc.constantFrom("action", "submit")), actionId: field(fc.constantFrom("done", "snooze", "finish")), value: field(text) }),
      ),
    ),
    entities: field(fc.array(field(mention), { maxLength: 3 })),
    membersAdded: field(fc.array(field(account([BOT.id, TEAMS_IDS.mo!])), { maxLength: 2 })),
    channelData: field(object({ team: field(object({ id: field(fc.constant(TEAM_ID)), name: field(fc.string({ maxLength: 8 })) })), eventType: field(fc.constantFrom("channelCreated", "teamRenamed")), tenant: field(object({ id: field(fc.constant(TENANT_ID)) })) })),
    deliveryMode: field(fc.oneof({ weight: 9, arbitrary: fc.constant("normal") }, { weight: 1, arbitrary: fc.constant("expectReplies") })),
  });
}

/** Posts activities and checks: never a 5xx; a refused one writes nothing and sends nothing. */
async function fuzzTeams(name: string, bot: TeamsBot, headers: (activity: Record<string, unknown>) => Record<string, string>, extra: fc.Arbitrary<Record<string, string>> = fc.constant({})) {
  const statuses = tally(name);
  await fc.assert(
    fc.asyncProperty(activities(bot.connector.url), extra, async (activity, more) => {
      await bot.settled();
      const before = await writeCounts(bot.storage);
      const calls = bot.connector.calls.length;
      const res = await rawRequest(bot.url, { path: "/api/messages", headers: { "content-type": "application/json", ...headers(activity), ...more }, chunks: [JSON.stringify(activity)] });
      statuses.add(res.status);
      expect(res.status).toBeLessThan(500);
      if (res.status >= 400) {
        expect(await writeCounts(bot.storage)).toEqual(before);
        expect(bot.connector.calls.length).toBe(calls);
      }
    }),
    params,
  );
  statuses.print();
  await bot.settled();
  expect(bot.log.filter((l) => /TypeError|RangeError|SyntaxError|teams\.request-failed/.test(l))).toEqual([]);
}

describe("Teams endpoint: activities of any shape", () => {
  it("anonymous: never a 5xx; refused ones write and send nothing", async () => {
    const bot = await startTeamsBot();
    try {
      const browserish = fc.record({ "content-type": fc.oneof({ weight: 8, arbitrary: fc.constantFrom("application/json", "application/json; charset=utf-8") }, { weight: 1, arbitrary: fc.constant("text/plain") }) }, { requiredKeys: [] }).chain((h) => fc.oneof({ weight: 5, arbitrary: fc.constant(h) }, { weight: 1, arbitrary: fc.constant({ ...h, origin: "https://page.example" }) }));
      await fuzzTeams("teams anonymous statuses", bot, () => ({}), browserish);
    } finally {
      await bot.close();
    }
  });

  it("with an app id and a valid token: never a 5xx; refused ones write and send nothing", async () => {
    const APP_ID = "0b5c2a6e-3f41-4c8e-9a1d-2e7f6b8c9d01";
    const keys = await signingKeys(APP_ID);
    const bot = await startTeamsBot({ appId: APP_ID, openIdMetadataUrl: keys.metadataUrl });
    try {
      // The token names the service URL the activity gives, when it gives a string.
      await fuzzTeams("teams with an app id statuses", bot, (a) => ({ authorization: `Bearer ${keys.token({ serviceurl: typeof a.serviceUrl === "string" ? a.serviceUrl : bot.connector.url })}` }));
    } finally {
      await bot.close();
      await keys.close();
    }
  });
});
