import { describe, expect, it } from "vitest";
import { statusAt, subscriptionAt } from "../subscriptions/subscription-status.js";
import { foldSubscription } from "./fold-subscription.js";
import type { PurchaseAction, PurchaseEvent, PurchaseFacts } from "./purchase-event.js";

const ACCOUNT = "18404719";

function facts(overrides: Partial<PurchaseFacts> = {}): PurchaseFacts {
  const planId = overrides.planId ?? "435";
  return {
    accountId: ACCOUNT,
    accountType: "Organization",
    accountLogin: "octo-org",
    planId,
    planName: overrides.planName ?? "Basic",
    priceModel: "per_unit",
    billingCycle: "monthly",
    unitCount: 5,
    onFreeTrial: false,
    freeTrialEndsOn: null,
    nextBillingDate: new Date("2026-02-01T00:00:00Z"),
    plan: {
      marketplace: "github",
      planId,
      name: "Basic",
      description: null,
      priceModel: "per_unit",
      monthlyPriceCents: 1000,
      yearlyPriceCents: 10000,
      unitName: "seat",
      hasFreeTrial: true,
      bullets: [],
    },
    ...overrides,
  };
}

let nextId = 1;
function event(
  action: PurchaseAction,
  effective: string,
  purchase: Partial<PurchaseFacts> = {},
  extra: Partial<PurchaseEvent> = {},
): PurchaseEvent {
  return {
    eventId: String(nextId++),
    source: "webhook",
    action,
    effectiveAt: new Date(effective),
    receivedAt: new Date(effective),
    purchase: facts(purchase),
    previous: null,
    ...extra,
  };
}

const NOW = new Date("2026-06-01T00:00:00Z");

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) {
    return [[...items]];
  }
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
  );
}

/** Delivers the same events in another arrival order: the log ids (arrival) follow the new order. */
function arriving(order: readonly PurchaseEvent[]): PurchaseEvent[] {
  return order.map((item, index) => ({ ...item, eventId: String(1000 + index) }));
}

/** The parts of the state that must not depend on arrival order. */
function essence(events: readonly PurchaseEvent[]) {
  const state = foldSubscription(events, NOW);
  if (!state) {
    return null;
  }
  const { lastEventId: _last, details, ...rest } = state;
  const { doublePurchases, ...otherDetails } = details as { doublePurchases?: Array<{ planId: string }> };
  return { ...rest, details: otherDetails, doublePurchaseCount: doublePurchases?.length ?? 0 };
}

