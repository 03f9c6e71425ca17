/**
 * Limits password guessing on Evotor's /user/verify. Every attempt counts against the username and the Evotor
 * user id before any password is checked; a success forgets both. Once either has used up its attempts,
 * further ones are refused until its back-off has passed, without asking the vendor's accounts at all.
 */
export interface VerifyThrottle {
  attempt(keys: readonly VerifyThrottleKey[]): Promise<ThrottleVerdict>;
  reset(keys: readonly VerifyThrottleKey[]): Promise<void>;
}

export type VerifyThrottleKey = { kind: "username"; value: string } | { kind: "userId"; value: string };

export type ThrottleVerdict =
  | { allowed: true }
  | { allowed: false; blockedBy: VerifyThrottleKey["kind"]; retryAfterSeconds: number };

/** The keys of one verify: the Evotor user and, when entered, the username (case and spaces ignored). */
export function verifyThrottleKeys(userId: string, username: string | undefined): VerifyThrottleKey[] {
  const keys: VerifyThrottleKey[] = [{ kind: "userId", value: userId }];
  const normalized = username?.trim().toLowerCase();
  if (normalized) {
    keys.push({ kind: "username", value: normalized });
  }
  return keys;
}

/** Too many failed verifies: HTTP 429 in Evotor's format, with when to try again. */
export class EvotorVerifyThrottledError extends Error {
  readonly status = 429;
  readonly code = 1006;
  readonly reason = "too many attempts";
  constructor(
    readonly subject: "username" | "userId",
    readonly retryAfterSeconds: number,
  ) {
    super(`too many failed verifies for this ${subject}; retry after ${retryAfterSeconds} s`);
    this.name = "EvotorVerifyThrottledError";
  }
}
