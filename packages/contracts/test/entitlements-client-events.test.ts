import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createEntitlementsClient, type EntitlementUpdatedEvent } from "../src/index.js";

function updated(sequence: number, accountId: string): EntitlementUpdatedEvent {
  return {
    type: "entitlement.updated",
    timestamp: "2026-03-01T12:00:00.000Z",
    data: {
      account: { marketplace: "github", accountId },
      customerId: null,
      sequence,
      entitlement: {
        entitled: true,
        status: "active",
        plan: { planId: "435", name: "Team" },
        // The seat limit records which event the entry came from.
        features: [],
        seats: { limit: sequence, used: 0 },
        trial: null,
        currentPeriodEnd: null,
        accessEndsAt: null,
        grants: [],
        pendingChange: null,
        billedBy: "marketplace",
        doublePurchase: false,
        updatedAt: "2026-03-01T12:00:00.000Z",
        billing: null,
        upgradeUrl: null,
        source: { marketplace: "github", accountId, subscriptionIds: [accountId] },
      },
      changes: [],
      customerEntitlement: null,
    },
  };
}

describe("handleEvent", () => {
  it("keeps, per account, the event with the highest sequence, whatever the order and the duplicates", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ sequence: fc.integer({ min: 1, max: 50 }), account: fc.constantFrom("1", "2", "3") }),
          {
            minLength: 1,
            maxLength: 40,
          },
        ),
        async (deliveries) => {
          // Nothing listens on port 9: every answer must come from what the events put in the cache.
          const client = createEntitlementsClient({
            baseUrl: "http://127.0.0.1:9",
            apiKey: "mbk_key",
            retries: 0,
            now: () => 0,
            cache: { ttlMs: 60_000, staleIfErrorMs: 0, maxEntries: 10 },
          });
          const highest = new Map<string, number>();
          for (const { sequence, account } of deliveries) {
            const newer = sequence > (highest.get(account) ?? 0);
            expect(client.handleEvent(updated(sequence, account))).toBe(newer);
            if (newer) {
              highest.set(account, sequence);
            }
          }
          for (const [account, sequence] of highest) {
            const answer = await client.getEntitlement("github", account);
            expect(answer.seats.limit).toBe(sequence);
            expect(answer.meta.source).toBe("cache");
          }
        },
      ),
    );
  });
});
