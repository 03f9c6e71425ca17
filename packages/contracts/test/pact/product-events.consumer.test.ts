import { MatchersV3, PactV4 } from "@pact-foundation/pact";
import { describe, expect, it } from "vitest";
import { type BillingEvent, createEntitlementsClient } from "../../src/index.js";
import { EVENTS_PROVIDER, PACT_DIR } from "./pact-files.js";

const { like, eachLike, integer, regex, datetime, nullValue, boolean } = MatchersV3;

/**
 * product ← billing-api: the events a product's webhook receiver handles. The receiver hands a verified
 * `entitlement.updated` to the caching client (`client.handleEvent`), and reads a `trial.will_end` to remind
 * the customer. billing-api verifies these messages against the bodies its outbox really writes.
 */
const pact = new PactV4({ consumer: "product", provider: EVENTS_PROVIDER, dir: PACT_DIR, logLevel: "warn" });

const ORG = "18404719";
const ISO = "yyyy-MM-dd'T'HH:mm:ss.SSSX";
const instant = (example: string) => datetime(ISO, example);
const account = { marketplace: "github", accountId: ORG };

/** The product's handler: what it does with each event once `verifyBillingEvent` accepted it. */
function productReceiver() {
  // Nothing listens here: after the event, reads must be answered from the cache alone.
  const client = createEntitlementsClient({
    baseUrl: "http://127.0.0.1:9",
    apiKey: "mbk_unused",
    retries: 0,
    cache: { ttlMs: 60_000, staleIfErrorMs: 60_000, maxEntries: 100 },
  });
  const reminders: Array<{ accountId: string; endsAt: string; daysLeft: number }> = [];
  return {
    client,
    reminders,
    handle(event: BillingEvent) {
      switch (event.type) {
        case "entitlement.updated":
          client.handleEvent(event);
          return;
        case "trial.will_end":
          reminders.push({
            accountId: event.data.account.accountId,
            endsAt: event.data.trial.endsAt,
            daysLeft: event.data.trial.daysLeft,
          });
          return;
        default:
          return;
      }
    },
  };
}

describe("product ← billing-api (signed events)", () => {
  it("applies entitlement.updated to its cache, so isEntitled answers without asking", async () => {
    await pact
      .addAsynchronousInteraction()
      .given("github account 18404719 buys the Team plan with 5 seats")
      .expectsToReceive("an entitlement.updated event for the purchase", (builder) => {
        builder.withJSONContent({
          type: "entitlement.updated",
          timestamp: instant("2026-03-01T12:00:00.000Z"),
          data: {
            account,
            customerId: nullValue(),
            sequence: integer(1),
            entitlement: {
              entitled: boolean(true),
              status: "active",
              plan: like({ planId: "435", name: "Plan 435" }),
              features: like([]),
              seats: { limit: integer(5), used: integer(0) },
              trial: nullValue(),
              currentPeriodEnd: instant("2026-04-01T00:00:00.000Z"),
              pendingChange: nullValue(),
              billedBy: "marketplace",
              doublePurchase: boolean(false),
              updatedAt: instant("2026-03-01T12:00:00.000Z"),
              source: { marketplace: "github", accountId: ORG, subscriptionIds: eachLike(ORG) },
            },
            // The product logs which fields changed; their old and new values are any JSON.
            changes: eachLike({ field: regex(/^[A-Za-z]+$/, "entitled") }),
            customerEntitlement: nullValue(),
          },
        });
      })
      .executeTest(async (message) => {
        const receiver = productReceiver();
        receiver.handle(message.contents.content as BillingEvent);
        const answer = await receiver.client.getEntitlement("github", ORG);
        expect(answer.meta.source).toBe("cache");
        expect(answer).toMatchObject({ entitled: true, seats: { limit: 5 } });
      });
  });

  it("reminds the customer when a trial ends soon", async () => {
    await pact
      .addAsynchronousInteraction()
      .given("github account 18404719 starts a free trial ending in 2 days")
      .expectsToReceive("a trial.will_end event", (builder) => {
        builder.withJSONContent({
          type: "trial.will_end",
          timestamp: instant("2026-03-01T12:00:00.000Z"),
          data: {
            account,
            customerId: nullValue(),
            sequence: integer(2),
            trial: { endsAt: instant("2026-03-03T12:00:00.000Z"), daysLeft: integer(2) },
            plan: like({ planId: "435", name: "Plan 435" }),
          },
        });
      })
      .executeTest(async (message) => {
        const receiver = productReceiver();
        receiver.handle(message.contents.content as BillingEvent);
        expect(receiver.reminders).toEqual([
          { accountId: ORG, endsAt: expect.any(String), daysLeft: expect.any(Number) },
        ]);
      });
  });
});
