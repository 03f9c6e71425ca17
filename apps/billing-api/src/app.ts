import express, { type Express } from "express";
import { bodyParsers } from "./http/body-parsers.js";
import { OPERATIONS_PATHS, operationsRouter, type ReadinessProbe } from "./http/operations.router.js";
import { problem, sendProblem } from "./http/problem.js";
import { problemErrorHandler } from "./http/problem-error-handler.js";
import { requestLogging } from "./http/request-logging.js";
import { scoped } from "./http/scoped.js";
import type { Logger } from "./logger.js";

export interface AppDeps {
  logger: Logger;
  readiness: ReadinessProbe;
  /** Validate responses against the specs (development and tests). */
  validateResponses: boolean;
}

/**
 * Builds the Express application from its dependencies. No I/O happens here or at import time: the
 * server entry (server.ts) and the tests decide what the dependencies are.
 */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", false);
  app.use(requestLogging(deps.logger));

  const operations = operationsRouter({
    readiness: deps.readiness,
    validateResponses: deps.validateResponses,
  });
  app.use(scoped(OPERATIONS_PATHS, operations));

  // Anything no surface owns: parse (so oversized or malformed bodies still get their status) and 404.
  app.use(bodyParsers());
  app.use((req, res) => {
    sendProblem(res, problem(404, "not-found", "Not Found", `No route for ${req.method} ${req.path}.`));
  });
  app.use(problemErrorHandler);
  return app;
}
