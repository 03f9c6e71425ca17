import { describe, expect, it } from "vitest";
import { rateLimitWaitMs } from "./rate-limited-fetch.js";

const now = new Date("2026-03-01T12:00:00Z");

describe("rateLimitWaitMs", () => {
  it("follows Retry-After in seconds or as a date", () => {
    expect(rateLimitWaitMs(new Headers({ "retry-after": "7" }), now)).toBe(7000);
    expect(rateLimitWaitMs(new Headers({ "retry-after": "Sun, 01 Mar 2026 12:00:30 GMT" }), now)).toBe(
      30_000,
    );
  });

  it("waits for x-ratelimit-reset when nothing remains", () => {
    const reset = String(now.getTime() / 1000 + 42);
    expect(
      rateLimitWaitMs(new Headers({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset }), now),
    ).toBe(43_000);
  });

  it("does not treat a plain 403 or remaining quota as a rate limit", () => {
    expect(rateLimitWaitMs(new Headers(), now)).toBeNull();
    expect(
      rateLimitWaitMs(new Headers({ "x-ratelimit-remaining": "12", "x-ratelimit-reset": "1" }), now),
    ).toBeNull();
  });
});
