import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  arrivalsOf,
  evotorLife,
  evotorLifeWithModel,
  foldedFromLog,
  githubLife,
  githubLifeWithModel,
  logOf,
  propertyRuns,
} from "../../../test/support/lifecycles.js";
import type { Marketplace } from "../events/inbound-event.js";

const NOW = new Date("2027-01-01T00:00:00Z");

describe.each([
  ["github", githubLife],
  ["evotor", evotorLife],
] as const)("%s fold, for every valid life", (marketplace: Marketplace, life) => {
  it("reaches the in-order state whatever the arrival order, with each delivery sent 1 to 5 times", () => {
    fc.assert(
      fc.property(arrivalsOf(life), ([inOrder, arrivals]) => {
        const expected = foldedFromLog(marketplace, logOf(marketplace, inOrder), NOW);
        expect(expected.length).toBeGreaterThan(0);
        expect(foldedFromLog(marketplace, logOf(marketplace, arrivals), NOW)).toEqual(expected);
      }),
      { numRuns: propertyRuns() },
    );
  });
});

describe("github fold, for every valid life", () => {
  it("ends where the life went: plan, seats and pending change while live, an end once cancelled", () => {
    fc.assert(
      fc.property(githubLifeWithModel, ({ deliveries, model }) => {
        const [subscription] = foldedFromLog("github", logOf("github", deliveries), NOW);
        if (model.live) {
          expect(subscription).toMatchObject({ endsAt: null, planId: model.planId, units: model.units });
          expect(subscription?.pendingChange?.planId ?? null).toBe(model.pendingPlanId);
        } else {
          expect(subscription?.endsAt).not.toBeNull();
        }
      }),
      { numRuns: propertyRuns() },
    );
  });
});

describe("evotor fold, for every valid life", () => {
  it("ends where each subscription's life went: plan, devices, and whether access has an end", () => {
    fc.assert(
      fc.property(evotorLifeWithModel, ({ deliveries, model }) => {
        const subscriptions = foldedFromLog("evotor", logOf("evotor", deliveries), NOW);
        expect(
          subscriptions.map(({ subscriptionId, planId, units, endsAt }) => ({
            subscriptionId,
            planId,
            units,
            ending: endsAt !== null,
          })),
        ).toEqual(model);
      }),
      { numRuns: propertyRuns() },
    );
  });
});
