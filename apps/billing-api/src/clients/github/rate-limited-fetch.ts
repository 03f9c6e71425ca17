import type { Clock } from "../../domain/time/clock.js";

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RateLimitOptions {
  clock: Clock;
  /** Injected so tests do not wait. */
  sleep: Sleep;
  /** Retries after a rate-limited answer before giving up. */
  maxRetries?: number;
  /** A wait longer than this is not worth holding a request or a job for: give up instead. */
  maxWaitMs?: number;
  /** Per attempt. */
  timeoutMs?: number;
}

/**
 * A fetch for openapi-fetch that honours GitHub's rate limits: a 403 or 429 with `Retry-After`, or with
 * `x-ratelimit-remaining: 0` and `x-ratelimit-reset`, waits as told and tries again (bounded). Other
 * answers, including a rate-limited one we gave up on, are returned for the caller to map.
 */
export function rateLimitedFetch(options: RateLimitOptions): (request: Request) => Promise<Response> {
  const maxRetries = options.maxRetries ?? 3;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  const timeoutMs = options.timeoutMs ?? 15_000;
  return async (request) => {
    for (let attempt = 0; ; attempt += 1) {
      const response = await fetch(new Request(request.clone(), { signal: AbortSignal.timeout(timeoutMs) }));
      if (response.status !== 403 && response.status !== 429) {
        return response;
      }
      const wait = rateLimitWaitMs(response.headers, options.clock.now());
      if (wait === null || wait > maxWaitMs || attempt >= maxRetries) {
        return response;
      }
      await response.body?.cancel();
      await options.sleep(wait);
    }
  };
}

/** How long GitHub asks us to wait, or null when the answer is not about rate limits (a plain 403). */
export function rateLimitWaitMs(headers: Headers, now: Date): number | null {
  const retryAfter = headers.get("retry-after");
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) {
      return Math.max(0, seconds * 1000);
    }
    const date = Date.parse(retryAfter);
    return Number.isNaN(date) ? null : Math.max(0, date - now.getTime());
  }
  if (headers.get("x-ratelimit-remaining") === "0") {
    const reset = Number(headers.get("x-ratelimit-reset"));
    if (Number.isFinite(reset) && reset > 0) {
      // One extra second: the reset is whole seconds and GitHub's clock is not ours.
      return Math.max(0, reset * 1000 - now.getTime()) + 1000;
    }
  }
  return null;
}
