import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/** One call the bot made to the fake Web API (or to a response_url). */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  token: string | null;
  at: number;
  /** What the fake answered. */
  answer?: Record<string, unknown>;
}

/**
 * A scripted answer; with `when`, only for a call whose arguments it accepts (e.g. one channel);
 * with `hold`, sent only once that settles (a slow Slack, for as long as a test needs).
 */
type Answer = { status?: number; headers?: Record<string, string>; body: Record<string, unknown>; when?: (args: Record<string, unknown>) => boolean; hold?: Promise<unknown> };

/**
 * A stand-in for slack.com on 127.0.0.1: answers the Web API methods the bot uses the way
 * Slack documents them, records every call (and every POST to a response_url), and lets a
 * test script answers: a 429 with Retry-After, a platform error, a thread's messages.
 */
export class FakeSlack {
  readonly calls: SlackCall[] = [];
  private readonly scripted = new Map<string, Answer[]>();
  private server!: http.Server;
  url = "";
  private views = 0;

  static async start(): Promise<FakeSlack> {
    const fake = new FakeSlack();
    fake.server = http.createServer((req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /** The Web API base URL to configure (SLACK_API_URL). */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A response_url for a slash command or button payload. */
  responseUrl(name: string): string {
    return `${this.url}/respond/${name}`;
  }

  /** The next answers to `method`, in order; afterwards the defaults again. */
  script(method: string, ...answers: Answer[]): void {
    this.scripted.set(method, [...(this.scripted.get(method) ?? []), ...answers]);
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Waits until `method` has been called `count` times (the bot works on after acking). */
  async waitFor(method: string, count = 1, timeoutMs = 5000): Promise<SlackCall[]> {
    const until = Date.now() + timeoutMs;
    while (this.callsTo(method).length < count) {
      if (Date.now() > until) throw new Error(`${method} called ${this.callsTo(method).length} times, expected ${count}; calls: ${this.calls.map((c) => c.method).join(", ")}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.callsTo(method);
  }

  /** Waits until no call has arrived for `ms` (the bot's work after an ack has finished). */
  async quiet(ms = 150): Promise<void> {
    const since = Date.now();
    for (;;) {
      const last = Math.max(since, this.calls.at(-1)?.at ?? 0);
      const idle = Date.now() - last;
      if (idle >= ms) return;
      await new Promise((r) => setTimeout(r, ms - idle));
    }
  }

  reset(): void {
    this.calls.length = 0;
    this.scripted.clear();
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const raw = await new Promise<string>((resolve) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => resolve(body));
    });
    const path = (req.url ?? "").split("?")[0]!;
    const method = path.startsWith("/respond/") ? `respond:${path.slice("/respond/".length)}` : path.replace(/^\/api\//, "");
    const auth = req.headers.authorization ?? null;
    const call: SlackCall = { method, args: parseArgs(raw, req.headers["content-type"] ?? ""), token: auth?.replace(/^Bearer /, "") ?? null, at: Date.now() };
    this.calls.push(call);
    const queued = this.scripted.get(method) ?? [];
    const scripted = queued.findIndex((a) => !a.when || a.when(call.args));
    const answer = scripted >= 0 ? queued.splice(scripted, 1)[0]! : this.defaultAnswer(method);
    call.answer = answer.body;
    if (answer.hold) await answer.hold;
    res.writeHead(answer.status ?? 200, { "content-type": "application/json", ...answer.headers });
    res.end(JSON.stringify(answer.body));
  }

  private defaultAnswer(method: string): Answer {
    switch (method) {
      case "auth.test":
        return { body: { ok: true, url: "https://example.slack.com/", team: "Example", user: "oversight", team_id: "T0001", user_id: "UBOT", bot_id: "BBOT" } };
      case "views.open":
      case "views.update":
      case "views.push":
        return { body: { ok: true, view: { id: `V${++this.views}`, hash: `h${this.views}` } } };
      case "chat.postMessage":
        return { body: { ok: true, channel: "D0DM", ts: `${Date.now() / 1000}` } };
      case "conversations.replies":
        return { status: 200, body: { ok: false, error: "not_in_channel" } };
      default:
        return { body: { ok: true } };
    }
  }
}

/** The Web API sends form fields with JSON-encoded objects (view, blocks); response_urls get JSON. */
function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes("json")) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

/** Headers Slack signs a request with: v0 HMAC-SHA256 of `v0:{timestamp}:{body}`. */
export function slackSignature(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return { "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signature };
}
