import { describe, expect, it } from "vitest";
import type { CatalogPlan } from "../plans/plan.js";
import type { Subscription } from "../subscriptions/subscription.js";
import { computeEntitlement } from "./entitlement.js";

const NOW = new Date("2026-03-10T12:00:00Z");

function subscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    marketplace: "github",
    accountId: "1",
    subscriptionId: "1",
    planId: "pro",
    planName: "Pro",
    units: null,
    billingCycle: "monthly",
    startedAt: new Date("2026-03-01T00:00:00Z"),
    trialEndsAt: null,
    currentPeriodEnd: new Date("2026-04-01T00:00:00Z"),
    lapsesAt: null,
    endsAt: null,
    pendingChange: null,
    billedBy: "marketplace",
    details: {},
    lastEventId: "1",
    updatedAt: new Date("2026-03-01T00:00:00Z"),
    ...overrides,
  };
}

function plan(
  planId: string,
  features: string[] | null,
  seatLimit: number | null = null,
  priceModel: CatalogPlan["priceModel"] = "flat_rate",
): CatalogPlan {
  return {
    marketplace: "github",
    planId,
    name: planId,
    description: null,
    priceModel,
    monthlyPriceCents: 1000,
    yearlyPriceCents: 10000,
    unitName: null,
    number: null,
    hasFreeTrial: false,
    bullets: [],
    mapping: features === null ? null : { features, seatLimit },
    firstSeenAt: NOW,
    lastSeenAt: NOW,
  };
}

