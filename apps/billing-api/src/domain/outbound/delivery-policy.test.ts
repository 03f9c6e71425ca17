import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { judgeAttempt, RETRY_WINDOW_MS, retryDelayMs } from "./delivery-policy.js";

describe("delivery policy", () => {
  it("retries first within 10 s, never waits less after more failures' ceilings, and never more than 6 h", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 0.999_999, noNaN: true }),
        (failures, random) => {
          const delay = retryDelayMs(failures, random);
          expect(delay).toBeGreaterThan(0);
          expect(delay).toBeLessThanOrEqual(6 * 3_600_000);
          if (failures === 1) {
            expect(delay).toBeLessThanOrEqual(10_000);
          }
          // Jitter stays within [half, all] of the ceiling, which only grows.
          expect(retryDelayMs(failures + 1, 0)).toBeGreaterThanOrEqual(retryDelayMs(failures, 0));
        },
      ),
    );
  });

  it("keeps retrying a failing endpoint for 3 days, then gives up; 2xx succeeds and 410 disables", () => {
    const written = new Date("2026-03-01T00:00:00Z");
    let now = written;
    let failures = 0;
    for (;;) {
      failures += 1;
      const verdict = judgeAttempt({ statusCode: 500, failures, eventWrittenAt: written, now, random: 0.5 });
      if (verdict.kind === "give_up") {
        break;
      }
      expect(verdict.kind).toBe("retry");
      if (verdict.kind === "retry") {
        now = verdict.at;
      }
    }
    expect(now.getTime() - written.getTime()).toBeGreaterThan(RETRY_WINDOW_MS - 6 * 3_600_000);
    expect(now.getTime() - written.getTime()).toBeLessThanOrEqual(RETRY_WINDOW_MS);
    expect(failures).toBeGreaterThan(10);
    expect(judgeAttempt({ statusCode: 204, failures: 1, eventWrittenAt: written, now, random: 0 }).kind).toBe(
      "succeeded",
    );
    expect(judgeAttempt({ statusCode: 410, failures: 1, eventWrittenAt: written, now, random: 0 }).kind).toBe(
      "endpoint_gone",
    );
    expect(
      judgeAttempt({ statusCode: null, failures: 1, eventWrittenAt: written, now: written, random: 0 }).kind,
    ).toBe("retry");
  });
});
