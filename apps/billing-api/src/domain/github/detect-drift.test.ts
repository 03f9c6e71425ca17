import { describe, expect, it } from "vitest";
import type { Subscription } from "../subscriptions/subscription.js";
import { repairForUnlistedAccount, repairsForListedAccount } from "./detect-drift.js";
import type { ObservedPurchase } from "./observed-purchase.js";

const now = new Date("2026-03-01T12:00:00Z");
const plan = (id: number) => ({ id, name: `Plan ${id}`, price_model: "per-unit" });

function observed(overrides: Partial<ObservedPurchase> = {}): ObservedPurchase {
  return {
    account: { id: 7, type: "Organization", login: "octo-org" },
    billingCycle: "monthly",
    nextBillingDate: "2026-04-01T00:00:00Z",
    unitCount: 5,
    onFreeTrial: false,
    freeTrialEndsOn: null,
    updatedAt: "2026-02-20T10:00:00Z",
    plan: plan(435),
    pendingChange: null,
    ...overrides,
  };
}

function subscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    marketplace: "github",
    accountId: "7",
    subscriptionId: "7",
    planId: "435",
    planName: "Plan 435",
    units: 5,
    billingCycle: "monthly",
    startedAt: new Date("2026-02-01T00:00:00Z"),
    trialEndsAt: null,
    currentPeriodEnd: new Date("2026-04-01T00:00:00Z"),
    lapsesAt: null,
    endsAt: null,
    pendingChange: null,
    billedBy: "marketplace",
    details: { accountType: "Organization", accountLogin: "octo-org", priceModel: "per_unit", unitCount: 5 },
    lastEventId: "3",
    updatedAt: now,
    ...overrides,
  };
}