describe("computeEntitlement", () => {
  it("keeps an Evotor account in payment retries entitled as past_due, with the date access ends", () => {
    const dunning = subscription({
      marketplace: "evotor",
      units: 4,
      currentPeriodEnd: new Date("2026-03-08T00:00:00Z"),
      lapsesAt: new Date("2026-03-13T00:00:00Z"),
    });
    expect(computeEntitlement([dunning], [], 1, NOW)).toMatchObject({
      entitled: true,
      status: "past_due",
      seats: { limit: 4, used: 1 },
      accessEndsAt: new Date("2026-03-13T00:00:00Z"),
    });
    // Active: the retries are not due, nothing ends.
    expect(computeEntitlement([dunning], [], 1, new Date("2026-03-01T00:00:00Z")).accessEndsAt).toBeNull();
    // The retries ran out: no longer entitled, and no seats (not the old device count).
    expect(computeEntitlement([dunning], [], 1, new Date("2026-03-14T00:00:00Z"))).toMatchObject({
      entitled: false,
      status: "expired",
      seats: { limit: 0, used: 1 },
      accessEndsAt: new Date("2026-03-13T00:00:00Z"),
    });
    const cancelled = subscription({ units: 4, endsAt: new Date("2026-03-09T00:00:00Z") });
    expect(computeEntitlement([cancelled], [plan("pro", [], 10)], 0, NOW)).toMatchObject({
      entitled: false,
      seats: { limit: 0 },
      accessEndsAt: new Date("2026-03-09T00:00:00Z"),
    });
  });

  it("is `none` for an account without subscriptions", () => {
    expect(computeEntitlement([], [], 0, NOW)).toMatchObject({
      entitled: false,
      status: "none",
      plan: null,
      features: [],
    });
  });

  it("grants the mapped features and the plan's seat rule to an active subscription", () => {
    const entitlement = computeEntitlement([subscription()], [plan("pro", ["export", "sso"], 10)], 3, NOW);
    expect(entitlement).toMatchObject({
      entitled: true,
      status: "active",
      plan: { planId: "pro", name: "Pro" },
      features: ["export", "sso"],
      seats: { limit: 10, used: 3 },
      billedBy: "marketplace",
      doublePurchase: false,
    });
  });

  it("grants nothing from an unmapped plan but keeps the account entitled", () => {
    const entitlement = computeEntitlement([subscription()], [plan("pro", null)], 0, NOW);
    expect(entitlement).toMatchObject({ entitled: true, features: [], seats: { limit: null, used: 0 } });
  });

  it("uses the units bought over the plan's seat rule, and shows used above the limit after a downgrade", () => {
    const entitlement = computeEntitlement([subscription({ units: 2 })], [plan("pro", [], 10)], 5, NOW);
    expect(entitlement.seats).toEqual({ limit: 2, used: 5 });
  });

  it("counts trial days left, rounded up", () => {
    const entitlement = computeEntitlement(
      [subscription({ trialEndsAt: new Date("2026-03-12T00:00:00Z") })],
      [],
      0,
      NOW,
    );
    expect(entitlement).toMatchObject({ status: "trialing", entitled: true, trial: { daysLeft: 2 } });
  });

  it("shows a pending change until its date and applies it from then on", () => {
    const pending = subscription({
      pendingChange: {
        planId: "basic",
        planName: "Basic",
        units: null,
        effectiveAt: new Date("2026-04-01T00:00:00Z"),
      },
    });
    const plans = [plan("pro", ["export", "sso"]), plan("basic", ["export"])];
    expect(computeEntitlement([pending], plans, 0, NOW)).toMatchObject({
      plan: { planId: "pro" },
      features: ["export", "sso"],
      pendingChange: {
        plan: { planId: "basic", name: "Basic" },
        effectiveAt: new Date("2026-04-01T00:00:00Z"),
      },
    });
    expect(computeEntitlement([pending], plans, 0, new Date("2026-04-02T00:00:00Z"))).toMatchObject({
      plan: { planId: "basic" },
      features: ["export"],
      pendingChange: null,
    });
  });

  it("applies a due switch to a flat-rate plan with that plan's seat rule, not the old seat count", () => {
    const perUnit = subscription({
      units: 10,
      pendingChange: {
        planId: "solo",
        planName: "Solo",
        units: null,
        effectiveAt: new Date("2026-03-05T00:00:00Z"),
      },
    });
    const entitlement = computeEntitlement([perUnit], [plan("solo", ["export"], 3)], 0, NOW);
    expect(entitlement).toMatchObject({ plan: { planId: "solo" }, seats: { limit: 3 } });
  });

  it("adds up the devices of an account's live subscriptions and ignores ended ones", () => {
    const entitlement = computeEntitlement(
      [
        subscription({ marketplace: "evotor", subscriptionId: "a", units: 2 }),
        subscription({ marketplace: "evotor", subscriptionId: "b", units: 3 }),
        subscription({
          marketplace: "evotor",
          subscriptionId: "c",
          units: 7,
          endsAt: new Date("2026-03-01T00:00:00Z"),
        }),
      ],
      [],
      4,
      NOW,
    );
    expect(entitlement).toMatchObject({ entitled: true, status: "active", seats: { limit: 5, used: 4 } });
  });

  it("prefers the subscription that grants most when combining, and flags two live paid sources", () => {
    const entitlement = computeEntitlement(
      [
        subscription({
          accountId: "1",
          subscriptionId: "1",
          planId: "pro",
          endsAt: new Date("2026-03-20T00:00:00Z"),
        }),
        subscription({ accountId: "2", subscriptionId: "2", planId: "team" }),
      ],
      [plan("pro", ["export"]), plan("team", ["export", "audit"])],
      0,
      NOW,
    );
    expect(entitlement).toMatchObject({
      status: "active",
      plan: { planId: "team" },
      features: ["audit", "export"],
      doublePurchase: true,
    });
  });

  it("does not count a free plan or a trial as a second paid source", () => {
    const entitlement = computeEntitlement(
      [
        subscription({ accountId: "1", subscriptionId: "1", planId: "pro" }),
        subscription({ accountId: "2", subscriptionId: "2", planId: "free" }),
        subscription({
          accountId: "3",
          subscriptionId: "3",
          planId: "pro",
          trialEndsAt: new Date("2026-03-20T00:00:00Z"),
        }),
      ],
      [plan("pro", []), plan("free", [], null, "free")],
      0,
      NOW,
    );
    expect(entitlement.doublePurchase).toBe(false);
  });

  it("reports a cancelled subscription as not entitled, keeping what it was", () => {
    const entitlement = computeEntitlement(
      [subscription({ endsAt: new Date("2026-03-05T00:00:00Z") })],
      [plan("pro", ["sso"])],
      0,
      NOW,
    );
    expect(entitlement).toMatchObject({
      entitled: false,
      status: "cancelled",
      plan: { planId: "pro" },
      features: [],
    });
  });
});
