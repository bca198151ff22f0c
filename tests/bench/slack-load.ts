// Load generator for slack.bench.ts, run as its own process so that building, signing and
// sending requests does not take CPU from the server under test. Closed loop: CONNECTIONS
// loops, each sending one signed `/oversight <text>` slash command at a time over a
// keep-alive connection and waiting for the answer. Requests during the warm-up are not
// counted. Prints `{"phase":"measure"}` and `{"phase":"done"}` lines as the measured
// window opens and closes, then one JSON line of results on stdout.
//
// Run: node node_modules/tsx/dist/cli.mjs tests/bench/slack-load.ts URL SECONDS CONNECTIONS
//        [--warmup S] [--text "help"] [--expect SUBSTRING]... [--response-url URL]
// URL is the full endpoint (…/slack/events); the signing secret comes from SLACK_SIGNING_SECRET.
// `{n}` in the text becomes a number unique to the request (a case reference per request).
import { createHmac } from "node:crypto";
import http from "node:http";

interface Options {
  url: URL;
  seconds: number;
  connections: number;
  warmup: number;
  text: string;
  /** Strings every 200 answer's body must contain. */
  expect: string[];
  responseUrl: string;
  secret: string;
}

export interface LoadResult {
  /** Requests that finished inside the measured window with 200 (and the expected text). */
  ok: number;
  /** Answers with another status, by status. */
  statuses: Record<string, number>;
  /** 200s whose body lacked the expected text. */
  unexpected: number;
  /** Network errors (reset, refused, timeout). */
  errors: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  /** Requests sent in all, warm-up included. */
  sent: number;
  /** This process's CPU time over its wall time while loading (1 = one core busy). */
  clientCpu: number;
  /** One body that failed the check, for diagnosis. */
  sample?: string;
}

function options(argv: string[]): Options {
  const [url, seconds, connections, ...rest] = argv;
  if (!url || !seconds || !connections) throw new Error("usage: slack-load.ts URL SECONDS CONNECTIONS [--warmup S] [--text T] [--expect S] [--response-url U]");
  const flag = (name: string) => {
    const i = rest.indexOf(`--${name}`);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const secret = process.env.SLACK_SIGNING_SECRET;
  if (!secret) throw new Error("SLACK_SIGNING_SECRET is not set");
  return {
    url: new URL(url),
    seconds: Number(seconds),
    connections: Number(connections),
    warmup: Number(flag("warmup") ?? 2),
    text: flag("text") ?? "help",
    expect: rest.flatMap((arg, i) => (rest[i - 1] === "--expect" ? [arg] : [])),
    responseUrl: flag("response-url") ?? "http://127.0.0.1:9/respond",
    secret,
  };
}

/** The form Slack posts for a slash command (as tests/support/slack-bot.ts `command()` builds it). */
function commandBody(o: Options, n: number): string {
  return new URLSearchParams({
    token: "gIkuvaNzQIHg97ATvDxqgjtO",
    team_id: "T0001",
    team_domain: "example",
    channel_id: "C2147483705",
    channel_name: "duty-team",
    user_id: "U0MO",
    user_name: "mo",
    command: "/oversight",
    text: o.text.replaceAll("{n}", String(process.pid * 1_000_000 + n)),
    api_app_id: "A123456",
    response_url: `${o.responseUrl}/command-${process.pid}-${n}`,
    trigger_id: `${n}.${Date.now()}.cd0a8b4b1a1e7f3d9d6e${process.pid}`,
  }).toString();
}

/** Slack's v0 signature over the current timestamp. */
function signed(secret: string, body: string): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return { "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signature };
}

function send(o: Options, agent: http.Agent, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: o.url.hostname,
        port: o.url.port,
        path: o.url.pathname,
        method: "POST",
        agent,
        headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body), ...signed(o.secret, body) },
        timeout: 10_000,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(body);
  });
}

async function run(o: Options): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  const started = performance.now();
  const measureFrom = started + o.warmup * 1000;
  const measureTo = measureFrom + o.seconds * 1000;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let unexpected = 0;
  let errors = 0;
  let sent = 0;
  let sample: string | undefined;
  const cpuBefore = process.cpuUsage();
  // Tell the parent when the measured window opens and closes (it samples the server's CPU).
  const told = new Set<string>();
  const phase = (name: string) => {
    if (!told.has(name)) told.add(name), process.stdout.write(`${JSON.stringify({ phase: name })}\n`);
  };
  const opened = setTimeout(() => phase("measure"), measureFrom - performance.now());
  const closed = setTimeout(() => phase("done"), measureTo - performance.now());

  const loop = async () => {
    while (performance.now() < measureTo) {
      const n = ++sent;
      const body = commandBody(o, n);
      const t0 = performance.now();
      let answer: { status: number; text: string } | null = null;
      try {
        answer = await send(o, agent, body);
      } catch {
        answer = null;
      }
      const t1 = performance.now();
      if (t0 < measureFrom || t1 > measureTo) continue;
      if (!answer) errors++;
      else if (answer.status !== 200) {
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        sample ??= `${answer.status} ${answer.text.slice(0, 200)}`;
      } else if (!o.expect.every((part) => answer.text.includes(part))) {
        unexpected++;
        sample ??= `200 ${answer.text.slice(0, 200)}`;
      } else latencies.push(t1 - t0);
    }
  };
  await Promise.all(Array.from({ length: o.connections }, loop));
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  clearTimeout(opened);
  clearTimeout(closed);
  phase("measure");
  phase("done");
  agent.destroy();

  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]! : NaN);
  return {
    ok: latencies.length,
    statuses,
    unexpected,
    errors,
    seconds: o.seconds,
    rps: latencies.length / o.seconds,
    p50Ms: pct(50),
    p99Ms: pct(99),
    meanMs: latencies.reduce((a, b) => a + b, 0) / (latencies.length || 1),
    sent,
    clientCpu: (cpu.user + cpu.system) / 1000 / wall,
    ...(sample ? { sample } : {}),
  };
}

run(options(process.argv.slice(2))).then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (error: unknown) => {
    process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
