import type { RequestHandler, Router } from "express";

/**
 * Enters `router` only for requests under one of `prefixes`, so each surface's parsers, validator and
 * error format apply to its own paths and nobody else's. The surface's name goes to `res.locals.surface`
 * (request metrics); by default the first prefix without its slash.
 */
export function scoped(
  prefixes: readonly string[],
  router: Router,
  surface = prefixes[0]?.replace(/^\//, "") ?? "none",
): RequestHandler {
  return (req, res, next) => {
    const owns = prefixes.some((prefix) => req.path === prefix || req.path.startsWith(`${prefix}/`));
    if (owns) {
      res.locals.surface = surface;
      router(req, res, next);
    } else {
      next();
    }
  };
}
