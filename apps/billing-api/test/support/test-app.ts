import express from "express";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { type AppDeps, createApp } from "../../src/app.js";
import type { Sleep } from "../../src/clients/github/rate-limited-fetch.js";
import { composeApp } from "../../src/composition.js";
import type { GithubConfig } from "../../src/config/config.js";
import { ManualClock } from "../../src/domain/time/clock.js";
import { createLogger } from "../../src/logger.js";
import type { Database } from "../../src/persistence/database.js";
import { connectTestDatabase, resetTables } from "./test-database.js";

/** Secrets every integration test signs and authenticates with. */
export const TEST_SECRETS = {
  githubWebhookSecrets: ["test-github-secret-current", "test-github-secret-previous"],
  evotorWebhookToken: "test-evotor-token-0123456789",
  adminApiKey: "test-admin-api-key-0123456789-abcdef",
  dataEncryptionKey: Buffer.alloc(32, 1).toString("base64url"),
};

/** Where the test clock starts; tests move it with `context.clock`. */
export const TEST_START = "2026-03-01T12:00:00.000Z";

export interface TestContext {
  /**
   * The app, answering each request only once the apply queue is drained, so a test reads the state its
   * deliveries lead to. Production answers first and applies right after; `rawApp` does exactly that.
   */
  app: ReturnType<typeof createApp>;
  rawApp: ReturnType<typeof createApp>;
  deps: AppDeps;
  clock: ManualClock;
  database: Database;
}

/**
 * Registers hooks that build the real app on the run's database, with response validation on, and
 * reset the tables before each test. Read `context.app` inside tests.
 */
export function useTestApp(
  options: {
    /** GitHub onboarding/reconciliation settings, read when the app is built (after earlier beforeAll hooks). */
    github?: () => GithubConfig;
    /** Rate-limit back-off; tests record the waits instead of waiting. */
    sleep?: Sleep;
    /** Failed attempts before an event is dead (EVENT_MAX_ATTEMPTS). */
    eventMaxAttempts?: number;
  } = {},
): TestContext {
  const context = {} as TestContext;
  beforeAll(async () => {
    context.database = await connectTestDatabase();
    context.clock = new ManualClock(TEST_START);
    context.deps = composeApp({
      dataSource: context.database.dataSource,
      config: {
        secrets: TEST_SECRETS,
        validateResponses: true,
        github: options.github?.(),
        eventMaxAttempts: options.eventMaxAttempts,
      },
      logger: createLogger({
        level: process.env.LOG_LEVEL === undefined ? "silent" : (process.env.LOG_LEVEL as "info"),
      }),
      clock: context.clock,
      sleep: options.sleep,
    });
    context.rawApp = createApp(context.deps);
    context.app = settling(context.rawApp, context.deps);
  });
  beforeEach(async () => {
    await resetTables(context.database);
    context.clock.set(TEST_START);
  });
  afterAll(async () => {
    await context.database?.close();
  });
  return context;
}

/**
 * Wraps an app so each response is held back until every due event is applied (tests only). The handlers
 * still answer as in production: the wrapper only delays the bytes until the apply queue is empty.
 */
export function settling(app: ReturnType<typeof createApp>, deps: AppDeps): ReturnType<typeof createApp> {
  const outer = express();
  outer.use((_req, res, next) => {
    const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
    res.end = ((...args: unknown[]) => {
      deps.ingest.processor.processDue().then(
        () => end(...args),
        () => end(...args),
      );
      return res;
    }) as typeof res.end;
    next();
  });
  outer.use(app);
  return outer;
}
