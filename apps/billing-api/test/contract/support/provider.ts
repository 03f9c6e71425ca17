import { Verifier, type VerifierOptions } from "@pact-foundation/pact";
import { TEST_START, type TestContext } from "../../support/test-app.js";
import { resetTables } from "../../support/test-database.js";
import { BILLING_API } from "./pact-files.js";

/**
 * Verifies one pact against billing-api served on `url`. Before each interaction the tables are emptied and
 * the clock set back, so each interaction starts from its provider states alone.
 */
export function verifyPact(
  context: TestContext,
  url: string,
  pactUrl: string,
  options: Pick<VerifierOptions, "stateHandlers" | "requestFilter"> = {},
) {
  return new Verifier({
    provider: BILLING_API,
    providerBaseUrl: url,
    pactUrls: [pactUrl],
    logLevel: "warn",
    beforeEach: async () => {
      await resetTables(context.database);
      context.clock.set(TEST_START);
    },
    ...options,
    // An interaction without a provider state is set up with state "": the emptied tables are its state.
    stateHandlers: { "": async () => undefined, ...options.stateHandlers },
  }).verifyProvider();
}
