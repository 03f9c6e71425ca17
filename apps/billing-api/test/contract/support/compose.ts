import { createApp } from "../../../src/app.js";
import { composeApp } from "../../../src/composition.js";
import type { EvotorConfig, GithubConfig } from "../../../src/config/config.js";
import { createLogger } from "../../../src/logger.js";
import { settling, TEST_SECRETS, type TestContext } from "../../support/test-app.js";

/**
 * The real app on the run's database, its clock and secrets, configured to call a Pact mock server (whose
 * URL is only known inside `executeTest`) as GitHub or as the vendor's product.
 */
export function appCalling(context: TestContext, config: { github?: GithubConfig; evotor?: EvotorConfig }) {
  const deps = composeApp({
    dataSource: context.database.dataSource,
    config: { secrets: TEST_SECRETS, validateResponses: true, ...config },
    logger: createLogger({ level: "silent" }),
    clock: context.clock,
    sleep: async () => {},
  });
  // Provider states read what deliveries lead to: each answer waits until the apply queue is drained.
  return { deps, app: settling(createApp(deps), deps) };
}
