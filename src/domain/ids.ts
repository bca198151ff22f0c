import { randomBytes } from "node:crypto";

const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** A short random id people can read out and type ("k7m2q9x"): 31^8 ≈ 8.5e11 values. */
export function shortId(length = 8): string {
  const bytes = randomBytes(length);
  let id = "";
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}
