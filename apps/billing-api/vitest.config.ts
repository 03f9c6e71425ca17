import { defineConfig } from "vitest/config";

// Two tiers: fast unit tests beside the domain code, and integration tests that run the app in-process
// against a real database (DATABASE_URL when set, embedded PGlite otherwise; see test/setup/global-setup.ts).
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["src/**/*.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts", "test/e2e/**/*.test.ts"],
          globalSetup: ["test/setup/global-setup.ts"],
          // One database for the run; tables are reset between tests, so files take turns.
          fileParallelism: false,
        },
      },
    ],
  },
});
