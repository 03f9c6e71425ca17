import { describe, expect, it } from "vitest";
import {
  arrived,
  FULL_LIFE,
  FULL_LIFE_IN_ORDER,
  installationPayload,
  permutations,
  subscriptionPayload,
} from "../../../test/support/evotor-fixtures.js";
import type { Subscription } from "../subscriptions/subscription.js";
import { statusAt } from "../subscriptions/subscription-status.js";
import { foldEvotorAccount, plansSeen } from "./evotor-subscription-fold.js";

const UPDATED_AT = new Date("2026-04-01T00:00:00Z");
const at = (iso: string) => new Date(iso);

/** The state without what depends on arrival order by design (log ids). */
function comparable(subscriptions: Subscription[]) {
  return subscriptions.map(({ lastEventId: _lastEventId, ...rest }) => rest);
}

function fold(payloads: Record<string, unknown>[]): Subscription[] {
  return foldEvotorAccount(arrived(payloads), UPDATED_AT);
}

function only(payloads: Record<string, unknown>[]): Subscription {
  const [subscription, ...others] = fold(payloads);
  expect(others).toHaveLength(0);
  return subscription as Subscription;
}

describe("Evotor subscription lifecycle", () => {
  it("starts a P14DT trial at SubscriptionCreated", () => {
    const subscription = only([FULL_LIFE.created]);
    expect(subscription).toMatchObject({
      marketplace: "evotor",
      accountId: "01-000000000000001",
      planId: "basic",
      units: 2,
      startedAt: at("2026-01-01T10:00:00Z"),
      trialEndsAt: at("2026-01-15T10:00:00Z"),
      currentPeriodEnd: at("2026-01-15T10:00:00Z"),
      lapsesAt: at("2026-01-20T10:00:00Z"),
      endsAt: null,
      billedBy: "marketplace",
    });
    expect(statusAt(subscription, at("2026-01-14T00:00:00Z"))).toBe("trialing");
    // The trial ended and Evotor is still trying to charge: past due for the 5 retry days, then expired.
    expect(statusAt(subscription, at("2026-01-16T00:00:00Z"))).toBe("past_due");
    expect(statusAt(subscription, at("2026-01-20T10:00:01Z"))).toBe("expired");
  });

  it("is active after SubscriptionActivated until nextBillingDate, then past due for 5 days", () => {
    const subscription = only([FULL_LIFE.created, FULL_LIFE.activated]);
    expect(subscription).toMatchObject({
      trialEndsAt: at("2026-01-15T10:00:00Z"),
      currentPeriodEnd: at("2026-02-15T10:05:00Z"),
      lapsesAt: at("2026-02-20T10:05:00Z"),
      details: { lastCharge: { amount: 2416.67, currency: "RUB" }, activatedAt: "2026-01-15T10:05:00.000Z" },
    });
    expect(statusAt(subscription, at("2026-02-01T00:00:00Z"))).toBe("active");
    expect(statusAt(subscription, at("2026-02-16T00:00:00Z"))).toBe("past_due");
    expect(statusAt(subscription, at("2026-02-21T00:00:00Z"))).toBe("expired");
  });

  it("ends the trial early when payment comes before it runs out", () => {
    const early = subscriptionPayload("SubscriptionActivated", 2, "2026-01-05T00:00:00Z", {
      nextBillingDate: "2026-02-05T00:00:00Z",
    });
    const subscription = only([FULL_LIFE.created, early]);
    expect(subscription.trialEndsAt).toEqual(at("2026-01-05T00:00:00Z"));
    expect(statusAt(subscription, at("2026-01-10T00:00:00Z"))).toBe("active");
  });

  it("extends access with SubscriptionRenewed, also out of a past-due period", () => {
    const subscription = only([FULL_LIFE.created, FULL_LIFE.activated, FULL_LIFE.renewed]);
    expect(subscription.currentPeriodEnd).toEqual(at("2026-03-15T10:06:00Z"));
    expect(statusAt(subscription, at("2026-02-16T00:00:00Z"))).toBe("active");
  });

  it("changes only what SubscriptionTermsChanged carries", () => {
    const subscription = only([FULL_LIFE.created, FULL_LIFE.activated, FULL_LIFE.termsChanged]);
    expect(subscription).toMatchObject({
      planId: "pro",
      units: 5,
      currentPeriodEnd: at("2026-02-15T10:05:00Z"),
      details: { lastCharge: { amount: 800 } },
    });
    const billingDateOnly = subscriptionPayload("SubscriptionTermsChanged", 3, "2026-01-20T00:00:00Z", {
      nextBillingDate: "2026-02-20T00:00:00.000+0000",
    });
    expect(only([FULL_LIFE.created, FULL_LIFE.activated, billingDateOnly])).toMatchObject({
      planId: "basic",
      units: 2,
      currentPeriodEnd: at("2026-02-20T00:00:00Z"),
      lapsesAt: at("2026-02-25T00:00:00Z"),
    });
  });

  it("keeps access until the paid period ends after SubscriptionTerminationRequested", () => {
    const subscription = only([
      FULL_LIFE.created,
      FULL_LIFE.activated,
      FULL_LIFE.renewed,
      FULL_LIFE.terminationRequested,
    ]);
    expect(subscription.endsAt).toEqual(at("2026-03-15T10:06:00Z"));
    expect(statusAt(subscription, at("2026-03-10T00:00:00Z"))).toBe("pending_cancellation");
    expect(statusAt(subscription, at("2026-03-15T10:06:01Z"))).toBe("cancelled");
  });

  it("resumes when a renewal follows a termination request (reinstall within the paid period)", () => {
    const resumed = subscriptionPayload("SubscriptionRenewed", 6, "2026-03-02T00:00:00Z", {
      nextBillingDate: "2026-04-02T00:00:00Z",
    });
    const subscription = only([
      FULL_LIFE.created,
      FULL_LIFE.activated,
      FULL_LIFE.renewed,
      FULL_LIFE.termsChanged,
      FULL_LIFE.terminationRequested,
      resumed,
    ]);
    expect(subscription.endsAt).toBeNull();
    expect(statusAt(subscription, at("2026-03-20T00:00:00Z"))).toBe("active");
  });

  it("ends access at SubscriptionTerminated and at the seed's SubscriptionCancelled", () => {
    for (const type of ["SubscriptionTerminated", "SubscriptionCancelled"]) {
      const end = subscriptionPayload(type, 3, "2026-02-21T00:00:00Z");
      const subscription = only([FULL_LIFE.created, FULL_LIFE.activated, end]);
      expect(subscription.endsAt).toEqual(at("2026-02-21T00:00:00Z"));
      expect(statusAt(subscription, at("2026-02-18T00:00:00Z"))).toBe("pending_cancellation");
      expect(statusAt(subscription, at("2026-02-21T00:00:01Z"))).toBe("cancelled");
    }
  });

  it("brings a terminated subscription back when Evotor renews it on the same subscriptionId", () => {
    const terminated = subscriptionPayload("SubscriptionTerminated", 3, "2026-02-21T00:00:00Z");
    const renewed = subscriptionPayload("SubscriptionRenewed", 4, "2026-02-25T00:00:00Z", {
      nextBillingDate: "2026-03-25T00:00:00Z",
    });
    const life = [FULL_LIFE.created, FULL_LIFE.activated, terminated, renewed];
    for (const order of permutations(life)) {
      const subscription = only(order);
      expect(subscription).toMatchObject({
        endsAt: null,
        currentPeriodEnd: at("2026-03-25T00:00:00Z"),
        details: { terminatedAt: null, reactivatedAt: "2026-02-25T00:00:00.000Z", reactivations: 1 },
      });
      expect(statusAt(subscription, at("2026-03-01T00:00:00Z"))).toBe("active");
    }
    // Between the termination and the renewal, access had ended.
    expect(statusAt(only(life.slice(0, 3)), at("2026-02-22T00:00:00Z"))).toBe("cancelled");
    // A change of terms alone does not revive it.
    const termsOnly = subscriptionPayload("SubscriptionTermsChanged", 4, "2026-02-25T00:00:00Z", {
      planId: "pro",
    });
    expect(only([...life.slice(0, 3), termsOnly]).endsAt).toEqual(at("2026-02-21T00:00:00Z"));
  });

  it("keeps add-ons with the subscription and installation facts in details", () => {
    const addons = subscriptionPayload("AddonsUpdated", 2, "2026-01-02T00:00:00Z", {
      addons: [{ id: "fiscal-printer", quantity: 2 }],
    });
    const subscription = only([FULL_LIFE.created, addons, FULL_LIFE.installed]);
    expect(subscription.details).toMatchObject({
      addons: [{ id: "fiscal-printer", quantity: 2 }],
      installation: { installed: true, installedAt: "2026-01-01T10:00:01.000Z" },
    });
  });

  it("treats a subscription without trial as awaiting its first payment", () => {
    const created = subscriptionPayload("SubscriptionCreated", 1, "2026-01-01T00:00:00Z", {
      planId: "basic",
      trialPeriodDuration: "P0DT",
    });
    const subscription = only([created]);
    expect(subscription.trialEndsAt).toBeNull();
    expect(statusAt(subscription, at("2026-01-02T00:00:00Z"))).toBe("active");
    expect(statusAt(subscription, at("2026-01-06T00:00:01Z"))).toBe("expired");
  });

  it("notes sequence numbers that have not arrived", () => {
    const subscription = only([FULL_LIFE.created, FULL_LIFE.renewed]);
    expect(subscription.details.missingSequenceNumbers).toEqual([2]);
    expect(subscription.currentPeriodEnd).toEqual(at("2026-03-15T10:06:00Z"));
  });

  it("records every plan seen", () => {
    const plans = plansSeen(arrived([FULL_LIFE.created, FULL_LIFE.termsChanged]));
    expect(plans.map((plan) => [plan.planId, plan.hasFreeTrial])).toEqual([
      ["basic", true],
      ["pro", null],
    ]);
  });
});

