import { createHmac, timingSafeEqual } from "node:crypto";

const PREFIX = "sha256=";

/** `sha256=<hex>` for a body, as GitHub computes it. */
export function signBody(secret: string, body: Uint8Array | string): string {
  return `${PREFIX}${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/**
 * True when `header` is the HMAC-SHA256 of `body` under any of `secrets` (several are accepted during a
 * rotation). Every secret is checked with a constant-time compare, so timing says nothing about which matched.
 */
export function verifySignature(
  secrets: readonly string[],
  body: Uint8Array,
  header: string | undefined,
): boolean {
  if (typeof header !== "string" || !header.startsWith(PREFIX)) {
    return false;
  }
  const received = Buffer.from(header.slice(PREFIX.length), "hex");
  if (received.length !== 32) {
    return false;
  }
  let matched = false;
  for (const secret of secrets) {
    const expected = createHmac("sha256", secret).update(body).digest();
    matched = timingSafeEqual(expected, received) || matched;
  }
  return matched;
}
