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
  app: ReturnType<typeof createApp>;
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
    context.app = createApp(context.deps);
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
