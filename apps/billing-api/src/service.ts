import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type AppDeps, createApp } from "./app.js";
import { composeApp } from "./composition.js";
import { buildConfig, type Config, parseEnvironment } from "./config/config.js";
import { resolveSecrets } from "./config/embedded-secrets.js";
import { systemClock } from "./domain/time/clock.js";
import { startApplyWorkers } from "./jobs/apply-workers.js";
import { createLogger, type Logger } from "./logger.js";
import { type Database, embeddedDataDir, openDatabase } from "./persistence/database.js";
import { JobLocks } from "./persistence/job-locks.js";
import { migrate } from "./persistence/migrate.js";
import { makePrivateTree } from "./persistence/private-files.js";

/**
 * How often the tokens of buyers whose subscriptions all ended are revoked. A cancellation takes effect at its
 * date, not when its webhook arrives, so this runs on a clock, reconciliation or not.
 */
const TOKEN_REVOCATION_INTERVAL_MS = 60_000;

/** How often the retention job looks for accounts whose personal data are due for erasure. */
const CUSTOMER_DATA_RETENTION_INTERVAL_MS = 60 * 60 * 1000;

export interface RunningService {
  config: Config;
  url: string;
  logger: Logger;
  database: Database;
  /** Stops accepting, lets in-flight requests finish (up to the shutdown timeout), then closes the database. */
  stop(): Promise<void>;
}

/**
 * Wires configuration, database, migrations and HTTP, and starts listening. Throws ConfigError for a bad
 * configuration before anything is started.
 */
export async function startService(source: NodeJS.ProcessEnv = process.env): Promise<RunningService> {
  const environment = parseEnvironment(source);
  const resolved = await resolveSecrets(environment);
  const config = buildConfig(environment, resolved.secrets);
  const logger = createLogger({ level: config.logLevel });

  if (resolved.generated.length > 0) {
    announceGeneratedSecrets(resolved.generated, resolved.secrets, resolved.file ?? config.dataDir);
  }

  if (config.databaseUrl === undefined) {
    const tightened = await makePrivateTree(config.dataDir);
    if (tightened > 0) {
      logger.warn(
        { dataDir: config.dataDir, entries: tightened },
        "DATA_DIR was readable by other users: removed group and other permissions",
      );
    }
  }
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    embeddedDataDir: embeddedDataDir(config.dataDir),
    poolSize: config.databasePoolSize,
    timeouts: config.databaseTimeouts,
  });
  try {
    const applied = await migrate(database.dataSource);
    if (applied.length > 0) {
      logger.info({ migrations: applied.map((migration) => migration.name) }, "applied migrations");
    }
  } catch (error) {
    await database.close();
    throw error;
  }

  const deps = composeApp({
    dataSource: database.dataSource,
    config,
    logger,
    clock: systemClock,
    processMetrics: true,
  });
  const app = createApp(deps);
  // Several workers per replica (one on the embedded database, which runs one statement at a time).
  const appliers = startApplyWorkers({
    processor: deps.ingest.processor,
    signal: deps.ingest.signal,
    count: database.embedded ? 1 : config.applyWorkers,
    pollMs: config.eventRetryIntervalMs,
    logger,
  });
  // With several replicas each periodic job runs on one of them at a time (an advisory lock per job).
  const jobLocks = new JobLocks(database.url);
  const reconciliation = startPeriodic(async () => {
    await jobLocks
      .runExclusive("github-reconciliation", async () => {
        await deps.reconcileGithub();
      })
      .catch(() => undefined); // the job logs and counts its own failures; the next interval tries again
  }, config.github.reconcileIntervalMs);
  const revocation = startPeriodic(async () => {
    try {
      await jobLocks.runExclusive("github-maintenance", () => githubMaintenance(deps, logger));
    } catch (error) {
      logger.error({ err: error }, "GitHub maintenance pass failed");
    }
  }, TOKEN_REVOCATION_INTERVAL_MS);
  const retention = startPeriodic(async () => {
    try {
      await jobLocks.runExclusive("customer-data-retention", async () => {
        const { erased } = await deps.eraseExpiredCustomerData();
        if (erased > 0) {
          logger.info({ erased }, "erased the personal data of accounts past the retention period");
        }
      });
    } catch (error) {
      logger.error({ err: error }, "customer data retention pass failed");
    }
  }, CUSTOMER_DATA_RETENTION_INTERVAL_MS);
  const server = app.listen(config.port, config.host);
  await once(server, "listening");
  const address = server.address() as AddressInfo;
  const host = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
  const url = `http://${host}:${address.port}`;
  logger.info(
    {
      url,
      docs: `${url}/docs`,
      database: database.embedded ? `embedded PGlite in ${embeddedDataDir(config.dataDir)}` : "DATABASE_URL",
    },
    "billing-api listening",
  );

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      // Stop taking traffic first; background passes under way then finish before the database closes.
      await closeHttp(server, logger, config.shutdownTimeoutMs);
      await Promise.all([appliers.stop(), reconciliation.stop(), revocation.stop(), retention.stop()]);
      await jobLocks.close();
      await database.close();
      logger.info("stopped");
    })();
    return stopping;
  };
  return { config, url, logger, database, stop };
}

async function closeHttp(server: Server, logger: Logger, timeoutMs: number): Promise<void> {
  logger.info("shutting down: no new connections, finishing in-flight requests");
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // close() only drops connections idle at that moment; keep-alive connections whose request finishes
  // later would otherwise linger until their keep-alive timeout.
  const sweeper = setInterval(() => server.closeIdleConnections(), 50);
  const timer = setTimeout(() => {
    logger.warn({ timeoutMs }, "in-flight requests did not finish in time; closing their connections");
    server.closeAllConnections();
  }, timeoutMs);
  await closed;
  clearInterval(sweeper);
  clearTimeout(timer);
}

/**
 * First start on the embedded database: show the generated secrets once, on stderr and outside the JSON
 * log stream (the log never carries secrets), so a newcomer can call every endpoint.
 */
function announceGeneratedSecrets(names: string[], secrets: Record<string, string>, file: string): void {
  // The data key only stays in the file: nobody needs it to call an endpoint.
  const lines = names.map((name) =>
    name === "DATA_ENCRYPTION_KEY" ? `  ${name} (not shown)` : `  ${name}=${secrets[name]}`,
  );
  process.stderr.write(
    `\nGenerated secrets for the embedded setup (kept in ${file}; shown only this once):\n${lines.join("\n")}\n\n`,
  );
}

/**
 * Runs `pass` every `intervalMs` (0: never). A tick that finds the previous pass still running is skipped, so
 * slow passes never pile up; `stop` waits only for the pass under way. A pass handles its own errors.
 */
function startPeriodic(pass: () => Promise<void>, intervalMs: number) {
  if (intervalMs <= 0) {
    return { stop: async () => {} };
  }
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= pass().finally(() => {
      running = undefined;
    });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/** Revokes the tokens of buyers whose subscriptions all ended, and prunes expired onboarding state. */
async function githubMaintenance(deps: AppDeps, logger: Logger): Promise<void> {
  const tokens = await deps.revokeEndedGithubTokens();
  if (tokens.revoked + tokens.failed > 0) {
    logger.info({ tokens }, "revoked GitHub tokens of buyers whose subscriptions ended");
  }
  const pruned = await deps.pruneGithubOnboarding();
  if (pruned.codes + pruned.nonces > 0) {
    logger.debug({ pruned }, "pruned expired onboarding codes and OAuth state nonces");
  }
}