describe("arrival order does not matter", () => {
  it("gives the in-order state for every permutation of Created, Activated, Renewed, and every prefix", () => {
    const sequence = [FULL_LIFE.created, FULL_LIFE.activated, FULL_LIFE.renewed];
    let checked = 0;
    for (const order of permutations(sequence)) {
      for (let count = 1; count <= order.length; count += 1) {
        const delivered = order.slice(0, count);
        const inOrder = sequence.filter((event) => delivered.includes(event));
        expect(comparable(fold(delivered))).toEqual(comparable(fold(inOrder)));
        checked += 1;
      }
    }
    expect(checked).toBe(18);
  });

  it("ignores duplicates", () => {
    const once = fold([FULL_LIFE.created, FULL_LIFE.activated]);
    const twice = fold([FULL_LIFE.activated, FULL_LIFE.created, FULL_LIFE.activated, FULL_LIFE.created]);
    expect(comparable(twice)).toEqual(comparable(once));
  });

  it("replays the full life in every order (5040) to the in-order state", () => {
    const life = FULL_LIFE_IN_ORDER;
    const expected = comparable(fold(life));
    expect(expected[0]).toMatchObject({
      planId: "pro",
      units: 5,
      currentPeriodEnd: at("2026-03-15T10:06:00Z"),
      endsAt: at("2026-03-15T10:06:00Z"),
      details: { installation: { installed: true }, terminatedAt: "2026-03-15T10:06:00.000Z" },
    });
    let orders = 0;
    for (const order of permutations(life)) {
      expect(comparable(fold(order))).toEqual(expected);
      orders += 1;
    }
    expect(orders).toBe(5040);
  });

  it("keeps two subscriptions of one user apart", () => {
    const other = "22222222-2222-4222-8222-222222222222";
    const subscriptions = fold([
      FULL_LIFE.created,
      subscriptionPayload(
        "SubscriptionCreated",
        1,
        "2026-01-03T00:00:00Z",
        { planId: "pro", trialPeriodDuration: "P30DT", deviceNumber: 1 },
        other,
      ),
      FULL_LIFE.activated,
      installationPayload(
        "c0000000-0000-4000-8000-000000000002",
        "ApplicationInstalled",
        Date.parse("2026-01-03T00:00:02Z"),
      ),
    ]);
    expect(subscriptions.map((s) => [s.subscriptionId, s.planId, s.units])).toEqual([
      [other, "pro", 1],
      ["a99fbf70-6307-4acc-b61c-741ee9eef6c0", "basic", 2],
    ]);
    // The second install belongs to the subscription started just before it.
    expect(subscriptions[0]?.details.installation).toMatchObject({ installed: true });
    expect(subscriptions[1]?.details.installation).toBeNull();
  });
});
