import { timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";
import {
  type ApiKeyScope,
  type ApiKeyStore,
  hashApiKey,
  scopesAllow,
} from "../../domain/entitlements/api-keys.js";
import { problem, sendProblem } from "../problem.js";

declare global {
  namespace Express {
    interface Request {
      /** The scopes of the API key that authenticated the request. */
      apiKeyScopes?: readonly ApiKeyScope[];
    }
  }
}

/** How long a verified key is trusted without asking the database again; a revocation takes effect within it. */
const CACHE_TTL_MS = 5_000;

const ADMIN: readonly ApiKeyScope[] = ["admin"];

/**
 * Bearer API keys: the bootstrap ADMIN_API_KEY (compared in constant time), or a key made by the CLI, looked
 * up by its SHA-256. Missing or unknown: 401; the scopes are checked per route by `requireScope`.
 */
export function apiKeyAuthentication(options: {
  adminApiKey: string;
  store: ApiKeyStore;
  now: () => number;
}): RequestHandler {
  const admin = Buffer.from(hashApiKey(options.adminApiKey), "hex");
  const cache = new Map<string, { scopes: readonly ApiKeyScope[] | null; expiresAt: number }>();
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
    let scopes: readonly ApiKeyScope[] | null;
    if (timingSafeEqual(Buffer.from(hash, "hex"), admin)) {
      scopes = ADMIN;
    } else {
      const cached = cache.get(hash);
      if (cached && cached.expiresAt > options.now()) {
        scopes = cached.scopes;
      } else {
        const key = await options.store.findByHash(hash);
        scopes = key && key.revokedAt === null ? key.scopes : null;
        if (cache.size > 10_000) {
          cache.clear();
        }
        cache.set(hash, { scopes, expiresAt: options.now() + CACHE_TTL_MS });
      }
    }
    if (scopes === null) {
      sendProblem(
        res.setHeader("WWW-Authenticate", 'Bearer realm="entitlements", error="invalid_token"'),
        problem(401, "unauthorized", "Unauthorized", "The API key is unknown or revoked."),
      );
      return;
    }
    req.apiKeyScopes = scopes;
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
      problem(403, "forbidden", "Forbidden", `This needs an API key with the ${needed} scope.`),
    );
  };
}
