import express, { type Express } from "express";
import helmet from "helmet";
import type { Config } from "./config/config.js";
import type { ApiKeyStore } from "./domain/entitlements/api-keys.js";
import type { CustomerStore } from "./domain/entitlements/customers.js";
import type { EntitlementService } from "./domain/entitlements/entitlement-service.js";
import type { SeatStore } from "./domain/entitlements/seats.js";
import type { AccountRef, Redaction } from "./domain/erasure/erasure-store.js";
import type { EventProcessor } from "./domain/events/event-processor.js";
import type { EventLog, InboundEventDraft } from "./domain/events/inbound-event.js";
import type { Receipt, ReceiveMode } from "./domain/events/receive-event.js";
import type { EvotorAccountService } from "./domain/evotor/evotor-accounts.js";
import type { ReconcileOptions } from "./domain/github/reconcile-github.js";
import type { OnboardingExchange } from "./domain/github-onboarding/exchange-onboarding-code.js";
import type { MembersOutcome } from "./domain/github-onboarding/organization-members.js";
import type { GrantService } from "./domain/grants/grant-service.js";
import type { DispatchDeps } from "./domain/outbound/dispatch.js";
import type { WebhookEndpointService } from "./domain/outbound/webhook-endpoints.js";
import type { PlanDirectory } from "./domain/plans/plan.js";
import type { ReconciliationRunLog } from "./domain/reconciliation/reconciliation-runs.js";
import type { SubscriptionStore } from "./domain/subscriptions/subscription-store.js";
import type { Clock } from "./domain/time/clock.js";
import type { VendorAccountDirectory } from "./domain/vendor-accounts/vendor-account-directory.js";
import { bodyParsers } from "./http/body-parsers.js";
import { CONSOLE_PATHS, consoleRouter } from "./http/console/console.router.js";
import { ENTITLEMENTS_PATHS, entitlementsRouter } from "./http/entitlements/entitlements.router.js";
import { EVOTOR_PATHS, evotorRouter } from "./http/evotor/evotor.router.js";
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
import { requestMetrics } from "./http/request-metrics.js";
import { scoped } from "./http/scoped.js";
import {
  VENDOR_ACCOUNTS_PATHS,
  vendorAccountsRouter,
} from "./http/vendor-accounts/vendor-accounts.router.js";
import { WEBHOOK_ENDPOINTS_PATHS, webhookEndpointsRouter } from "./http/webhooks/webhook-endpoints.router.js";
import type { WakeSignal } from "./jobs/apply-workers.js";
import type { GithubReconciliationResult } from "./jobs/github-reconciliation-job.js";
import type { Logger } from "./logger.js";
import type { Metrics } from "./metrics/metrics.js";
import type { AnnouncementSweep } from "./persistence/outbox/announcement-sweep.js";

/** Everything the HTTP layer needs; built by composeApp (composition.ts) or by a test. */
export interface AppDeps {
  logger: Logger;
  clock: Clock;
  readiness: ReadinessProbe;
  /** Validate responses against the specs (development and tests). */
  validateResponses: boolean;
  secrets: Config["secrets"];
  eventLog: EventLog;
  ingest: Ingest;
  subscriptions: SubscriptionStore;
  entitlements: EntitlementService;
  /** The vendor's grants of features, seats and trial days (events in the log). */
  grants: GrantService;
  seats: SeatStore;
  customers: CustomerStore;
  plans: PlanDirectory;
  apiKeys: ApiKeyStore;
  /** Admin use cases for the vendor's webhook endpoints. */
  webhookEndpoints: WebhookEndpointService;
  /** Outbound events: the announcement sweep, the dispatcher's dependencies, and commit notifications. */
  outbound: {
    sweep: AnnouncementSweep;
    dispatch: DispatchDeps;
    /** Registers a listener called after a commit that wrote events; returns its removal. */
    onWritten(listener: () => void): () => void;
  };
  /** Recorded reconciliation passes, listed for the operator. */
  reconciliationRuns: ReconciliationRunLog;
  /** Evotor adapter: account use cases and the optional Basic credentials of its webhooks. */
  evotor: {
    accounts: EvotorAccountService;
    basicCredentials: Config["evotor"]["basicCredentials"];
  };
  /** The built-in vendor account directory (Evotor /user/verify), managed under /admin/accounts. */
  vendorAccountDirectory: VendorAccountDirectory;
  metrics: Metrics;
  /** Express's `trust proxy` (TRUST_PROXY); absent: no proxy is trusted. */
  trustProxy?: Config["trustProxy"];
  /** When set, `GET /metrics` needs `Authorization: Bearer <token>` (METRICS_TOKEN). */
  metricsToken?: string | undefined;
  githubOnboarding: Omit<GithubOnboardingDeps, "validateResponses">;
  /**
   * Revokes the GitHub token of every buyer whose subscriptions have all ended (the service runs it every
   * minute, and reconciliation after each pass); a no-op without client credentials.
   */
  revokeEndedGithubTokens: () => Promise<{ revoked: number; failed: number }>;
  /** Forgets expired OAuth state nonces and onboarding codes (the service runs it every minute). */
  pruneGithubOnboarding: () => Promise<{ codes: number; nonces: number }>;
  /** One GitHub reconciliation pass (CLI, the service's schedule, tests); a dry run appends nothing. */
  reconcileGithub: (options?: ReconcileOptions) => Promise<GithubReconciliationResult>;
  /** Trades an onboarding code for the GitHub user and its accounts; the entitlements API exposes it. */
  exchangeOnboardingCode: (code: string) => Promise<OnboardingExchange>;
  /** Erases one account's personal data now (operator request); refuses a live account unless forced. */
  eraseAccount: (account: AccountRef, reason: string, options?: { force?: boolean }) => Promise<Redaction>;
  /** The retention job: erases accounts whose access ended CUSTOMER_DATA_RETENTION_DAYS ago (the service runs it hourly). */
  eraseExpiredCustomerData: () => Promise<{ erased: number }>;
  /** A GitHub organization's members, listed with a buyer's stored token. */
  listOrganizationMembers: (accountId: string) => Promise<MembersOutcome>;
  /** The built operator console (apps/console/dist), served at /console; null when it was not built. */
  consoleDirectory: string | null;
}

