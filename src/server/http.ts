import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../logger.ts";

/** A route adapters add to the one HTTP server (Slack events, Teams messages, …). */
export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;

export interface HttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The bot's one HTTP server: `/healthz` (storage checked) plus the routes adapters add.
 * Unknown paths get 404; a route that throws gets 500 with no detail.
 */
export async function startHttpServer(opts: { host: string; port: number; routes: Record<string, Route>; health: () => Promise<boolean>; log: Logger }): Promise<HttpServer> {
  const routes: Record<string, Route> = {
    "/healthz": async (_req, res) => {
      const healthy = await opts.health().catch(() => false);
      res.writeHead(healthy ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: healthy ? "ok" : "unavailable" }));
    },
    ...opts.routes,
  };
  const server = http.createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const route = routes[path];
    if (!route) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "not found" }));
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
  return {
    port,
    url: `http://${opts.host.includes(":") ? `[${opts.host}]` : opts.host}:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
