import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../logger.ts";
import type { ReadinessReport } from "./readiness.ts";

/** A route adapters add to the one HTTP server (Slack events, Teams messages, …). */
export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;

export interface HttpServer {
  url: string;
  port: number;
  /**
   * Stops taking requests: no new connections, and a request arriving on one already open is
   * answered 503. Resolves once the requests in flight have been answered and their
   * connections closed.
   */
  close(): Promise<void>;
  /** Ends every connection now, answered or not: for a shutdown whose time is up. */
  closeConnections(): void;
}

/** What the server counts of each request, by route (a registered path, or "other"). */
export interface RequestObserver {
  httpRequest(route: string, method: string, status: number, seconds: number): void;
}

export interface HttpServerOptions {
  host: string;
  port: number;
  routes: Record<string, Route>;
  /** Liveness: the storage answers. */
  health: () => Promise<boolean>;
  /** Readiness (/readyz), when the process reports it. */
  ready?: () => Promise<ReadinessReport>;
  /** The Prometheus exposition (/metrics) and the request histogram, when the process keeps metrics. */
  metrics?: RequestObserver & { scrape(): Promise<{ contentType: string; body: string }> };
  log: Logger;
}

/**
 * The bot's one HTTP server: `/healthz` (alive: storage checked), `/readyz` and `/metrics` when
 * given, plus the routes adapters add. Unknown paths get 404; a route that throws gets 500 with
 * no detail. Every request is timed under its route's path, unknown ones as "other": never a
 * raw path or query.
 */
export async function startHttpServer(opts: HttpServerOptions): Promise<HttpServer> {
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const routes: Record<string, Route> = {
    "/healthz": async (_req, res) => {
      const healthy = await opts.health().catch(() => false);
      json(res, healthy ? 200 : 503, { status: healthy ? "ok" : "unavailable" });
    },
    ...(opts.ready && {
      "/readyz": async (_req, res) => {
        const report = await opts.ready!();
        json(res, report.ready ? 200 : 503, report);
      },
    }),
    ...(opts.metrics && {
      "/metrics": async (_req, res) => {
        const { contentType, body } = await opts.metrics!.scrape();
        res.writeHead(200, { "content-type": contentType }).end(body);
      },
    }),
    ...opts.routes,
  };
  let closing = false;
  const server = http.createServer(async (req, res) => {
    const started = performance.now();
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const route = Object.hasOwn(routes, path) ? routes[path] : undefined;
    res.once("finish", () => {
      opts.metrics?.httpRequest(route ? path : "other", req.method ?? "GET", res.statusCode, (performance.now() - started) / 1000);
      // Shutting down: a keep-alive connection whose last request is now answered is closed.
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
    if (closing) {
      // Shutting down: this connection was open before; the client should go elsewhere.
      res.writeHead(503, { "content-type": "application/json", connection: "close" }).end(JSON.stringify({ error: "shutting down" }));
      return;
    }
    if (!route) {
      json(res, 404, { error: "not found" });
      return;
    }
    try {
      await route(req, res);
    } catch (error) {
      opts.log.error("http.failed", { path, type: (error as Error)?.name ?? "unknown" });
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "internal error" }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | null = null;
  return {
    port,
    url: `http://${opts.host.includes(":") ? `[${opts.host}]` : opts.host}:${port}`,
    close: () => {
      closing = true;
      // Idle keep-alive connections are closed at once; busy ones once their response is sent.
      closed ??= new Promise((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      return closed;
    },
    closeConnections: () => server.closeAllConnections(),
  };
}
