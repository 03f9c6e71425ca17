import { performance } from "node:perf_hooks";
import type { Request, RequestHandler } from "express";
import type { Metrics } from "../metrics/metrics.js";

/**
 * Times every request into `http_request_duration_seconds`, labelled with the surface that owned it (set by
 * `scoped`), the route template and the status class. Paths no route owns share one `unmatched` label, so
 * scanners probing random URLs cannot grow the series without bound.
 */
export function requestMetrics(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.once("finish", () => {
      metrics.recordRequest(
        {
          surface: typeof res.locals.surface === "string" ? res.locals.surface : "none",
          route: routeTemplate(req),
          method: req.method,
          status: res.statusCode,
        },
        (performance.now() - started) / 1000,
      );
    });
    next();
  };
}

/** The spec's path template when the surface's validator matched one, else Express's route, else `unmatched`. */
function routeTemplate(req: Request): string {
  // express-openapi-validator leaves what it matched on `req.openapi`.
  const documented = (req as Request & { openapi?: { openApiRoute?: string } }).openapi?.openApiRoute;
  if (documented) {
    return documented;
  }
  const route: unknown = req.route;
  if (route && typeof route === "object" && "path" in route && typeof route.path === "string") {
    return `${req.baseUrl}${route.path}`;
  }
  return "unmatched";
}
