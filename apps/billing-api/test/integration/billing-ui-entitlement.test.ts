import { createEntitlementsClient } from "@marketplace-billing/contracts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeGithub, listingPlan, userPurchase } from "../support/fake-github.js";
import { deliver, purchasePayload } from "../support/github-deliveries.js";
import { callback, fakeGithubConfig, startFlow } from "../support/github-onboarding-flow.js";
import { useListeningApp } from "../support/listening.js";
import { TEST_SECRETS, useTestApp } from "../support/test-app.js";

const fake = new FakeGithub();
beforeAll(() => fake.start());
afterAll(() => fake.stop());
const context = useTestApp({
  github: () => fakeGithubConfig(fake, { marketplaceListing: "acme-ci" }),
  sleep: async () => {},
});
const server = useListeningApp(() => context.app);
beforeEach(() => fake.reset());

const ORG = "18404719";
const client = () =>
  createEntitlementsClient({ baseUrl: server.url, apiKey: TEST_SECRETS.adminApiKey, retries: 0 });

describe("what a billing UI shows, in one entitlement read", () => {
  it("plan and price, cycle, next billing date rolled forward, pending change, seats and the upgrade URL", async () => {
    // Onboarding sees the plan's number in the listing (435 is number 5), which upgrade URLs name.
    const code = fake.authorize({ id: 583231, login: "octocat", type: "User" }, [
      userPurchase(
        { id: Number(ORG), login: "octo-org", type: "Organization" },
        listingPlan(435, { name: "Team" }),
        3,
      ),
    ]);
    const flow = await startFlow(context.app);
    await callback(context.app, { code, state: flow.state }, flow.cookie);
    await deliver(
      context.app,
      purchasePayload("purchased", "2026-03-01T00:00:00Z", { planId: 435, planName: "Team", unitCount: 3 }),
    ).expect(202);
    await client().claimSeat("github", ORG, "ann");

    context.clock.set("2026-03-10T00:00:00Z");
    expect(await client().getEntitlement("github", ORG)).toMatchObject({
      status: "active",
      plan: { planId: "435", name: "Team" },
      seats: { limit: 3, used: 1 },
      trial: null,
      billing: {
        priceModel: "per_unit",
        monthlyPriceCents: 1000,
        yearlyPriceCents: 10000,
        unitName: "seat",
        billingCycle: "monthly",
        priceCents: 3000,
        nextBillingDate: "2026-04-01T00:00:00.000Z",
        endsAt: null,
      },
      upgradeUrl: `https://github.com/marketplace/acme-ci/upgrade/5/${ORG}`,
    });

    // A downgrade to two seats is announced for the end of the cycle.
    await deliver(
      context.app,
      purchasePayload("pending_change", "2026-04-01T00:00:00Z", {
        planId: 435,
        planName: "Team",
        unitCount: 2,
      }),
    ).expect(202);
    expect((await client().getEntitlement("github", ORG)).pendingChange).toEqual({
      plan: { planId: "435", name: "Team" },
      seats: 2,
      effectiveAt: "2026-04-01T00:00:00.000Z",
    });

    // GitHub sends nothing when the subscription renews: months later it is still active, billed next on the
    // first of the coming month, with the change in place.
    context.clock.set("2026-05-15T00:00:00Z");
    expect(await client().getEntitlement("github", ORG)).toMatchObject({
      entitled: true,
      status: "active",
      seats: { limit: 2, used: 1 },
      pendingChange: null,
      currentPeriodEnd: "2026-06-01T00:00:00.000Z",
      billing: { priceCents: 2000, nextBillingDate: "2026-06-01T00:00:00.000Z" },
    });

    // Cancelled at the end of the cycle: no next charge, access ends then, no upgrade offered once it has.
    await deliver(
      context.app,
      purchasePayload("cancelled", "2026-06-01T00:00:00Z", { planId: 435, planName: "Team", unitCount: 2 }),
    ).expect(202);
    expect((await client().getEntitlement("github", ORG)).billing).toMatchObject({
      nextBillingDate: null,
      endsAt: "2026-06-01T00:00:00.000Z",
    });
    context.clock.set("2026-06-02T00:00:00Z");
    expect(await client().getEntitlement("github", ORG)).toMatchObject({
      status: "cancelled",
      upgradeUrl: null,
    });
  });

  it("a trial shows its days left and is first billed when it converts", async () => {
    await deliver(
      context.app,
      purchasePayload("purchased", "2026-03-01T00:00:00Z", {
        planId: 435,
        onFreeTrial: true,
        freeTrialEndsOn: "2026-03-15T00:00:00Z",
        nextBillingDate: null,
      }),
    ).expect(202);
    expect(await client().getEntitlement("github", ORG)).toMatchObject({
      status: "trialing",
      trial: { endsAt: "2026-03-15T00:00:00.000Z", daysLeft: 14 },
      billing: { nextBillingDate: "2026-03-15T00:00:00.000Z" },
      // The plan's number is unknown until reconciliation or onboarding sees the listing.
      upgradeUrl: null,
    });
  });
});
