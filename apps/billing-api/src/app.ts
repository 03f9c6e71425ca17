import express, { type Express } from "express";
import type { Config } from "./config/config.js";
import type { EventProcessor } from "./domain/events/event-processor.js";
import type { EventLog } from "./domain/events/inbound-event.js";
import type { OnboardingExchange } from "./domain/github-onboarding/exchange-onboarding-code.js";
import type { SubscriptionStore } from "./domain/subscriptions/subscription-store.js";
import type { Clock } from "./domain/time/clock.js";
import { bodyParsers } from "./http/body-parsers.js";
import {
  GITHUB_ONBOARDING_PATHS,
  type GithubOnboardingDeps,
  githubOnboardingRouter,
} from "./http/github/github-onboarding.router.js";
import { GITHUB_WEBHOOK_PATHS, githubWebhookRouter } from "./http/github/github-webhook.router.js";
import { OPERATIONS_PATHS, operationsRouter, type ReadinessProbe } from "./http/operations.router.js";
import { problem, sendProblem } from "./http/problem.js";
import { problemErrorHandler } from "./http/problem-error-handler.js";
import { requestLogging } from "./http/request-logging.js";
import { scoped } from "./http/scoped.js";
import type { GithubReconciliationResult } from "./jobs/github-reconciliation-job.js";
import type { Logger } from "./logger.js";
import type { Metrics } from "./metrics/metrics.js";

/** Everything the HTTP layer needs; built by composeApp (composition.ts) or by a test. */
export interface AppDeps {
  logger: Logger;
  clock: Clock;
  readiness: ReadinessProbe;
  /** Validate responses against the specs (development and tests). */
  validateResponses: boolean;
  secrets: Config["secrets"];
  eventLog: EventLog;
  /** Applies stored events; webhook handlers call it right after the append commits. */
  processor: EventProcessor;
  subscriptions: SubscriptionStore;
  metrics: Metrics;
  githubOnboarding: Omit<GithubOnboardingDeps, "validateResponses">;
  /** One GitHub reconciliation pass (CLI, the service's schedule, tests). */
  reconcileGithub: () => Promise<GithubReconciliationResult>;
  /** Trades an onboarding code for the GitHub user and its accounts; the entitlements API exposes it. */
  exchangeOnboardingCode: (code: string) => Promise<OnboardingExchange>;
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
    metrics: deps.metrics,
  });
  app.use(scoped(OPERATIONS_PATHS, operations));
  const github = githubWebhookRouter({
    secrets: deps.secrets.githubWebhookSecrets,
    eventLog: deps.eventLog,
    processor: deps.processor,
    clock: deps.clock,
    validateResponses: deps.validateResponses,
  });
  app.use(scoped(GITHUB_WEBHOOK_PATHS, github));
  const onboarding = githubOnboardingRouter({
    ...deps.githubOnboarding,
    validateResponses: deps.validateResponses,
  });
  app.use(scoped(GITHUB_ONBOARDING_PATHS, onboarding));

  // Anything no surface owns: parse (so oversized or malformed bodies still get their status) and 404.
  app.use(bodyParsers());
  app.use((req, res) => {
    sendProblem(res, problem(404, "not-found", "Not Found", `No route for ${req.method} ${req.path}.`));
  });
  app.use(problemErrorHandler);
  return app;
}
