import { afterEach, describe, expect, it } from "vitest";
import { startSlack } from "../../adapters/slack/start-slack.ts";
import { botPort } from "../../src/bot/bot-port.ts";
import { message } from "../../src/content/message.ts";
import { silentLogger } from "../../src/logger.ts";
import { startScheduler, type Scheduler } from "../../src/scheduler/scheduler.ts";
import { startHttpServer, type HttpServer } from "../../src/server/http.ts";
import { PrometheusMetrics } from "../../src/server/metrics.ts";
import { FakeSlack, slackSignature } from "../support/fake-slack.ts";
import { testCore } from "../support/core.ts";
import { BOT_TOKEN, SIGNING_SECRET, SLACK_IDS, slackTeam } from "../support/slack-bot.ts";

// Issue 15 item 5: /metrics in Prometheus form: turns by kind and outcome, reminders sent and
// failed, the backlog, HTTP latency; and no case content in any label.

/** One sample's value from an exposition, by metric name and exact labels (as printed). */
function sample(body: string, name: string, labels = ""): number | undefined {
  const line = body.split("\n").find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ""} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
}

describe("/metrics", () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function start() {
    const fake = await FakeSlack.start();
    cleanup.push(() => fake.close());
    // Mon 23 Nov 2026 15:00 London: working hours, so a due notice goes at once.
    const { core, clock, storage } = await testCore();
    await storage.people.saveAll(slackTeam(), clock.now());
    const metrics = new PrometheusMetrics({ backlog: (now) => storage.schedule.dueBacklog(now), clock, log: silentLogger });
    const bot = botPort(core, silentLogger, { metrics });
    const slack = await startSlack(bot, silentLogger, { signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, apiUrl: fake.apiUrl, appToken: null });
    const server: HttpServer = await startHttpServer({ host: "127.0.0.1", port: 0, routes: slack.routes, health: async () => true, metrics, log: silentLogger });
    cleanup.push(() => server.close());
    let triggers = 0;
    const command = async (text: string) => {
      const body = new URLSearchParams({ command: "/oversight", text, user_id: SLACK_IDS.mo!, user_name: "mo", team_id: "T0001", channel_id: "C2147483705", trigger_id: `1.${++triggers}.cd0a8b4b1a1e7f3d9d6e0a1d2c3b4a59`, response_url: fake.responseUrl("c") }).toString();
      const res = await fetch(`${server.url}/slack/events`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...slackSignature(SIGNING_SECRET, body) }, body });
      expect(res.status).toBe(200);
      await res.text();
    };
    const scrape = async () => {
      const res = await fetch(`${server.url}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      return res.text();
    };
    let scheduler: Scheduler | undefined;
    cleanup.push(async () => scheduler?.stop());
    const startSweeping = async () => (scheduler = await startScheduler(core, slack.delivery, silentLogger, { intervalMs: 3600_000, metrics }));
    return { core, clock, storage, fake, server, command, scrape, startSweeping };
  }

  it("counts turns by kind and outcome, reminders sent by kind, the backlog and HTTP latency by route", async () => {
    const { core, clock, storage, fake, server, command, scrape, startSweeping } = await start();
    await command("4471-JB discussed today with <@U0SAM|sam>. Decision: visit tomorrow.");
    await fake.waitFor("views.open");
    await command("help");
    await command("show nosuchnote");
    expect((await fetch(`${server.url}/cases/4471-JB?who=Sam+Worker`)).status).toBe(404);

    // A notice due ten minutes ago that nothing has sent yet (no scheduler running).
    const due = new Date(clock.now().getTime() - 10 * 60_000);
    await storage.schedule.schedule([{ id: "r1", key: "notice|e1|0|p-sam", kind: "notice", deadlineId: null, aboutId: "p-sam", recipientId: "p-sam", dueAt: due, createdAt: due, message: JSON.stringify(message("Recorded.")) }]);
    let body = await scrape();
    expect(sample(body, "oversight_turns_total", 'kind="decision",outcome="ok"')).toBe(1);
    expect(sample(body, "oversight_turns_total", 'kind="help",outcome="ok"')).toBe(1);
    expect(sample(body, "oversight_turns_total", 'kind="show",outcome="refused"')).toBe(1);
    expect(sample(body, "oversight_reminders_overdue")).toBe(1);
    expect(sample(body, "oversight_sweep_lag_seconds")).toBe(600);
    expect(sample(body, "oversight_reminders_sent_total", 'kind="notice"')).toBe(0);
    expect(sample(body, "oversight_http_request_duration_seconds_count", 'route="/slack/events",method="POST",status="200"')).toBe(3);
    expect(sample(body, "oversight_http_request_duration_seconds_count", 'route="other",method="GET",status="404"')).toBe(1);
    expect(body).toContain("process_resident_memory_bytes");

    // The first sweep starts with the scheduler; this one runs after it.
    await (await startSweeping()).sweepNow();
    expect(fake.callsTo("chat.postMessage")).toHaveLength(1);
    expect((await core.storage.schedule.findReminder("r1"))?.status).toBe("sent");
    body = await scrape();
    expect(sample(body, "oversight_reminders_sent_total", 'kind="notice"')).toBe(1);
    expect(sample(body, "oversight_reminders_failed_total", 'kind="notice"')).toBe(0);
    expect(sample(body, "oversight_reminders_overdue")).toBe(0);
    expect(sample(body, "oversight_sweep_lag_seconds")).toBe(0);
    // The earlier scrape is counted too, under its own route.
    expect(sample(body, "oversight_http_request_duration_seconds_count", 'route="/metrics",method="GET",status="200"')).toBe(1);
  });

  it("never carries case content: no case reference, name, typed word or raw path in any label", async () => {
    const { fake, server, command, scrape } = await start();
    await command("4471-JB discussed today with <@U0SAM|sam> and Priya Worker. Decision: unannounced visit tomorrow.");
    await fake.waitFor("views.open");
    await command("list 4471-JB");
    await command("shwo 4471-JB");
    await fetch(`${server.url}/notes/4471-JB?name=Sam%20Worker`);
    await fetch(`${server.url}/slack/events?case=4471-JB`, { method: "PROPFIND" });
    const body = await scrape();
    for (const content of ["4471", "JB", "Sam", "sam", "Priya", "Worker", "unannounced", "visit", "shwo", "/notes", "PROPFIND", "case="]) {
      expect(body, content).not.toContain(content);
    }
    // What the bot's own metrics carry: fixed words only (Node's process metrics name handle types and versions).
    const own = body.split("\n").filter((line) => line.startsWith("oversight_")).join("\n");
    const labelValues = [...own.matchAll(/="([^"]*)"/g)].map((m) => m[1]!);
    expect(labelValues.length).toBeGreaterThan(10);
    for (const value of labelValues) expect(value).toMatch(/^([a-z][a-z0-9-]*|\/[a-z/]+|[A-Z]+|\d{3}|[+]Inf|[0-9.e+-]+)$/);
    expect(sample(body, "oversight_turns_total", 'kind="list",outcome="ok"')).toBe(1);
    expect(sample(body, "oversight_turns_total", 'kind="decision",outcome="ok"')).toBe(2);
    expect(own).toMatch(/oversight_http_request_duration_seconds_count\{route="\/slack\/events",method="other",status="\d{3}"\} 1/);
  });

  it("keeps each process's registry apart, so several can run in one test process", () => {
    const { clock } = { clock: { now: () => new Date("2026-11-23T15:00:00Z") } };
    const a = new PrometheusMetrics({ backlog: async () => ({ overdue: 0, oldestDueAt: null }), clock, log: silentLogger, processMetrics: false });
    const b = new PrometheusMetrics({ backlog: async () => ({ overdue: 0, oldestDueAt: null }), clock, log: silentLogger, processMetrics: false });
    a.turn("decision", "ok");
    // A kind from outside the fixed set is "other", whatever it says.
    a.turn("4471-JB Sam Worker", "ok");
    return Promise.all([a.scrape(), b.scrape()]).then(([x, y]) => {
      expect(sample(x.body, "oversight_turns_total", 'kind="decision",outcome="ok"')).toBe(1);
      expect(sample(x.body, "oversight_turns_total", 'kind="other",outcome="ok"')).toBe(1);
      expect(x.body).not.toContain("4471");
      expect(sample(y.body, "oversight_turns_total", 'kind="decision",outcome="ok"')).toBeUndefined();
    });
  });
});
