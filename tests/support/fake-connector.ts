import http from "node:http";
import type { AddressInfo } from "node:net";

/** One call the bot made to the fake Bot Framework connector. */
export interface ConnectorCall {
  method: string;
  path: string;
  /** "reply", "send", "update" or "create", from the path. */
  kind: "reply" | "send" | "update" | "create" | "team" | "member" | "other";
  conversationId: string | null;
  body: Record<string, unknown>;
  authorization: string | null;
  /** When it arrived (Date.now()). */
  at: number;
  /** The status the fake answered, and the body (a new activity's id). */
  status: number;
  answer: Record<string, unknown>;
}

type Answer = { status: number; headers?: Record<string, string>; body?: Record<string, unknown> };

/**
 * A stand-in for the Bot Framework connector (Teams' serviceUrl) on 127.0.0.1: answers the
 * Connector API's conversation calls as documented (reply to an activity, send to a
 * conversation, update an activity, create a conversation), records every call, and lets a
 * test script answers: a 429 with Retry-After, a 403 for a bot removed from a conversation.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  private readonly scripted: { kind: ConnectorCall["kind"]; answer: Answer; when?: (call: ConnectorCall) => boolean }[] = [];
  private server!: http.Server;
  url = "";
  private ids = 0;

  static async start(): Promise<FakeConnector> {
    const fake = new FakeConnector();
    fake.server = http.createServer((req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}/`;
    return fake;
  }

  /** The next `times` answers to calls of `kind` (matching `when`, if given); afterwards the defaults again. */
  script(kind: ConnectorCall["kind"], answer: Answer, opts: { when?: (call: ConnectorCall) => boolean; times?: number } = {}): void {
    for (let i = 0; i < (opts.times ?? 1); i++) this.scripted.push({ kind, answer, when: opts.when });
  }

  /** Drops scripted answers not used up. */
  unscript(): void {
    this.scripted.length = 0;
  }

  /** Successful calls of a kind, optionally to one conversation. */
  delivered(kind: ConnectorCall["kind"], conversationId?: string): ConnectorCall[] {
    return this.calls.filter((c) => c.kind === kind && c.status < 300 && (conversationId === undefined || c.conversationId === conversationId));
  }

  /** Every activity the bot sent successfully (replies, sends, updates), in order. */
  activities(conversationId?: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.kind !== "create" && c.kind !== "other" && c.status < 300 && (conversationId === undefined || c.conversationId === conversationId)).map((c) => c.body);
  }

  /** The texts the bot sent: plain messages' text, and every TextBlock of each card. */
  texts(conversationId?: string): string[] {
    return this.activities(conversationId).map(activityText);
  }

  async waitFor(predicate: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > until) throw new Error(`Timed out waiting for ${what}; calls: ${this.calls.map((c) => `${c.kind} ${c.conversationId} ${c.status}`).join(", ")}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const path = (req.url ?? "").split("?")[0]!;
    const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
    // /v3/conversations[/{id}/activities[/{activityId}]]
    const kind: ConnectorCall["kind"] =
      parts[0] === "v3" && parts[1] === "teams" && req.method === "GET"
        ? "team"
        : parts[0] === "v3" && parts[1] === "conversations" && parts[3] === "members" && parts.length === 5 && req.method === "GET"
        ? "member"
        : parts[0] !== "v3" || parts[1] !== "conversations"
        ? "other"
        : parts.length === 2 && req.method === "POST"
          ? "create"
          : parts.length === 4 && req.method === "POST"
            ? "send"
            : parts.length === 5 && req.method === "POST"
              ? "reply"
              : parts.length === 5 && req.method === "PUT"
                ? "update"
                : "other";
    const call: ConnectorCall = {
      method: req.method ?? "",
      path,
      kind,
      conversationId: parts[2] ?? null,
      body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
      authorization: (req.headers.authorization as string | undefined) ?? null,
      at: Date.now(),
      status: 200,
      answer: {},
    };
    const i = this.scripted.findIndex((s) => s.kind === kind && (!s.when || s.when(call)));
    const answer: Answer = i >= 0 ? this.scripted.splice(i, 1)[0]!.answer : this.defaultAnswer(call);
    call.status = answer.status;
    call.answer = answer.body ?? {};
    this.calls.push(call);
    res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
    res.end(JSON.stringify(answer.body ?? {}));
  }

  /**
   * The conversations the bot is part of (a channel's threads included): anything sent
   * elsewhere is refused as Teams refuses it, 403. Chats the bot creates join it.
   */
  readonly conversations = new Set<string>();

  /** Who is in each team or group chat (by Teams user id), as GET …/members/{id} answers. */
  readonly members = new Map<string, Set<string>>();

  /** The teams the bot is in, by team id: their name and channels, as GET /v3/teams/… lists them. */
  readonly teams = new Map<string, { name: string; channels: { id: string; name?: string }[] }>();

  private defaultAnswer(call: ConnectorCall): Answer {
    if (call.kind === "member") {
      const userId = decodeURIComponent(call.path.split("/").pop()!);
      return this.members.get(call.conversationId!)?.has(userId) ? { status: 200, body: { id: userId } } : { status: 404, body: { error: { code: "MemberNotFoundInConversation", message: "not a member" } } };
    }
    const member = call.conversationId !== null && this.conversations.has(call.conversationId.split(";")[0]!);
    if ((call.kind === "send" || call.kind === "reply" || call.kind === "update") && !member) {
      return { status: 403, body: { error: { code: "BotNotInConversationRoster", message: "The bot is not part of the conversation roster." } } };
    }
    if (call.kind === "team") {
      const [, , teamId, what] = call.path.split("/").filter(Boolean).map(decodeURIComponent);
      const team = this.teams.get(teamId!);
      if (!team) return { status: 404, body: { error: { code: "NotFound", message: "team not found" } } };
      return what === "conversations" ? { status: 200, body: { conversations: team.channels } } : { status: 200, body: { id: teamId, name: team.name, aadGroupId: "0b0b0b0b-0000-4000-8000-000000000000" } };
    }
    const id = `activity-${++this.ids}`;
    if (call.kind === "create") {
      this.conversations.add(`a:chat-${this.ids}`);
      return { status: 201, body: { id: `a:chat-${this.ids}`, activityId: id } };
    }
    if (call.kind === "other") return { status: 404, body: { error: { code: "NotFound", message: "not a connector call" } } };
    return { status: call.kind === "update" ? 200 : 201, body: { id } };
  }
}

/** An activity's words: its text, or its card's TextBlocks and facts, one per line. */
export function activityText(activity: Record<string, unknown>): string {
  const lines: string[] = [];
  if (typeof activity.text === "string") lines.push(activity.text);
  for (const a of (activity.attachments as { content?: Record<string, unknown> }[] | undefined) ?? []) walk(a.content, lines);
  return lines.join("\n");
}

function walk(node: unknown, lines: string[]): void {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, lines));
  if (!node || typeof node !== "object") return;
  const n = node as Record<string, unknown>;
  if (n.type === "TextBlock" && typeof n.text === "string") lines.push(n.text);
  if (n.type === "FactSet") for (const f of n.facts as { title: string; value: string }[]) lines.push(`${f.title}: ${f.value}`);
  if (n.type === "Action.Submit" && typeof n.title === "string") lines.push(`[${n.title}]`);
  for (const key of ["body", "items", "columns", "actions"]) if (key in n) walk(n[key], lines);
}
