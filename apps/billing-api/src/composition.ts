import { randomBytes, randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import type { AppDeps, Ingest } from "./app.js";
import { GithubRestApi } from "./clients/github/github-rest-api.js";
import { realSleep, type Sleep } from "./clients/github/rate-limited-fetch.js";
import { type Config, evotorConfig, type GithubConfig } from "./config/config.js";
import { EntitlementService } from "./domain/entitlements/entitlement-service.js";
import { eraseAccount } from "./domain/erasure/erase-account.js";
import { eraseExpiredCustomerData } from "./domain/erasure/retention-job.js";
import { EventProcessor } from "./domain/events/event-processor.js";
import { observedEventLog } from "./domain/events/observed-event-log.js";
import { receiveEvent } from "./domain/events/receive-event.js";
import { EvotorAccountService } from "./domain/evotor/evotor-accounts.js";
import { evotorAdapter } from "./domain/evotor/evotor-adapter.js";
import { githubAdapter } from "./domain/github/github-adapter.js";
import { completeOnboarding } from "./domain/github-onboarding/complete-onboarding.js";
import { exchangeOnboardingCode } from "./domain/github-onboarding/exchange-onboarding-code.js";
import { listOrganizationMembers } from "./domain/github-onboarding/organization-members.js";
import { revokeEndedTokens } from "./domain/github-onboarding/revoke-ended-tokens.js";
import { GrantService } from "./domain/grants/grant-service.js";
import { projectorOf } from "./domain/marketplaces/fold-account.js";
import type { MarketplaceAdapters } from "./domain/marketplaces/marketplace-adapter.js";
import { DEFAULT_TRIAL_WILL_END_DAYS } from "./domain/outbound/announcement.js";
import { WebhookEndpointService } from "./domain/outbound/webhook-endpoints.js";
import { ObservedPlans } from "./domain/plans/observed-plans.js";
import type { Clock } from "./domain/time/clock.js";
import { VendorAccountDirectory } from "./domain/vendor-accounts/vendor-account-directory.js";
import { builtConsoleDirectory } from "./http/console/console.router.js";
import { billingEventEncoder } from "./http/webhooks/billing-event-body.js";
import { standardWebhooksSender } from "./integrations/standard-webhooks-sender.js";
import { CallbackVendorAccounts } from "./integrations/vendor-account-callback.js";
import { WakeSignal } from "./jobs/apply-workers.js";
import { runGithubReconciliation } from "./jobs/github-reconciliation-job.js";
import type { Logger } from "./logger.js";
import { countingDuplicates, eventMetricsObserver } from "./metrics/event-metrics.js";
import { Metrics } from "./metrics/metrics.js";
import { AccountAnnouncer } from "./persistence/outbox/account-announcer.js";
import { AnnouncementSweep } from "./persistence/outbox/announcement-sweep.js";
import { TypeOrmDeliveryQueue } from "./persistence/outbox/typeorm-delivery-queue.js";
import { TypeOrmOutbox } from "./persistence/outbox/typeorm-outbox.js";
import { TypeOrmWebhookEndpointStore } from "./persistence/outbox/typeorm-webhook-endpoint-store.js";
import { checkReadiness } from "./persistence/readiness.js";
import { TypeOrmApiKeyStore } from "./persistence/repositories/typeorm-api-key-store.js";
import { TypeOrmCustomerStore } from "./persistence/repositories/typeorm-customer-store.js";
import { TypeOrmErasureStore } from "./persistence/repositories/typeorm-erasure-store.js";
import { TypeOrmEventLog } from "./persistence/repositories/typeorm-event-log.js";
import { TypeOrmEventQueue } from "./persistence/repositories/typeorm-event-queue.js";
import { TypeOrmEventStatusCounts } from "./persistence/repositories/typeorm-event-status-counts.js";
import { TypeOrmEvotorUsers } from "./persistence/repositories/typeorm-evotor-users.js";
import { TypeOrmGithubUsers } from "./persistence/repositories/typeorm-github-users.js";
import { TypeOrmGrantLog } from "./persistence/repositories/typeorm-grant-log.js";
import {
  TypeOrmOAuthStateNonces,
  TypeOrmOnboardingCodes,
} from "./persistence/repositories/typeorm-onboarding-codes.js";
import { TypeOrmPlanCatalogue } from "./persistence/repositories/typeorm-plan-catalogue.js";
import { TypeOrmReconciliationRuns } from "./persistence/repositories/typeorm-reconciliation-runs.js";
import { TypeOrmSeatStore } from "./persistence/repositories/typeorm-seat-store.js";
import { TypeOrmSubscriptionDirectory } from "./persistence/repositories/typeorm-subscription-directory.js";
import { TypeOrmSubscriptionStore } from "./persistence/repositories/typeorm-subscription-store.js";
import { TypeOrmVendorAccounts } from "./persistence/repositories/typeorm-vendor-accounts.js";
import { ScryptPasswordHasher } from "./security/password-hash.js";
import { decodeDataKey, deriveSigningKey, SecretBox } from "./security/secret-box.js";
import { HmacUserTokens } from "./security/user-tokens.js";
import { DEFAULT_VERIFY_THROTTLE_LIMITS, RateLimiterVerifyThrottle } from "./security/verify-throttle.js";

/** GitHub onboarding and reconciliation stay off (503 page, no job) until configured. */
const GITHUB_UNCONFIGURED: GithubConfig = {
  clientId: undefined,
  clientSecret: undefined,
  appId: undefined,
  appPrivateKey: undefined,
  apiUrl: "https://api.github.com",
  webUrl: "https://github.com",
  productOnboardingUrl: undefined,
  stubbed: false,
  reconcileIntervalMs: 0,
};

/**
 * The composition root: builds every repository, use case and applier on one DataSource. The server and
 * the integration tests both call it, so tests exercise exactly what production wires.
 */
export function composeApp(options: {
  dataSource: DataSource;
  config: Pick<Config, "secrets" | "validateResponses"> &
    Partial<
      Pick<
        Config,
        | "evotor"
        | "github"
        | "eventMaxAttempts"
        | "metricsToken"
        | "trustProxy"
        | "customerDataRetentionDays"
        | "trialWillEndDays"
      >
    >;
  logger: Logger;
  clock: Clock;
  /** How GitHub rate-limit back-off waits; tests pass one that does not. */
  sleep?: Sleep;
  /** Export the process's CPU, memory and event-loop metrics too (the serving process only). */
  processMetrics?: boolean;
}): AppDeps {
  const { dataSource, clock } = options;
  const dataKey = decodeDataKey(options.config.secrets.dataEncryptionKey);
  if (!dataKey) {
    throw new Error("DATA_ENCRYPTION_KEY must be 32 bytes in base64 or base64url");
  }
  // Outbound events: written by the state changes below, sent by the dispatcher, which they wake.
  const outboxWritten = new Set<() => void>();
  const written = () => {
    for (const listener of outboxWritten) {
      listener();
    }
  };
  const announcer = new AccountAnnouncer({
    encoder: billingEventEncoder,
    clock,
    trialWillEndDays: options.config.trialWillEndDays ?? DEFAULT_TRIAL_WILL_END_DAYS,
  });
  const endpointSecrets = new SecretBox(dataKey, "webhook-endpoint-secret");
  const metrics = new Metrics({ defaultMetrics: options.processMetrics });
  metrics.watchEventBacklog(new TypeOrmEventStatusCounts(dataSource));
  const observed = observedEventLog(
    new TypeOrmEventLog(dataSource, { encoder: billingEventEncoder, clock, written }),
    {
      conflictingDelivery: (details) => {
        metrics.recordConflictingDelivery(details.marketplace);
        options.logger.warn(
          details,
          "conflicting redelivery: a stored dedupe key arrived with a different body (kept, not applied)",
        );
      },
    },
  );
  const eventLog = countingDuplicates(observed, metrics);
  const subscriptions = new TypeOrmSubscriptionStore(dataSource);
  // Every marketplace is one adapter, registered here and nowhere else.
  const adapters: MarketplaceAdapters = { github: githubAdapter, evotor: evotorAdapter };
  const plans = new TypeOrmPlanCatalogue(dataSource);
  const eventObserver = eventMetricsObserver(metrics);
  const processor = new EventProcessor({
    log: eventLog,
    queue: new TypeOrmEventQueue(dataSource, { announcer, encoder: billingEventEncoder, clock, written }),
    adapters,
    plans: new ObservedPlans(plans),
    clock,
    maxAttempts: options.config.eventMaxAttempts,
    onSettled: (settled, at) => {
      for (const { event, status } of settled) {
        eventObserver.processed(event, status, at);
      }
    },
  });
  const applySignal = new WakeSignal();
  const ingest: Ingest = {
    processor,
    signal: applySignal,
    receive: (draft, mode) =>
      receiveEvent(
        {
          eventLog,
          adapters,
          processor,
          clock,
          notify: () => applySignal.notify(),
          onIgnored: (event, at) => eventObserver.processed(event, "ignored", at),
        },
        draft,
        mode,
      ),
  };
  const seats = new TypeOrmSeatStore(dataSource);
  const customers = new TypeOrmCustomerStore(dataSource);
  const githubConfig = options.config.github ?? GITHUB_UNCONFIGURED;
  const grantLog = new TypeOrmGrantLog(dataSource);
  const entitlements = new EntitlementService({
    subscriptions,
    plans,
    seats,
    customers,
    eventLog,
    grants: grantLog,
    projectors: Object.fromEntries(
      Object.values(adapters).map((adapter) => [adapter.marketplace, projectorOf(adapter)]),
    ),
    clock,
    outbox: new TypeOrmOutbox(dataSource, billingEventEncoder, written),
    githubListing: githubConfig.marketplaceListing,
  });
  // Evotor accounts: the data key seals the Cloud tokens and derives the tokens we issue.
  const evotor = options.config.evotor ?? evotorConfig({});
  const vendorAccountDirectory = new VendorAccountDirectory(
    new TypeOrmVendorAccounts(dataSource),
    new ScryptPasswordHasher(),
    clock,
    randomUUID,
  );
  const vendorAccounts =
    evotor.accountCallback && evotor.accountSource === "callback"
      ? new CallbackVendorAccounts(evotor.accountCallback, clock)
      : vendorAccountDirectory;
  const evotorAccounts = new EvotorAccountService(
    new TypeOrmEvotorUsers(dataSource),
    vendorAccounts,
    new HmacUserTokens(dataKey),
    new SecretBox(dataKey, "evotor-cloud-token"),
    clock,
    // On the database, so the counters hold across replicas (and on the embedded PGlite alike).
    new RateLimiterVerifyThrottle(evotor.verifyThrottle ?? DEFAULT_VERIFY_THROTTLE_LIMITS, dataSource),
  );

  const githubApi = new GithubRestApi({ config: githubConfig, clock, sleep: options.sleep ?? realSleep });
  const tokenBox = new SecretBox(dataKey, "github-user-token");
  const githubUsers = new TypeOrmGithubUsers(dataSource);
  const onboardingCodes = new TypeOrmOnboardingCodes(dataSource);
  const stateNonces = new TypeOrmOAuthStateNonces(dataSource);
  const reconciliationRuns = new TypeOrmReconciliationRuns(dataSource);
  const canRevoke = githubConfig.clientId !== undefined && githubConfig.clientSecret !== undefined;
  const revokeDeps = canRevoke
    ? { github: githubApi, users: githubUsers, subscriptions, tokenBox, clock }
    : undefined;
  const erasure = {
    store: new TypeOrmErasureStore(dataSource),
    subscriptions,
    processor,
    clock,
    revokeSealedToken: canRevoke
      ? (sealed: string) => githubApi.revokeToken(tokenBox.open(sealed))
      : undefined,
  };
  return {
    logger: options.logger,
    eraseAccount: (account, reason, eraseOptions) => eraseAccount(erasure, account, reason, eraseOptions),
    eraseExpiredCustomerData: () =>
      eraseExpiredCustomerData({
        ...erasure,
        directory: new TypeOrmSubscriptionDirectory(dataSource),
        retentionDays: options.config.customerDataRetentionDays ?? 30,
      }),
    clock,
    readiness: { check: () => checkReadiness(dataSource) },
    validateResponses: options.config.validateResponses,
    secrets: options.config.secrets,
    eventLog,
    ingest,
    subscriptions,
    entitlements,
    grants: new GrantService({ log: grantLog, clock }),
    seats,
    customers,
    plans,
    apiKeys: new TypeOrmApiKeyStore(dataSource),
    webhookEndpoints: new WebhookEndpointService({
      store: new TypeOrmWebhookEndpointStore(dataSource, endpointSecrets),
      clock,
      newId: randomUUID,
      newSecret: () => `whsec_${randomBytes(32).toString("base64")}`,
    }),
    outbound: {
      sweep: new AnnouncementSweep(dataSource, announcer, clock),
      dispatch: {
        queue: new TypeOrmDeliveryQueue(dataSource, endpointSecrets),
        sender: standardWebhooksSender,
        clock,
        random: Math.random,
        endpointDisabled(endpoint, reason) {
          // The URL may carry a path token of the vendor's: log the endpoint's id only.
          options.logger.error(
            { endpointId: endpoint.id, reason },
            reason === "gone"
              ? "webhook endpoint answered 410 Gone and was disabled"
              : "webhook endpoint failed every delivery for 5 days and was disabled",
          );
        },
      },
      onWritten(listener) {
        outboxWritten.add(listener);
        return () => outboxWritten.delete(listener);
      },
    },
    reconciliationRuns,
    consoleDirectory: builtConsoleDirectory(),
    evotor: { accounts: evotorAccounts, basicCredentials: evotor.basicCredentials },
    vendorAccountDirectory,
    metrics,
    metricsToken: options.config.metricsToken,
    trustProxy: options.config.trustProxy,
    githubOnboarding: {
      config: githubConfig,
      stateKey: deriveSigningKey(dataKey, "github-oauth-state"),
      nonces: stateNonces,
      complete: (code) =>
        completeOnboarding(
          {
            github: githubApi,
            users: githubUsers,
            codes: onboardingCodes,
            subscriptions,
            receive: ingest.receive,
            tokenBox,
            clock,
            planNumbers: plans,
          },
          code,
        ),
      clock,
    },
    pruneGithubOnboarding: async () => {
      const now = clock.now();
      // Codes stay a day past expiry so a late exchange is told "expired", not "unknown".
      const codes = await onboardingCodes.prune(new Date(now.getTime() - 86_400_000));
      const nonces = await stateNonces.prune(now);
      return { codes, nonces };
    },
    revokeEndedGithubTokens: async () =>
      revokeDeps ? revokeEndedTokens(revokeDeps) : { revoked: 0, failed: 0 },
    listOrganizationMembers: (accountId) =>
      listOrganizationMembers({ github: githubApi, users: githubUsers, tokens: tokenBox }, accountId),
    exchangeOnboardingCode: (code) =>
      exchangeOnboardingCode({ codes: onboardingCodes, users: githubUsers, clock }, code),
    reconcileGithub: (reconcileOptions) =>
      runGithubReconciliation(
        {
          reconcile: {
            api: githubApi,
            subscriptions: new TypeOrmSubscriptionDirectory(dataSource),
            eventLog,
            receive: ingest.receive,
            clock,
            planNumbers: plans,
          },
          revoke: revokeDeps,
          metrics,
          logger: options.logger,
          runs: reconciliationRuns,
          newId: randomUUID,
        },
        reconcileOptions,
      ),
  };
}
