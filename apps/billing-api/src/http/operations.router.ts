import type { Operational } from "@marketplace-billing/contracts";
import { type RequestHandler, Router } from "express";
import { apiReference } from "./api-reference.js";
import { secretsEqual } from "./constant-time.js";
import { openApiValidator } from "./openapi-validation.js";
import { problem, sendProblem } from "./problem.js";
import { problemErrorHandler } from "./problem-error-handler.js";

type Readiness = Operational.components["schemas"]["Readiness"];
type Health = Operational.components["schemas"]["Health"];

export interface ReadinessProbe {
  check(): Promise<Readiness["checks"]>;
}

export const OPERATIONS_PATHS = ["/healthz", "/readyz", "/metrics", "/docs"] as const;

/** Prometheus exposition (metrics/metrics.ts). */
export interface MetricsSource {
  contentType: string;
  render(): Promise<string>;
}

/** Liveness, readiness, metrics and the API reference (`specs/operational.yaml`). */
export function operationsRouter(deps: {
  readiness: ReadinessProbe;
  validateResponses: boolean;
  metrics?: MetricsSource;
  /** Set: `/metrics` needs it as a bearer token. */
  metricsToken?: string | undefined;
}): Router {
  const router = Router();
  router.use(openApiValidator("operational", { validateResponses: deps.validateResponses }));

  router.get("/healthz", (_req, res) => {
    const body: Health = { status: "ok" };
    res.json(body);
  });

  router.get("/readyz", async (_req, res) => {
    const checks = await deps.readiness.check();
    const ready = checks.database.ok && checks.migrations.ok;
    const body: Readiness = { status: ready ? "ready" : "unavailable", checks };
    res.status(ready ? 200 : 503).json(body);
  });

  router.get("/metrics", requireMetricsToken(deps.metricsToken), async (_req, res) => {
    const metrics = deps.metrics;
    res.type(metrics?.contentType ?? "text/plain").send(metrics ? await metrics.render() : "");
  });

  const reference = apiReference();
  router.get("/docs", reference);
  router.get("/docs/:surface", reference);

  router.use(problemErrorHandler);
  return router;
}

/** Without a configured token anyone may scrape (the default); with one, only who sends it (constant time). */
function requireMetricsToken(token: string | undefined): RequestHandler {
  return (req, res, next) => {
    if (token === undefined) {
      next();
      return;
    }
    const header = req.header("authorization") ?? "";
    const given = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    if (given !== undefined && secretsEqual(given, token)) {
      next();
      return;
    }
    res.setHeader("WWW-Authenticate", 'Bearer realm="metrics"');
    sendProblem(
      res,
      problem(401, "unauthorized", "Unauthorized", "Send METRICS_TOKEN as `Authorization: Bearer <token>`."),
    );
  };
}
