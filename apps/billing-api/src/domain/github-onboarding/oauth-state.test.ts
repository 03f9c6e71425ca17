import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkState, issueState, STATE_TTL_MS } from "./oauth-state.js";

const key = randomBytes(32);
const now = new Date("2026-03-01T12:00:00Z");

describe("OAuth state", () => {
  it("is accepted from the browser that started the flow, before it expires", () => {
    const issued = issueState(key, now);
    expect(checkState(key, issued.state, issued.browserSecret, new Date(now.getTime() + 1000))).toEqual({
      ok: true,
      nonce: issued.nonce,
      expiresAt: issued.expiresAt,
    });
  });

  it("is refused from another browser, without the cookie, signed with another key or altered", () => {
    const issued = issueState(key, now);
    const other = issueState(key, now);
    expect(checkState(key, issued.state, other.browserSecret, now)).toEqual({
      ok: false,
      reason: "invalid_state",
    });
    expect(checkState(key, issued.state, undefined, now)).toEqual({ ok: false, reason: "invalid_state" });
    expect(checkState(randomBytes(32), issued.state, issued.browserSecret, now).ok).toBe(false);
    const [payload, signature] = issued.state.split(".");
    const altered = Buffer.from(JSON.stringify({ n: "x", b: "y", e: now.getTime() + 1e9 })).toString(
      "base64url",
    );
    expect(checkState(key, `${altered}.${signature}`, issued.browserSecret, now).ok).toBe(false);
    expect(checkState(key, payload, issued.browserSecret, now).ok).toBe(false);
    expect(checkState(key, undefined, issued.browserSecret, now).ok).toBe(false);
  });

  it("expires after its time to live", () => {
    const issued = issueState(key, now);
    expect(
      checkState(key, issued.state, issued.browserSecret, new Date(now.getTime() + STATE_TTL_MS)),
    ).toEqual({
      ok: false,
      reason: "expired_state",
    });
  });
});
