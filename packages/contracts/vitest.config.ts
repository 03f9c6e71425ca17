import { configDefaults, defineConfig } from "vitest/config";

// Runtime tests (*.test.ts) and type tests (*.test-d.ts, checked by tsc through vitest's typecheck).
// Pact consumer tests (test/pact/) run only in `test:contract` (vitest.contract.config.ts).
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: [...configDefaults.exclude, "test/pact/**"],
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
