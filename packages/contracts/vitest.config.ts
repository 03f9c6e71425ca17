import { defineConfig } from "vitest/config";

// Runtime tests (*.test.ts) and type tests (*.test-d.ts, checked by tsc through vitest's typecheck).
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