describe("GitHub subscription fold", () => {
  it("starts a paid subscription on purchase", () => {
    const state = foldSubscription([event("purchased", "2026-01-01T00:00:00Z")], NOW);
    expect(state).toMatchObject({
      marketplace: "github",
      accountId: ACCOUNT,
      subscriptionId: ACCOUNT,
      planId: "435",
      units: 5,
      billingCycle: "monthly",
      startedAt: new Date("2026-01-01T00:00:00Z"),
      trialEndsAt: null,
      endsAt: null,
      billedBy: "marketplace",
    });
    expect(statusAt(state!, new Date("2026-01-15T00:00:00Z"))).toBe("active");
  });

  it("gives a free trial the paid plan's access until it ends, then counts it converted", () => {
    const trialEnd = new Date("2026-01-15T00:00:00Z");
    const state = foldSubscription(
      [
        event("purchased", "2026-01-01T00:00:00Z", {
          onFreeTrial: true,
          freeTrialEndsOn: trialEnd,
          nextBillingDate: null,
        }),
      ],
      NOW,
    )!;
    expect(state.trialEndsAt).toEqual(trialEnd);
    expect(state.planId).toBe("435");
    expect(statusAt(state, new Date("2026-01-10T00:00:00Z"))).toBe("trialing");
    // GitHub bills at the end of a trial unless it was cancelled; the `changed` that follows confirms it.
    expect(statusAt(state, new Date("2026-01-16T00:00:00Z"))).toBe("active");
  });

  it("converts a trial to paid on changed", () => {
    const state = foldSubscription(
      [
        event("purchased", "2026-01-01T00:00:00Z", {
          onFreeTrial: true,
          freeTrialEndsOn: new Date("2026-01-15T00:00:00Z"),
        }),
        event("changed", "2026-01-15T00:00:00Z", {
          onFreeTrial: false,
          nextBillingDate: new Date("2026-02-15T00:00:00Z"),
        }),
      ],
      NOW,
    )!;
    expect(state.trialEndsAt).toBeNull();
    expect(state.currentPeriodEnd).toEqual(new Date("2026-02-15T00:00:00Z"));
    expect(statusAt(state, new Date("2026-01-16T00:00:00Z"))).toBe("active");
  });

  it("ends a cancelled trial at once, even when the effective date is later", () => {
    const state = foldSubscription(
      [
        event("purchased", "2026-01-01T00:00:00Z", {
          onFreeTrial: true,
          freeTrialEndsOn: new Date("2026-01-15T00:00:00Z"),
        }),
        event(
          "cancelled",
          "2026-01-15T00:00:00Z",
          { onFreeTrial: true, unitCount: 0 },
          { receivedAt: new Date("2026-01-05T09:00:00Z") },
        ),
      ],
      NOW,
    )!;
    expect(state.endsAt).toEqual(new Date("2026-01-05T09:00:00Z"));
    expect(statusAt(state, new Date("2026-01-05T10:00:00Z"))).toBe("cancelled");
  });

  it("keeps a cancelled paid plan until the effective date, then ends it", () => {
    const state = foldSubscription(
      [
        event("purchased", "2026-01-01T00:00:00Z"),
        event("cancelled", "2026-02-01T00:00:00Z", { unitCount: 0 }),
      ],
      NOW,
    )!;
    expect(state.endsAt).toEqual(new Date("2026-02-01T00:00:00Z"));
    expect(statusAt(state, new Date("2026-01-31T00:00:00Z"))).toBe("pending_cancellation");
    expect(statusAt(state, new Date("2026-02-01T00:00:00Z"))).toBe("cancelled");
  });

  it("applies an upgrade now but a downgrade only at its date", () => {
    const upgraded = foldSubscription(
      [
        event("purchased", "2026-01-01T00:00:00Z", { planId: "435", planName: "Basic" }),
        event("changed", "2026-01-10T00:00:00Z", { planId: "436", planName: "Pro" }),
      ],
      NOW,
    )!;
    expect(upgraded.planId).toBe("436");

    const downgrade = event("pending_change", "2026-02-01T00:00:00Z", {
      planId: "434",
      planName: "Starter",
      unitCount: 2,
    });
    const pending = foldSubscription(
      [event("purchased", "2026-01-01T00:00:00Z", { planId: "435" }), downgrade],
      NOW,
    )!;
    expect(pending.planId).toBe("435");
    expect(pending.pendingChange).toEqual({
      planId: "434",
      planName: "Starter",
      units: 2,
      effectiveAt: new Date("2026-02-01T00:00:00Z"),
    });
    // Read before and after the date, without any job having run.
    expect(subscriptionAt(pending, new Date("2026-01-31T00:00:00Z")).planId).toBe("435");
    const after = subscriptionAt(pending, new Date("2026-02-01T00:00:00Z"));
    expect(after).toMatchObject({ planId: "434", units: 2, pendingChange: null });
  });

  it("records the pending target even when GitHub sends identical purchase objects", () => {
    const same = facts();
    const state = foldSubscription(
      [
        event("purchased", "2026-01-01T00:00:00Z"),
        event("pending_change", "2026-02-01T00:00:00Z", {}, { previous: same }),
      ],
      NOW,
    )!;
    expect(state.pendingChange).toMatchObject({
      planId: "435",
      effectiveAt: new Date("2026-02-01T00:00:00Z"),
    });
  });

  it("drops a pending change that is withdrawn, and clears it when the change happens", () => {
    const purchase = event("purchased", "2026-01-01T00:00:00Z");
    const announced = event("pending_change", "2026-02-01T00:00:00Z", { planId: "434", unitCount: 2 });
    const withdrawn = event("pending_change_cancelled", "2026-02-01T00:00:00Z");
    expect(foldSubscription([purchase, announced, withdrawn], NOW)?.pendingChange).toBeNull();

    const happened = event("changed", "2026-02-01T00:00:00Z", { planId: "434", unitCount: 2 });
    const state = foldSubscription([purchase, announced, happened], NOW)!;
    expect(state).toMatchObject({ planId: "434", units: 2, pendingChange: null });
  });

  describe("announcements take their place when they were sent, changes at their effective date", () => {
    const purchase = event("purchased", "2026-01-01T00:00:00Z");
    const announced = (effective: string, received: string, planId = "434") =>
      event("pending_change", effective, { planId, unitCount: 2 }, { receivedAt: new Date(received) });
    const withdrawn = (effective: string, received: string) =>
      event("pending_change_cancelled", effective, {}, { receivedAt: new Date(received) });

    it("a withdrawal dated at the moment it was made removes a change dated at the cycle's end", () => {
      const life = [
        purchase,
        announced("2026-02-01T00:00:00Z", "2026-01-10T00:00:00Z"),
        withdrawn("2026-01-12T00:00:00Z", "2026-01-12T00:00:05Z"),
      ];
      for (const order of permutations(life)) {
        expect(foldSubscription(arriving(order), NOW)?.pendingChange).toBeNull();
      }
    });

    it("a change announced again after a withdrawal on the same date stays", () => {
      const life = [
        purchase,
        announced("2026-02-01T00:00:00Z", "2026-01-10T00:00:00Z"),
        withdrawn("2026-02-01T00:00:00Z", "2026-01-12T00:00:00Z"),
        announced("2026-02-01T00:00:00Z", "2026-01-14T00:00:00Z", "433"),
      ];
      for (const order of permutations(life)) {
        expect(foldSubscription(arriving(order), NOW)?.pendingChange).toMatchObject({
          planId: "433",
          effectiveAt: new Date("2026-02-01T00:00:00Z"),
        });
      }
    });

    it("an upgrade after a pending downgrade replaces it; a downgrade announced after an upgrade stays", () => {
      const upgrade = event("changed", "2026-01-20T00:00:00Z", { planId: "436" });
      const before = [purchase, announced("2026-02-01T00:00:00Z", "2026-01-10T00:00:00Z"), upgrade];
      const after = [purchase, upgrade, announced("2026-02-01T00:00:00Z", "2026-01-25T00:00:00Z")];
      for (const order of permutations(before)) {
        expect(foldSubscription(arriving(order), NOW)).toMatchObject({ planId: "436", pendingChange: null });
      }
      for (const order of permutations(after)) {
        expect(foldSubscription(arriving(order), NOW)).toMatchObject({
          planId: "436",
          pendingChange: { planId: "434" },
        });
      }
    });

    it("a redelivered announcement received after its date still comes before the change it announced", () => {
      const life = [
        purchase,
        event("changed", "2026-02-01T00:00:00Z", { planId: "434", unitCount: 2 }),
        announced("2026-02-01T00:00:00Z", "2026-02-02T00:00:00Z"),
      ];
      for (const order of permutations(life)) {
        expect(foldSubscription(arriving(order), NOW)).toMatchObject({ planId: "434", pendingChange: null });
      }
    });
  });

  it("follows per-unit seat changes and ignores unit counts on flat-rate plans", () => {
    const seats = foldSubscription(
      [
        event("purchased", "2026-01-01T00:00:00Z", { unitCount: 1 }),
        event("changed", "2026-01-02T00:00:00Z", { unitCount: 10 }),
      ],
      NOW,
    )!;
    expect(seats.units).toBe(10);

    const flat = foldSubscription(
      [event("purchased", "2026-01-01T00:00:00Z", { priceModel: "flat_rate", unitCount: 1 })],
      NOW,
    )!;
    expect(flat.units).toBeNull();
    expect(flat.details.unitCount).toBe(1);
  });

  it("keeps one subscription on a double purchase and records it", () => {
    const state = foldSubscription(
      [
        event("purchased", "2026-01-01T00:00:00Z", { planId: "435" }),
        event("purchased", "2026-01-03T00:00:00Z", { planId: "436" }),
      ],
      NOW,
    )!;
    expect(state.planId).toBe("436");
    expect(state.startedAt).toEqual(new Date("2026-01-01T00:00:00Z"));
    expect(state.details.doublePurchases).toEqual([expect.objectContaining({ planId: "436" })]);
  });

  it("does not count a purchase seen through GitHub's API and its webhook as a double purchase", () => {
    const provisioned = event("purchased", "2026-01-02T00:00:00Z", {}, { source: "onboarding" });
    const webhook = event("purchased", "2026-01-01T00:00:00Z");
    for (const order of [
      [provisioned, webhook],
      [webhook, provisioned],
    ]) {
      const state = foldSubscription(arriving(order), NOW)!;
      expect(state.details.doublePurchases).toBeUndefined();
      expect(state.startedAt).toEqual(new Date("2026-01-01T00:00:00Z"));
    }
  });

  it("starts a new period when an account buys again after its cancellation took effect", () => {
    const state = foldSubscription(
      [
        event("purchased", "2026-01-01T00:00:00Z"),
        event("cancelled", "2026-02-01T00:00:00Z"),
        event("purchased", "2026-03-01T00:00:00Z", { planId: "436" }),
      ],
      NOW,
    )!;
    expect(state).toMatchObject({ planId: "436", endsAt: null, startedAt: new Date("2026-03-01T00:00:00Z") });
    expect(state.details.periods).toBe(2);
    expect(state.details.doublePurchases).toBeUndefined();
  });

  it("establishes the subscription from a change whose purchase was never received", () => {
    const state = foldSubscription([event("changed", "2026-01-10T00:00:00Z", { unitCount: 3 })], NOW)!;
    expect(state).toMatchObject({ planId: "435", units: 3, startedAt: new Date("2026-01-10T00:00:00Z") });
  });

  it("reaches the in-order state for every arrival order of a life", () => {
    const life = [
      event("purchased", "2026-01-01T00:00:00Z", {
        onFreeTrial: true,
        freeTrialEndsOn: new Date("2026-01-15T00:00:00Z"),
      }),
      event("changed", "2026-01-15T00:00:00Z", { onFreeTrial: false, unitCount: 8 }),
      event("pending_change", "2026-02-15T00:00:00Z", { planId: "434", unitCount: 2 }),
      event("pending_change_cancelled", "2026-02-15T00:00:00Z", { unitCount: 8 }),
      event("cancelled", "2026-03-15T00:00:00Z", { unitCount: 0 }),
    ];
    const inOrder = essence(arriving(life));
    expect(inOrder).toMatchObject({
      units: 8,
      endsAt: new Date("2026-03-15T00:00:00Z"),
      pendingChange: null,
    });
    const orders = permutations(life);
    expect(orders).toHaveLength(120);
    for (const order of orders) {
      expect(essence(arriving(order))).toEqual(inOrder);
    }
  });

  it("reaches the in-order state for every arrival order of a downgrade that takes effect", () => {
    const life = [
      event("purchased", "2026-01-01T00:00:00Z", { planId: "436", unitCount: 10 }),
      event("changed", "2026-01-05T00:00:00Z", { planId: "436", unitCount: 12 }),
      event("pending_change", "2026-02-01T00:00:00Z", { planId: "435", unitCount: 4 }),
      event("changed", "2026-02-01T00:00:00Z", { planId: "435", unitCount: 4 }),
    ];
    const inOrder = essence(arriving(life));
    expect(inOrder).toMatchObject({ planId: "435", units: 4, pendingChange: null, endsAt: null });
    for (const order of permutations(life)) {
      expect(essence(arriving(order))).toEqual(inOrder);
    }
  });
});
