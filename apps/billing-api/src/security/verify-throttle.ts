import { createHash } from "node:crypto";
import type { Pool, QueryResult } from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import type { DataSource } from "typeorm";
import type { ThrottleVerdict, VerifyThrottle, VerifyThrottleKey } from "../domain/evotor/verify-throttle.js";

export interface VerifyThrottleLimits {
  /** Attempts not followed by a success that a username or an Evotor user may make (EVOTOR_VERIFY_MAX_FAILURES). */
  maxFailures: number;
  /** How long failures count, and how long a key is refused once it has used them up (EVOTOR_VERIFY_BACKOFF_SECONDS). */
  backoffSeconds: number;
}

export const DEFAULT_VERIFY_THROTTLE_LIMITS: VerifyThrottleLimits = { maxFailures: 5, backoffSeconds: 900 };

/**
 * VerifyThrottle on `rate-limiter-flexible`: each attempt consumes a point per key up front (so concurrent
 * guesses cannot all slip past a check made before any failure is recorded), a success deletes the keys, and
 * the attempt after the last point blocks the key for the back-off. Keys are SHA-256 digests, so usernames
 * are never stored. The store is always the `evotor_verify_throttle` table: shared by every replica, and it
 * works the same on the embedded PGlite (through pglite-socket, with unnamed statements, see below), so no
 * in-memory fallback is needed.
 */
export class RateLimiterVerifyThrottle implements VerifyThrottle {
  private readonly limiter: RateLimiterPostgres;

  constructor(limits: VerifyThrottleLimits, dataSource: DataSource) {
    this.limiter = new RateLimiterPostgres({
      keyPrefix: "evotor-verify",
      points: limits.maxFailures,
      duration: limits.backoffSeconds,
      blockDuration: limits.backoffSeconds,
      storeClient: unnamedStatements(dataSource),
      storeType: "pool",
      tableName: "evotor_verify_throttle",
      // Made by a migration (EvotorVerifyThrottle); the library must not create tables at run time.
      tableCreated: true,
      // Every 5 minutes, rows lapsed over an hour ago go: guessed usernames cannot grow the table for ever.
      clearExpiredByTimeout: true,
    });
  }

  async attempt(keys: readonly VerifyThrottleKey[]): Promise<ThrottleVerdict> {
    let refused: ThrottleVerdict = { allowed: true };
    for (const key of keys) {
      try {
        await this.limiter.consume(storeKey(key));
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) {
          throw error;
        }
        const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        if (refused.allowed || retryAfterSeconds > refused.retryAfterSeconds) {
          refused = { allowed: false, blockedBy: key.kind, retryAfterSeconds };
        }
      }
    }
    return refused;
  }

  async reset(keys: readonly VerifyThrottleKey[]): Promise<void> {
    for (const key of keys) {
      await this.limiter.delete(storeKey(key));
    }
  }
}

/**
 * The DataSource's pg pool, minus the names the library gives its prepared statements: the embedded PGlite
 * serves every connection from one session, so a statement named on one connection collides with the same
 * name prepared on another ("prepared statement … already exists"). Unnamed statements work on both
 * databases; the parse they cost is nothing next to a password check.
 */
function unnamedStatements(dataSource: DataSource) {
  return {
    query(statement: { text: string; values?: unknown[] }): Promise<QueryResult> {
      const pool = (dataSource.driver as unknown as { master: Pool }).master;
      return pool.query({ text: statement.text, values: statement.values ?? [] });
    },
  };
}

function storeKey(key: VerifyThrottleKey): string {
  return `${key.kind}:${createHash("sha256").update(key.value).digest("hex")}`;
}
