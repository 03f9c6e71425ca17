/** How long an attempt may take before it counts as failed. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** Retries stop this long after the event was written; the delivery is then `failed`. */
export const RETRY_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;
/** An endpoint with no success for this long is disabled (and reported). */
export const FAILING_ENDPOINT_LIMIT_MS = 5 * 24 * 60 * 60 * 1000;
/** A rotated-out secret keeps signing this long, so receivers can switch without losing deliveries. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 60 * 60 * 1000;

const FIRST_RETRY_MS = 5_000;
const LONGEST_WAIT_MS = 6 * 60 * 60 * 1000;

/**
 * Wait before the next attempt after `failures` failed ones: 5 s doubling up to 6 h, each with "equal
 * jitter" (between half and all of it) so endpoints recovering from an outage are not hit all at once. The
 * first retry therefore comes within 5 s, always inside 10 s. `random` is in [0, 1).
 */
export function retryDelayMs(failures: number, random: number): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const ceiling = Math.min(FIRST_RETRY_MS * 2 ** exponent, LONGEST_WAIT_MS);
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

export type AttemptVerdict =
  | { kind: "succeeded" }
  | { kind: "retry"; at: Date }
  | { kind: "give_up" }
  /** 410 Gone: the receiver says the endpoint no longer exists. */
  | { kind: "endpoint_gone" };

/** What follows an attempt that answered `statusCode` (null: no answer, a timeout or a network error). */
export function judgeAttempt(input: {
  statusCode: number | null;
  failures: number;
  eventWrittenAt: Date;
  now: Date;
  random: number;
}): AttemptVerdict {
  const { statusCode } = input;
  if (statusCode !== null && statusCode >= 200 && statusCode < 300) {
    return { kind: "succeeded" };
  }
  if (statusCode === 410) {
    return { kind: "endpoint_gone" };
  }
  const at = new Date(input.now.getTime() + retryDelayMs(input.failures, input.random));
  if (at.getTime() > input.eventWrittenAt.getTime() + RETRY_WINDOW_MS) {
    return { kind: "give_up" };
  }
  return { kind: "retry", at };
}
