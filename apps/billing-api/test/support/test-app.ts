import { afterAll, beforeAll, beforeEach } from "vitest";
import { createApp } from "../../src/app.js";
import { createLogger } from "../../src/logger.js";
import type { Database } from "../../src/persistence/database.js";
import { checkReadiness } from "../../src/persistence/readiness.js";
import { connectTestDatabase, resetTables } from "./test-database.js";

export interface TestContext {
  app: ReturnType<typeof createApp>;
  database: Database;
}

/**
 * Registers hooks that build the real app on the run's database, with response validation on, and
 * reset the tables before each test. Read `context.app` inside tests.
 */
export function useTestApp(): TestContext {
  const context = {} as TestContext;
  beforeAll(async () => {
    context.database = await connectTestDatabase();
    context.app = createApp({
      logger: createLogger({
        level: process.env.LOG_LEVEL === undefined ? "silent" : (process.env.LOG_LEVEL as "info"),
      }),
      readiness: { check: () => checkReadiness(context.database.dataSource) },
      validateResponses: true,
    });
  });
  beforeEach(async () => {
    await resetTables(context.database);
  });
  afterAll(async () => {
    await context.database?.close();
  });
  return context;
}