/** The ingest pipeline: every event enters through `receive`; the processor applies what is due. */
export interface Ingest {
  receive: (draft: InboundEventDraft, mode: ReceiveMode) => Promise<Receipt>;
  processor: EventProcessor;
  /** Wakes this process's apply workers (the service starts them, see jobs/apply-workers.ts). */
  signal: WakeSignal;
}

/**
 * Builds the Express application from its dependencies. No I/O happens here or at import time: the
 * server entry (server.ts) and the tests decide what the dependencies are.
 */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  // Express would hash every body for a weak ETag; the entitlement read sets its own, nothing else needs one.
  app.set("etag", false);
  // Off unless the operator says which proxies sit in front (TRUST_PROXY): a client could forge the headers.
  app.set("trust proxy", deps.trustProxy ?? false);
  app.use(requestLogging(deps.logger));
  app.use(requestMetrics(deps.metrics));
  // nosniff and the other protective headers on every answer; the content security policy is per surface
  // (the onboarding pages set a strict one), since JSON needs none and any HTML page knows what it loads.
  app.use(helmet({ contentSecurityPolicy: false }));

  const operations = operationsRouter({
    readiness: deps.readiness,
    validateResponses: deps.validateResponses,
    metrics: deps.metrics,
    metricsToken: deps.metricsToken,
  });
  app.use(scoped(OPERATIONS_PATHS, operations, "operational"));
  const github = githubWebhookRouter({
    secrets: deps.secrets.githubWebhookSecrets,
    receive: deps.ingest.receive,
    clock: deps.clock,
    validateResponses: deps.validateResponses,
  });
  app.use(scoped(GITHUB_WEBHOOK_PATHS, github, "github-marketplace"));
  const webhookEndpoints = webhookEndpointsRouter({
    endpoints: deps.webhookEndpoints,
    apiKeys: deps.apiKeys,
    adminApiKey: deps.secrets.adminApiKey,
    validateResponses: deps.validateResponses,
  });
  app.use(scoped(WEBHOOK_ENDPOINTS_PATHS, webhookEndpoints, "webhook-endpoints"));
  const entitlements = entitlementsRouter({
    entitlements: deps.entitlements,
    grants: deps.grants,
    subscriptions: deps.subscriptions,
    seats: deps.seats,
    customers: deps.customers,
    plans: deps.plans,
    apiKeys: deps.apiKeys,
    eventLog: deps.eventLog,
    processor: deps.ingest.processor,
    reconciliationRuns: deps.reconciliationRuns,
    exchangeOnboardingCode: deps.exchangeOnboardingCode,
    listOrganizationMembers: deps.listOrganizationMembers,
    eraseAccount: deps.eraseAccount,
    adminApiKey: deps.secrets.adminApiKey,
    clock: deps.clock,
    validateResponses: deps.validateResponses,
  });
  app.use(scoped(ENTITLEMENTS_PATHS, entitlements, "entitlements"));

  const evotor = evotorRouter({
    appToken: deps.secrets.evotorWebhookToken,
    basicCredentials: deps.evotor.basicCredentials,
    accounts: deps.evotor.accounts,
    receive: deps.ingest.receive,
    clock: deps.clock,
    validateResponses: deps.validateResponses,
  });
  app.use(scoped(EVOTOR_PATHS, evotor, "evotor-partner"));

  const vendorAccounts = vendorAccountsRouter({
    directory: deps.vendorAccountDirectory,
    adminApiKey: deps.secrets.adminApiKey,
    apiKeys: deps.apiKeys,
    validateResponses: deps.validateResponses,
  });
  app.use(scoped(VENDOR_ACCOUNTS_PATHS, vendorAccounts, "vendor-accounts"));

  const onboarding = githubOnboardingRouter({
    ...deps.githubOnboarding,
    validateResponses: deps.validateResponses,
  });
  app.use(scoped(GITHUB_ONBOARDING_PATHS, onboarding, "github-onboarding"));

  app.use(scoped(CONSOLE_PATHS, consoleRouter(deps.consoleDirectory)));

  // Anything no surface owns: parse (so oversized or malformed bodies still get their status) and 404.
  app.use(bodyParsers());
  app.use((req, res) => {
    sendProblem(res, problem(404, "not-found", "Not Found", `No route for ${req.method} ${req.path}.`));
  });
  app.use(problemErrorHandler);
  return app;
}
