import type http from "node:http";

/** A request body read whole, or why it was not. */
export type BodyRead = { ok: true; body: Buffer } | { ok: false; reason: "too-large" | "aborted" };

/**
 * Reads a request's body, at most `limit` bytes: a declared Content-Length over the limit is
 * refused before anything is read, and a body that grows past it (chunked, or lying about its
 * length) is refused as soon as it does, so a caller cannot make the bot buffer more than the
 * platform itself would ever send.
 */
export async function readBody(req: http.IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return { ok: false, reason: "too-large" };
  return new Promise<BodyRead>((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (result: BodyRead) => {
      req.off("data", onData).off("end", onEnd).off("error", onError).off("aborted", onError);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      chunks.push(chunk);
      if (size <= limit) return;
      // Not read further (and not destroyed: the 413 must still reach the caller).
      req.pause();
      done({ ok: false, reason: "too-large" });
    };
    const onEnd = () => done({ ok: true, body: Buffer.concat(chunks) });
    const onError = () => done({ ok: false, reason: "aborted" });
    req.on("data", onData).on("end", onEnd).on("error", onError).on("aborted", onError);
  });
}

/**
 * Answers 413 for a body over the limit. The connection is closed after it: the rest of the
 * body is not read, and a keep-alive client would otherwise send it as its next request.
 */
export function refuseTooLarge(res: http.ServerResponse): void {
  res.writeHead(413, { "content-type": "application/json", connection: "close" }).end(JSON.stringify({ error: "the body is too large" }));
}
