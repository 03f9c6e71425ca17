import { defineConfig } from "vitest/config";

// Contract tests (Pact), run by `test:contract` only: consumer tests of the pacts billing-api writes (GitHub's
// REST API, the vendor's account callback) and provider verification of the pacts it provides (product,
// Evotor, GitHub Marketplace), the real app on the run's database (see test/setup/global-setup.ts).
export default defineConfig({
  test: {
    include: ["test/contract/**/*.test.ts"],
    // Own pacts and (with DATABASE_URL) an own database first, then the shared setup migrates it.
    globalSetup: ["test/contract/support/global-setup.ts", "test/setup/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One database for the run, truncated between interactions: files take turns.
    fileParallelism: false,
  },
});
