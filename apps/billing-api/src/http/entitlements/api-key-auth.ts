import { timingSafeEqual } from "node:crypto";
import type { Request, RequestHandler } from "express";
import { LRUCache } from "lru-cache";
import {
  type ApiKeyScope,
  type ApiKeyStore,
  hashApiKey,
  scopesAllow,
} from "../../domain/entitlements/api-keys.js";
import type { Marketplace } from "../../domain/events/inbound-event.js";
import { problem, sendProblem } from "../problem.js";

declare global {
  namespace Express {
    interface Request {
      /** The scopes of the API key that authenticated the request. */
      apiKeyScopes?: readonly ApiKeyScope[];
      /** The one marketplace that key may act on; null: every marketplace. */
      apiKeyMarketplace?: Marketplace | null;
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

/** What a key may do: its scopes, and the one marketplace it is restricted to (null: all). */
interface Grant {
  scopes: readonly ApiKeyScope[];
  marketplace: Marketplace | null;
}

const BOOTSTRAP_GRANT: Grant = { scopes: ["admin"], marketplace: null };

const DEFAULT_CACHE_LIMITS: ApiKeyCacheLimits = { known: 10_000, unknown: 1_000 };

/**
 * Bearer API keys: the bootstrap ADMIN_API_KEY (compared in constant time), or a key made by the CLI, looked
 * up by its SHA-256. Missing or unknown: 401; the scopes are checked per route by `requireScope`.
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
  const known = new LRUCache<string, Grant>({
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
  const lookUp = async (hash: string): Promise<Grant | null> => {
    const cached = known.get(hash);
    if (cached !== undefined) {
      return cached;
    }
    if (unknown.has(hash)) {
      return null;
    }
    const key = await options.store.findByHash(hash);
    if (key && key.revokedAt === null) {
      const grant = { scopes: key.scopes, marketplace: key.marketplace ?? null };
      known.set(hash, grant);
      return grant;
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
    const grant = timingSafeEqual(Buffer.from(hash, "hex"), admin) ? BOOTSTRAP_GRANT : await lookUp(hash);
    if (grant === null) {
      sendProblem(
        res.setHeader("WWW-Authenticate", 'Bearer realm="entitlements", error="invalid_token"'),
        problem(401, "unauthorized", "Unauthorized", "The API key is unknown or revoked."),
      );
      return;
    }
    req.apiKeyScopes = grant.scopes;
    req.apiKeyMarketplace = grant.marketplace;
    next();
  };
}

export function requireScope(needed: ApiKeyScope): RequestHandler {
  return (req, res, next) => {
    if (req.apiKeyScopes && scopesAllow(req.apiKeyScopes, needed)) {
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

/**
 * For a key restricted to one marketplace: the marketplace the request names (a path parameter, the query
 * filter or the body, as `named` reads it) must be that one. A request that names none (a customer spanning
 * marketplaces, a list without its filter) is refused too, so a restricted key never sees another
 * marketplace's accounts. Keys without a restriction pass.
 */
export function requireMarketplace(named: (req: Request) => unknown): RequestHandler {
  return (req, res, next) => {
    const allowed = req.apiKeyMarketplace ?? null;
    if (allowed === null || named(req) === allowed) {
      next();
      return;
    }
    sendProblem(
      res,
      problem(
        403,
        "forbidden",
        "Forbidden",
        `This API key is restricted to the ${allowed} marketplace; name it in the request (path, \`marketplace\` filter or body).`,
        { allowedMarketplace: allowed },
      ),
    );
  };
}

/** `requireScope(needed)`, then `requireMarketplace(named)`, as one handler. */
export function requireKey(needed: ApiKeyScope, named: (req: Request) => unknown): RequestHandler {
  const scope = requireScope(needed);
  const marketplace = requireMarketplace(named);
  return (req, res, next) => {
    scope(req, res, (error?: unknown) => (error === undefined ? marketplace(req, res, next) : next(error)));
  };
}
