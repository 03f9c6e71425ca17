import type { RequestHandler, Router } from "express";

/**
 * Enters `router` only for requests under one of `prefixes`, so each surface's parsers, validator and
 * error format apply to its own paths and nobody else's.
 */
export function scoped(prefixes: readonly string[], router: Router): RequestHandler {
  return (req, res, next) => {
    const owns = prefixes.some((prefix) => req.path === prefix || req.path.startsWith(`${prefix}/`));
    if (owns) {
      router(req, res, next);
    } else {
      next();
    }
  };
}
