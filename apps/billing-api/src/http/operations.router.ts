import type { Operational } from "@marketplace-billing/contracts";
import { Router } from "express";
import { openApiValidator } from "./openapi-validation.js";
import { problemErrorHandler } from "./problem-error-handler.js";

type Readiness = Operational.components["schemas"]["Readiness"];
type Health = Operational.components["schemas"]["Health"];

export interface ReadinessProbe {
  check(): Promise<Readiness["checks"]>;
}

export const OPERATIONS_PATHS = ["/healthz", "/readyz"] as const;

/** Liveness and readiness (`specs/operational.yaml`). */
export function operationsRouter(deps: { readiness: ReadinessProbe; validateResponses: boolean }): Router {
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

  router.use(problemErrorHandler);
  return router;
}
