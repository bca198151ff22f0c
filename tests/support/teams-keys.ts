import { createSign, generateKeyPairSync } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for the Bot Framework's token signing keys (its OpenID metadata and JWKS) on
 * 127.0.0.1, and tokens signed as the channel signs them, or with a key it does not publish.
 */
export async function signingKeys(appId: string) {
  const published = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const unpublished = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = "test-key-1";
  const server = http.createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.writeHead(200, { "content-type": "application/json" });
    if (req.url === "/metadata") res.end(JSON.stringify({ issuer: "https://api.botframework.com", jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ["RS256"] }));
    else res.end(JSON.stringify({ keys: [{ ...published.publicKey.export({ format: "jwk" }), kid, use: "sig", endorsements: ["msteams"] }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const token = (claims: Record<string, unknown>, key = published.privateKey) => {
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${b64({ alg: "RS256", typ: "JWT", kid })}.${b64({ iss: "https://api.botframework.com", aud: appId, nbf: now - 60, exp: now + 3600, ...claims })}`;
    return `${unsigned}.${createSign("RSA-SHA256").update(unsigned).sign(key).toString("base64url")}`;
  };
  return {
    metadataUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/metadata`,
    token,
    forged: (claims: Record<string, unknown>) => token(claims, unpublished.privateKey),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
