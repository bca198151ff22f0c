import http from "node:http";

export interface RawResponse {
  status: number;
  text: string;
}

/**
 * A request with exactly the headers given (fetch sets Host itself and may not let a test
 * send a browser's Origin): what a web page, a DNS-rebinding page or a local client sends.
 * The body goes in `chunks` without a Content-Length unless the headers give one; the answer
 * is taken as soon as it comes, so a server that refuses a body before reading it all is seen
 * doing so (whatever is left unsent is dropped).
 */
export function rawRequest(url: string, opts: { method?: string; path: string; headers: Record<string, string>; chunks?: (string | Buffer)[] }): Promise<RawResponse> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: target.hostname, port: target.port, method: opts.method ?? "POST", path: opts.path, headers: opts.headers, setHost: !("host" in opts.headers) }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      res.on("error", reject);
    });
    // The server may close the connection once it has answered: writes after that fail, harmlessly.
    req.on("error", (error) => (req.destroyed && (error as NodeJS.ErrnoException).code === "EPIPE" ? undefined : reject(error)));
    const chunks = opts.chunks ?? [];
    const write = (i: number): void => {
      if (req.destroyed) return;
      if (i >= chunks.length) return void req.end();
      req.write(chunks[i], () => setImmediate(() => write(i + 1)));
    };
    write(0);
  });
}
