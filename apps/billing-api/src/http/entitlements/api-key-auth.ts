import { timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";
import { LRUCache } from "lru-cache";
import {
  type ApiKeyScope,
  type ApiKeyStore,
  hashApiKey,
  scopeAllows,
} from "../../domain/entitlements/api-keys.js";
import { problem, sendProblem } from "../problem.js";

declare global {
  namespace Express {
    interface Request {
      /** The scope of the API key that authenticated the request. */
      apiKeyScope?: ApiKeyScope;
    }
  }
}

/** How long a looked-up key is trusted without asking the database again; a revocation takes effect within it. */
const CACHE_TTL_MS = 5_000;

export interface ApiKeyCacheLimits {
  /** Live keys remembered; only keys found in the store get here. */
  known: number;
  /** Unknown or revoked keys remembered, so a flood of guesses does not reach the database each time. */
  unknown: number;
}

const DEFAULT_CACHE_LIMITS: ApiKeyCacheLimits = { known: 10_000, unknown: 1_000 };

/**
 * Bearer API keys: the bootstrap ADMIN_API_KEY (compared in constant time), or a key made by the CLI, looked
 * up by its SHA-256. Missing or unknown: 401; the scope is checked per route by `requireScope`.
 *
 * Hits and misses live in two bounded LRU caches: a caller sending endless made-up keys only churns the
 * misses and never pushes a real key out (which would send every product request back to the database).
 */
export function apiKeyAuthentication(options: {
  adminApiKey: string;
  store: ApiKeyStore;
  now: () => number;
  cacheLimits?: ApiKeyCacheLimits;
}): RequestHandler {
  const admin = Buffer.from(hashApiKey(options.adminApiKey), "hex");
  const limits = options.cacheLimits ?? DEFAULT_CACHE_LIMITS;
  const perf = { now: options.now };
  const known = new LRUCache<string, ApiKeyScope>({
    max: limits.known,
    ttl: CACHE_TTL_MS,
    ttlResolution: 0,
    perf,
  });
  const unknown = new LRUCache<string, true>({
    max: limits.unknown,
    ttl: CACHE_TTL_MS,
    ttlResolution: 0,
    perf,
  });
  const lookUp = async (hash: string): Promise<ApiKeyScope | null> => {
    const cached = known.get(hash);
    if (cached !== undefined) {
      return cached;
    }
    if (unknown.has(hash)) {
      return null;
    }
    const key = await options.store.findByHash(hash);
    if (key && key.revokedAt === null) {
      known.set(hash, key.scope);
      return key.scope;
    }
    unknown.set(hash, true);
    return null;
  };
  return async (req, res, next) => {
    const header = req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) {
      sendProblem(
        res.setHeader("WWW-Authenticate", 'Bearer realm="entitlements"'),
        problem(401, "unauthorized", "Unauthorized", "Send an API key as `Authorization: Bearer <key>`."),
      );
      return;
    }
    const hash = hashApiKey(match[1]);
    const scope = timingSafeEqual(Buffer.from(hash, "hex"), admin) ? "admin" : await lookUp(hash);
    if (scope === null) {
      sendProblem(
        res.setHeader("WWW-Authenticate", 'Bearer realm="entitlements", error="invalid_token"'),
        problem(401, "unauthorized", "Unauthorized", "The API key is unknown or revoked."),
      );
      return;
    }
    req.apiKeyScope = scope;
    next();
  };
}

export function requireScope(needed: ApiKeyScope): RequestHandler {
  return (req, res, next) => {
    if (req.apiKeyScope && scopeAllows(req.apiKeyScope, needed)) {
      next();
      return;
    }
    sendProblem(
      res,
      problem(403, "forbidden", "Forbidden", `This needs an API key with the ${needed} scope.`, {
        requiredScope: needed,
      }),
    );
  };
}
