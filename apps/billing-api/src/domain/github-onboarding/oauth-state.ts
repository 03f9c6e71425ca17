import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** How long a buyer has between the setup URL and GitHub's callback. */
export const STATE_TTL_MS = 10 * 60 * 1000;

export interface IssuedState {
  /** The `state` parameter for GitHub's authorize URL. */
  state: string;
  /** Goes into an HttpOnly cookie: only the browser that started the flow can finish it. */
  browserSecret: string;
  nonce: string;
  expiresAt: Date;
}

export type StateCheck =
  | { ok: true; nonce: string; expiresAt: Date }
  | { ok: false; reason: "invalid_state" | "expired_state" };

/**
 * The OAuth `state`: `<payload>.<HMAC-SHA256>` where the payload (base64url JSON) holds a random nonce, the
 * SHA-256 of the browser secret kept in a cookie, and the expiry. Being single use is the nonce store's job.
 */
export function issueState(signingKey: Buffer, now: Date): IssuedState {
  const nonce = randomBytes(16).toString("base64url");
  const browserSecret = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + STATE_TTL_MS);
  const payload = Buffer.from(
    JSON.stringify({ n: nonce, b: sha256(browserSecret), e: expiresAt.getTime() }),
  ).toString("base64url");
  return { state: `${payload}.${sign(signingKey, payload)}`, browserSecret, nonce, expiresAt };
}

export function checkState(
  signingKey: Buffer,
  state: string | undefined,
  browserSecret: string | undefined,
  now: Date,
): StateCheck {
  const [payload, signature, extra] = (state ?? "").split(".");
  if (!payload || !signature || extra !== undefined || !equal(signature, sign(signingKey, payload))) {
    return { ok: false, reason: "invalid_state" };
  }
  let claims: { n?: unknown; b?: unknown; e?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "invalid_state" };
  }
  if (typeof claims.n !== "string" || typeof claims.b !== "string" || typeof claims.e !== "number") {
    return { ok: false, reason: "invalid_state" };
  }
  // Another browser (or none: the cookie is gone) must not finish this flow.
  if (browserSecret === undefined || !equal(claims.b, sha256(browserSecret))) {
    return { ok: false, reason: "invalid_state" };
  }
  if (now.getTime() >= claims.e) {
    return { ok: false, reason: "expired_state" };
  }
  return { ok: true, nonce: claims.n, expiresAt: new Date(claims.e) };
}

function sign(key: Buffer, payload: string): string {
  return createHmac("sha256", key).update(payload).digest("base64url");
}

function sha256(value: string): string {
  return createHash("sha256").update(value).digest("base64url");
}

function equal(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
