import type { Operational } from "@marketplace-billing/contracts";
import { Router } from "express";
import { openApiValidator } from "./openapi-validation.js";
import { problemErrorHandler } from "./problem-error-handler.js";

type Readiness = Operational.components["schemas"]["Readiness"];
type Health = Operational.components["schemas"]["Health"];

export interface ReadinessProbe {
  check(): Promise<Readiness["checks"]>;
}

export const OPERATIONS_PATHS = ["/healthz", "/readyz", "/metrics"] as const;

/** Prometheus exposition (metrics/metrics.ts). */
export interface MetricsSource {
  contentType: string;
  render(): Promise<string>;
}

/** Liveness, readiness and metrics (`specs/operational.yaml`). */
export function operationsRouter(deps: {
  readiness: ReadinessProbe;
  validateResponses: boolean;
  metrics?: MetricsSource;
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

  router.get("/metrics", async (_req, res) => {
    const metrics = deps.metrics;
    res.type(metrics?.contentType ?? "text/plain").send(metrics ? await metrics.render() : "");
  });

  router.use(problemErrorHandler);
  return router;
}