describe("repairsForListedAccount", () => {
  it("repairs nothing when our state agrees with GitHub's", () => {
    expect(repairsForListedAccount(observed(), subscription(), now, "reconciliation")).toEqual([]);
  });

  it("buys again for an account with no subscription or an ended one", () => {
    for (const current of [null, subscription({ endsAt: new Date("2026-02-15T00:00:00Z") })]) {
      const [repair, ...rest] = repairsForListedAccount(observed(), current, now, "reconciliation");
      expect(rest).toEqual([]);
      expect(repair).toMatchObject({
        kind: "missed_purchase",
        accountId: "7",
        payload: { action: "purchased", effective_date: now.toISOString() },
      });
    }
  });

  it("leaves a recorded cancellation alone until it takes effect", () => {
    const pendingCancel = subscription({ endsAt: new Date("2026-04-01T00:00:00Z") });
    expect(repairsForListedAccount(observed({ unitCount: 9 }), pendingCancel, now, "reconciliation")).toEqual(
      [],
    );
  });

  it("reports a change of plan, seats or cycle, keeping what we held as the previous purchase", () => {
    for (const change of [{ plan: plan(436) }, { unitCount: 9 }, { billingCycle: "yearly" }]) {
      const [repair] = repairsForListedAccount(observed(change), subscription(), now, "reconciliation");
      expect(repair?.kind).toBe("missed_change");
      expect(repair?.payload.previous_marketplace_purchase).toMatchObject({
        plan: { id: 435 },
        unit_count: 5,
      });
    }
  });

  it("ignores unit counts on flat-rate plans", () => {
    const flat = { ...plan(435), price_model: "FLAT_RATE" };
    expect(
      repairsForListedAccount(
        observed({ plan: flat, unitCount: 1 }),
        subscription({ units: null }),
        now,
        "x" as never,
      ),
    ).toEqual([]);
  });

  it("announces a pending change dated as GitHub dates it, once", () => {
    const pendingChange = { effectiveDate: "2026-04-01T00:00:00Z", unitCount: 2, plan: plan(434) };
    const [repair] = repairsForListedAccount(
      observed({ pendingChange }),
      subscription(),
      now,
      "reconciliation",
    );
    expect(repair).toMatchObject({
      kind: "pending_change",
      payload: { action: "pending_change", effective_date: "2026-04-01T00:00:00Z" },
    });
    const recorded = subscription({
      pendingChange: {
        planId: "434",
        planName: "Plan 434",
        units: 2,
        effectiveAt: new Date("2026-04-01T00:00:00Z"),
      },
    });
    expect(repairsForListedAccount(observed({ pendingChange }), recorded, now, "reconciliation")).toEqual([]);
    // GitHub no longer shows it: withdrawn, dated like the change so the fold sorts it after.
    const [withdrawn] = repairsForListedAccount(observed(), recorded, now, "reconciliation");
    expect(withdrawn).toMatchObject({
      kind: "pending_change_withdrawn",
      payload: { action: "pending_change_cancelled", effective_date: "2026-04-01T00:00:00.000Z" },
    });
  });

  it("takes the target plan of a pending change the listing shows as already due, and does not undo it", () => {
    const due = { effectiveDate: "2026-02-20T00:00:00Z", unitCount: 2, plan: plan(434) };
    const [purchase, ...rest] = repairsForListedAccount(
      observed({ pendingChange: due }),
      null,
      now,
      "reconciliation",
    );
    expect(rest).toEqual([]);
    expect(purchase).toMatchObject({
      kind: "missed_purchase",
      payload: { action: "purchased", marketplace_purchase: { plan: { id: 434 }, unit_count: 2 } },
    });
    // Our log holds the change as pending and its date has come, but its `changed` was lost: the same repair
    // whether the listing still shows it pending or already applied; once stored, nothing more.
    const held = subscription({
      pendingChange: {
        planId: "434",
        planName: "Plan 434",
        units: 2,
        effectiveAt: new Date(due.effectiveDate),
      },
    });
    for (const listing of [observed({ pendingChange: due }), observed({ plan: plan(434), unitCount: 2 })]) {
      const repairs = repairsForListedAccount(listing, held, now, "reconciliation");
      expect(repairs).toMatchObject([
        { kind: "missed_change", payload: { marketplace_purchase: { plan: { id: 434 }, unit_count: 2 } } },
      ]);
    }
    const changed = subscription({
      planId: "434",
      units: 2,
      details: { priceModel: "per_unit", unitCount: 2 },
    });
    expect(repairsForListedAccount(observed({ pendingChange: due }), changed, now, "reconciliation")).toEqual(
      [],
    );
  });

  it("refreshes a next billing date that went stale because GitHub renews without a webhook", () => {
    const stale = subscription({ currentPeriodEnd: new Date("2025-04-01T00:00:00Z") });
    const [refresh, ...rest] = repairsForListedAccount(observed(), stale, now, "reconciliation");
    expect(rest).toEqual([]);
    expect(refresh).toMatchObject({
      kind: "billing_date_refreshed",
      payload: { action: "changed", marketplace_purchase: { next_billing_date: "2026-04-01T00:00:00Z" } },
    });
    // The refresh is a change: a pending change GitHub still shows is announced again after it.
    const pendingChange = { effectiveDate: "2026-04-01T00:00:00Z", unitCount: 2, plan: plan(434) };
    const withPending = subscription({
      currentPeriodEnd: new Date("2025-04-01T00:00:00Z"),
      pendingChange: {
        planId: "434",
        planName: "Plan 434",
        units: 2,
        effectiveAt: new Date("2026-04-01T00:00:00Z"),
      },
    });
    expect(
      repairsForListedAccount(observed({ pendingChange }), withPending, now, "reconciliation").map(
        (r) => r.kind,
      ),
    ).toEqual(["billing_date_refreshed", "pending_change"]);
    expect(
      repairsForListedAccount(observed({ nextBillingDate: "not a date" }), stale, now, "reconciliation"),
    ).toEqual([]);
  });

  it("gives the same drift on the same state the same dedupe key, whatever the time", () => {
    const later = new Date(now.getTime() + 3_600_000);
    const [a] = repairsForListedAccount(observed({ unitCount: 9 }), subscription(), now, "reconciliation");
    const [b] = repairsForListedAccount(observed({ unitCount: 9 }), subscription(), later, "reconciliation");
    const [c] = repairsForListedAccount(
      observed({ unitCount: 9 }),
      subscription({ lastEventId: "4" }),
      now,
      "reconciliation",
    );
    expect(a?.dedupeKey).toBe(b?.dedupeKey);
    expect(a?.dedupeKey).not.toBe(c?.dedupeKey);
    expect(a?.dedupeKey).toMatch(/^reconciliation:7:missed_change:/);
  });
});

describe("repairForUnlistedAccount", () => {
  it("cancels a live subscription now and leaves ended or ending ones alone", () => {
    expect(repairForUnlistedAccount(subscription(), now, "reconciliation")).toMatchObject({
      kind: "missed_cancellation",
      payload: {
        action: "cancelled",
        effective_date: now.toISOString(),
        marketplace_purchase: { account: { id: 7, login: "octo-org" }, plan: { id: 435 }, unit_count: 0 },
      },
    });
    expect(repairForUnlistedAccount(subscription({ endsAt: now }), now, "reconciliation")).toBeNull();
  });
});
