import http from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { silentLogger } from "../../src/logger.ts";
import type { StorageReadiness } from "../../src/ports/storage.ts";
import { startScheduler } from "../../src/scheduler/scheduler.ts";
import { startHttpServer, type HttpServer } from "../../src/server/http.ts";
import { checkReadiness, type SchedulerState } from "../../src/server/readiness.ts";
import { testCore } from "../support/core.ts";
import { RecordingDelivery } from "../support/recording-delivery.ts";

// Issue 15 item 5: /readyz says whether this process should get traffic: database reachable,
// migrations current, scheduler alive (or off here), not shutting down. /healthz stays liveness.

const current: StorageReadiness = { reachable: true, migrations: { shipped: ["20261101_init", "20261120_groups"], applied: ["20261101_init", "20261120_groups"], current: true } };
const alive: SchedulerState = { state: "running", liveness: () => ({ alive: true, lastSweepAgoMs: 1234 }) };

const check = (storage: Promise<StorageReadiness> | StorageReadiness, scheduler: SchedulerState = alive, shuttingDown = false) =>
  checkReadiness({ storage: { readiness: async () => storage }, scheduler: () => scheduler, shuttingDown: () => shuttingDown, timeoutMs: 200 });

describe("readiness", () => {
  it("is ready with the database reachable, every shipped migration applied and the scheduler alive", async () => {
    expect(await check(current)).toEqual({
      ready: true,
      database: "reachable",
      migrations: { current: true, shipped: 2, applied: 2, missing: [] },
      scheduler: { state: "alive", lastSweepSecondsAgo: 1.2 },
    });
  });

  it("is ready with the scheduler off here (SCHEDULER=off, or no platform to deliver to)", async () => {
    expect(await check(current, { state: "off", reason: "SCHEDULER=off" })).toMatchObject({ ready: true, scheduler: { state: "off", reason: "SCHEDULER=off" } });
    expect(await check(current, { state: "off", reason: "no-delivery-platform" })).toMatchObject({ ready: true });
  });

  it.each([
    ["the database is unreachable", check({ reachable: false, migrations: { shipped: ["a"], applied: [], current: false } }), { database: "unreachable", migrations: null }, ["database unreachable"]],
    ["the database does not answer in time", check(new Promise<StorageReadiness>(() => {})), { database: "unreachable" }, ["database did not answer in time"]],
    ["the database check throws", check(Promise.reject(new Error("boom"))), { database: "unreachable" }, ["database did not answer in time"]],
    ["a shipped migration is not applied", check({ reachable: true, migrations: { shipped: ["a", "b"], applied: ["a"], current: false } }), { migrations: { current: false, shipped: 2, applied: 1, missing: ["b"] } }, ["migrations not applied: b"]],
    ["the scheduler has stopped sweeping", check(current, { state: "running", liveness: () => ({ alive: false, lastSweepAgoMs: 125_000 }) }), { scheduler: { state: "stuck", lastSweepSecondsAgo: 125 } }, ["scheduler has not swept for 125 s"]],
    ["the scheduler is still starting", check(current, { state: "starting" }), { scheduler: { state: "starting" } }, ["scheduler starting"]],
    ["the process is shutting down", check(current, alive, true), {}, ["shutting down"]],
  ])("is not ready when %s, and says why", async (_, report, fields, problems) => {
    expect(await report).toMatchObject({ ready: false, ...fields, problems });
  });

  it("counts a database migrated further by a newer build as current (a rolling deploy)", async () => {
    expect(await check({ reachable: true, migrations: { shipped: ["a"], applied: ["a", "b"], current: true } })).toMatchObject({ ready: true, migrations: { missing: [] } });
  });
});

describe("/readyz and /healthz over HTTP", () => {
  let server: HttpServer | undefined;
  afterEach(() => server?.close());

  it("answers 200 with the report when ready, 503 with what is wrong when not; /healthz is unchanged", async () => {
    let storage = current;
    server = await startHttpServer({
      host: "127.0.0.1",
      port: 0,
      routes: {},
      health: async () => true,
      ready: () => check(storage),
      log: silentLogger,
    });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, database: "reachable" });
    storage = { reachable: false, migrations: { shipped: [], applied: [], current: false } };
    const unready = await fetch(`${server.url}/readyz`);
    expect(unready.status).toBe(503);
    expect(unready.headers.get("content-type")).toBe("application/json");
    expect(await unready.json()).toMatchObject({ ready: false, problems: ["database unreachable"] });
    const health = await fetch(`${server.url}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: "ok" }]);
  });

  it("on close, lets a request in flight finish and takes no new connections", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    server = await startHttpServer({
      host: "127.0.0.1",
      port: 0,
      routes: {
        "/slow": async (_req, res) => {
          entered();
          await held;
          res.writeHead(200, { "content-type": "text/plain" }).end("done");
        },
      },
      health: async () => true,
      log: silentLogger,
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
    const get = (path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        http.get(`${server!.url}${path}`, { agent }, (res) => {
          let body = "";
          res.on("data", (c) => (body += c));
          res.on("end", () => resolve({ status: res.statusCode!, body }));
        }).on("error", reject);
      });
    // A second connection, open and idle before closing begins.
    expect((await get("/healthz")).status).toBe(200);
    const slow = get("/slow");
    await inside;
    let closed = false;
    const closing = server.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(false);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    release();
    expect(await slow).toEqual({ status: 200, body: "done" });
    await closing;
    agent.destroy();
  });
});

describe("the scheduler's liveness", () => {
  afterEach(() => vi.restoreAllMocks());

  it("is alive once started, and stuck when nothing has swept for three intervals (30 s at least)", async () => {
    const { core } = await testCore();
    const scheduler = await startScheduler(core, new RecordingDelivery(), silentLogger, { intervalMs: 20_000 });
    try {
      await scheduler.sweepNow();
      expect(scheduler.liveness()).toMatchObject({ alive: true });
      const now = performance.now();
      vi.spyOn(performance, "now").mockReturnValue(now + 59_000);
      expect(scheduler.liveness().alive).toBe(true);
      vi.spyOn(performance, "now").mockReturnValue(now + 61_000);
      expect(scheduler.liveness()).toMatchObject({ alive: false, lastSweepAgoMs: expect.any(Number) });
      vi.restoreAllMocks();
      await scheduler.sweepNow();
      expect(scheduler.liveness().alive).toBe(true);
    } finally {
      await scheduler.stop();
    }
  });
});
