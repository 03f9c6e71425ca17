import type { DataSource } from "typeorm";
import type { AppDeps } from "./app.js";
import { GithubRestApi } from "./clients/github/github-rest-api.js";
import { realSleep, type Sleep } from "./clients/github/rate-limited-fetch.js";
import type { Config, GithubConfig } from "./config/config.js";
import { type EventApplier, EventProcessor } from "./domain/events/event-processor.js";
import type { Marketplace } from "./domain/events/inbound-event.js";
import { GithubEventApplier } from "./domain/github/github-event-applier.js";
import { completeOnboarding } from "./domain/github-onboarding/complete-onboarding.js";
import { exchangeOnboardingCode } from "./domain/github-onboarding/exchange-onboarding-code.js";
import { deriveSigningKey, SecretBox } from "./domain/security/secret-box.js";
import type { Clock } from "./domain/time/clock.js";
import { runGithubReconciliation } from "./jobs/github-reconciliation-job.js";
import type { Logger } from "./logger.js";
import { Metrics } from "./metrics/metrics.js";
import { checkReadiness } from "./persistence/readiness.js";
import { TypeOrmEventLog } from "./persistence/repositories/typeorm-event-log.js";
import { TypeOrmGithubUsers } from "./persistence/repositories/typeorm-github-users.js";
import {
  TypeOrmOAuthStateNonces,
  TypeOrmOnboardingCodes,
} from "./persistence/repositories/typeorm-onboarding-codes.js";
import { TypeOrmSubscriptionDirectory } from "./persistence/repositories/typeorm-subscription-directory.js";
import { TypeOrmSubscriptionStore } from "./persistence/repositories/typeorm-subscription-store.js";

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
  config: Pick<Config, "secrets" | "validateResponses"> & { github?: GithubConfig };
  logger: Logger;
  clock: Clock;
  /** How GitHub rate-limit back-off waits; tests pass one that does not. */
  sleep?: Sleep;
}): AppDeps {
  const { dataSource, clock } = options;
  const eventLog = new TypeOrmEventLog(dataSource);
  const subscriptions = new TypeOrmSubscriptionStore(dataSource);
  // Each marketplace adapter registers the use case that applies its stored events.
  const appliers: Partial<Record<Marketplace, EventApplier>> = {
    github: new GithubEventApplier(subscriptions, clock),
  };
  const processor = new EventProcessor(eventLog, appliers, clock);

  const githubConfig = options.config.github ?? GITHUB_UNCONFIGURED;
  const githubApi = new GithubRestApi({ config: githubConfig, clock, sleep: options.sleep ?? realSleep });
  const dataKey = options.config.secrets.dataEncryptionKey;
  const tokenBox = new SecretBox(dataKey, "github-user-token");
  const githubUsers = new TypeOrmGithubUsers(dataSource);
  const onboardingCodes = new TypeOrmOnboardingCodes(dataSource);
  const metrics = new Metrics();
  const canRevoke = githubConfig.clientId !== undefined && githubConfig.clientSecret !== undefined;
  return {
    logger: options.logger,
    clock,
    readiness: { check: () => checkReadiness(dataSource) },
    validateResponses: options.config.validateResponses,
    secrets: options.config.secrets,
    eventLog,
    processor,
    subscriptions,
    metrics,
    githubOnboarding: {
      config: githubConfig,
      stateKey: deriveSigningKey(dataKey, "github-oauth-state"),
      nonces: new TypeOrmOAuthStateNonces(dataSource),
      complete: (code) =>
        completeOnboarding(
          {
            github: githubApi,
            users: githubUsers,
            codes: onboardingCodes,
            subscriptions,
            eventLog,
            processor,
            tokenBox,
            clock,
          },
          code,
        ),
      clock,
    },
    exchangeOnboardingCode: (code) =>
      exchangeOnboardingCode({ codes: onboardingCodes, users: githubUsers, clock }, code),
    reconcileGithub: () =>
      runGithubReconciliation({
        reconcile: {
          api: githubApi,
          subscriptions: new TypeOrmSubscriptionDirectory(dataSource),
          eventLog,
          processor,
          clock,
        },
        revoke: canRevoke
          ? { github: githubApi, users: githubUsers, subscriptions, tokenBox, clock }
          : undefined,
        metrics,
        logger: options.logger,
      }),
  };
}
