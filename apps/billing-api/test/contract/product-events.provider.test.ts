import { Verifier } from "@pact-foundation/pact";
import { describe, it } from "vitest";
import { deliver, purchasePayload } from "../support/github-deliveries.js";
import { TEST_START, useTestApp } from "../support/test-app.js";
import { resetTables } from "../support/test-database.js";
import { pactFile } from "./support/pact-files.js";

const context = useTestApp();
const EVENTS_PROVIDER = "billing-api-events";

/**
 * The body billing-api's outbox wrote for the first event of `type`: the real fold, announcer and event
 * builder, exactly the bytes the dispatcher signs and sends.
 */
async function outboxBody(type: string): Promise<unknown> {
  const rows = (await context.database.dataSource.query(
    `SELECT "body" FROM "outbound_event" WHERE "type" = $1 ORDER BY "id" LIMIT 1`,
    [type],
  )) as Array<{ body: string }>;
  const row = rows[0];
  if (!row) {
    throw new Error(`the outbox holds no ${type} event`);
  }
  return JSON.parse(row.body);
}

/** Provider states: the deliveries that make billing-api write each event. */
const states: Record<string, () => Promise<void>> = {
  "github account 18404719 buys the Team plan with 5 seats": async () => {
    await deliver(context.app, purchasePayload("purchased", TEST_START, { unitCount: 5 })).expect(202);
  },
  "github account 18404719 starts a free trial ending in 2 days": async () => {
    await deliver(
      context.app,
      purchasePayload("purchased", TEST_START, {
        onFreeTrial: true,
        freeTrialEndsOn: new Date(Date.parse(TEST_START) + 2 * 86_400_000).toISOString(),
      }),
    ).expect(202);
  },
};

describe("billing-api honours the product's message pact (signed events)", () => {
  it("builds every event of product ← billing-api-events", async () => {
    await new Verifier({
      provider: EVENTS_PROVIDER,
      pactUrls: [pactFile("product", EVENTS_PROVIDER)],
      logLevel: "warn",
      stateHandlers: Object.fromEntries(
        Object.entries(states).map(([name, setUp]) => [
          name,
          async () => {
            await resetTables(context.database);
            context.clock.set(TEST_START);
            await setUp();
          },
        ]),
      ),
      messageProviders: {
        "an entitlement.updated event for the purchase": () => outboxBody("entitlement.updated"),
        "a trial.will_end event": () => outboxBody("trial.will_end"),
      },
    }).verifyProvider();
  });
});
