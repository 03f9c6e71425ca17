import { defineConfig } from "vitest/config";

// Pact consumer tests for the pacts billing-api provides (product, Evotor, GitHub Marketplace). They write
// to the repository's pacts/ folder; billing-api's `test:contract` verifies them (turbo runs this first).
export default defineConfig({
  test: {
    include: ["test/pact/**/*.consumer.test.ts"],
    globalSetup: ["test/pact/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Pact's native core and the shared pact files: one file at a time.
    fileParallelism: false,
  },
});
