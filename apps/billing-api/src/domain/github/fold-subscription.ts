import type { Subscription } from "../subscriptions/subscription.js";
import type { PurchaseAction, PurchaseEvent, PurchaseFacts } from "./purchase-event.js";

/**
 * Where an event sorts among events at the same instant. A pending change is announced for a date on which
 * the change itself (`changed`) or a cancellation (`cancelled`) also lands; the announcement and its
 * withdrawal come first, so the real change clears them.
 */
const RANK: Record<PurchaseAction, number> = {
  pending_change: 0,
  pending_change_cancelled: 1,
  purchased: 2,
  changed: 2,
  cancelled: 2,
};

/** A pending change and its withdrawal are announcements: they happen when the buyer acts, not at a date. */
function isAnnouncement(action: PurchaseAction): boolean {
  return action === "pending_change" || action === "pending_change_cancelled";
}

/**
 * The instant an event takes its place in the account's story. `purchased`, `changed` and `cancelled` happen
 * at their `effective_date`. A pending change (and its withdrawal) is announced when GitHub sends it, which is
 * when it reached the log: GitHub does not say which date a withdrawal carries (the withdrawn change's, or the
 * moment of withdrawal), so its date cannot order it against the announcement it withdraws. An announcement
 * can only have been sent before the date it names, so a late redelivery still takes the earlier of the two.
 */
export function storyInstant(event: PurchaseOrderKey): number {
  const effective = event.effectiveAt.getTime();
  return isAnnouncement(event.action) ? Math.min(effective, event.receivedAt.getTime()) : effective;
}

/**
 * The order GitHub's events take effect in: the instant above, then the rank, then arrival. Sorting by this
 * before folding makes the result the same for every arrival order of the same deliveries (each with the time
 * it was received). What stays ambiguous: two announcements received at the same instant, or a redelivery of
 * an old announcement received after a newer one, are taken in the order they reached the log.
 */
export function compareEvents(a: PurchaseOrderKey, b: PurchaseOrderKey): number {
  return (
    storyInstant(a) - storyInstant(b) || RANK[a.action] - RANK[b.action] || compareIds(a.eventId, b.eventId)
  );
}

/** What an event's place in GitHub's order depends on. */
export type PurchaseOrderKey = Pick<PurchaseEvent, "effectiveAt" | "receivedAt" | "action" | "eventId">;

function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

export interface DoublePurchase {
  eventId: string;
  at: string;
  planId: string;
}

/**
 * Derives a GitHub account's subscription from all its `marketplace_purchase` events (any arrival order).
 * Returns null when there is nothing to derive (no events). Pure: `now` only stamps `updatedAt`.
 */
export function foldSubscription(events: readonly PurchaseEvent[], now: Date): Subscription | null {
  const ordered = [...events].sort(compareEvents);
  let state: Subscription | null = null;
  for (const event of ordered) {
    state = applyPurchaseEvent(state, event, now);
  }
  return state;
}

/**
 * One step of the fold: the subscription after `event`, which must sort after every event already folded
 * into `state`. `now` only stamps `updatedAt`.
 */
export function applyPurchaseEvent(
  state: Subscription | null,
  event: PurchaseEvent,
  now: Date,
): Subscription {
  const ended = state?.endsAt != null && state.endsAt <= event.effectiveAt;
  switch (event.action) {
    case "purchased": {
      if (state === null || ended) {
        return startPeriod(event, now, state);
      }
      // Bought again while subscribed: one subscription stays, taking the latest purchase, and the fact is
      // kept. A purchase seen through GitHub's API (reconciliation, onboarding) and its webhook are one
      // purchase told twice, not a double purchase.
      const sameStory = event.source !== "webhook" || state.details.purchaseSource !== "webhook";
      const doublePurchases = [
        ...((state.details.doublePurchases as DoublePurchase[] | undefined) ?? []),
        ...(sameStory
          ? []
          : [{ eventId: event.eventId, at: event.effectiveAt.toISOString(), planId: event.purchase.planId }]),
      ];
      return {
        ...withPurchase(state, event.purchase),
        endsAt: null,
        pendingChange: null,
        details: {
          ...state.details,
          ...purchaseDetails(event.purchase),
          ...(doublePurchases.length > 0 ? { doublePurchases } : {}),
          purchaseSource: event.source === "webhook" ? "webhook" : state.details.purchaseSource,
        },
        lastEventId: event.eventId,
        updatedAt: now,
      };
    }
    case "changed": {
      // A change without a known purchase (its webhook was lost) still establishes the subscription.
      const base = state === null || ended ? startPeriod(event, now, state) : state;
      return {
        ...withPurchase(base, event.purchase),
        endsAt: null,
        pendingChange: null,
        details: { ...base.details, ...purchaseDetails(event.purchase) },
        lastEventId: event.eventId,
        updatedAt: now,
      };
    }
    case "pending_change": {
      const base = state ?? startPeriod({ ...event, purchase: event.previous ?? event.purchase }, now, null);
      const target = event.purchase;
      return {
        ...base,
        pendingChange: {
          planId: target.planId,
          planName: target.planName,
          units: target.priceModel === "per_unit" ? target.unitCount : null,
          effectiveAt: event.effectiveAt,
        },
        lastEventId: event.eventId,
        updatedAt: now,
      };
    }
    case "pending_change_cancelled": {
      const base = state ?? startPeriod(event, now, null);
      return { ...base, pendingChange: null, lastEventId: event.eventId, updatedAt: now };
    }
    case "cancelled": {
      const base = state ?? startPeriod(event, now, null);
      // Trials and free plans end at once: never later than the moment GitHub told us.
      const onTrial =
        event.purchase.onFreeTrial || (base.trialEndsAt !== null && base.trialEndsAt > event.effectiveAt);
      const immediate = onTrial || event.purchase.priceModel === "free";
      const endsAt = immediate && event.receivedAt < event.effectiveAt ? event.receivedAt : event.effectiveAt;
      return {
        ...base,
        endsAt,
        pendingChange: null,
        details: { ...base.details, cancelledAt: event.effectiveAt.toISOString() },
        lastEventId: event.eventId,
        updatedAt: now,
      };
    }
  }
}

/** A new subscription period from a purchase (or the first event seen for the account). */
function startPeriod(event: PurchaseEvent, now: Date, previous: Subscription | null): Subscription {
  const blank: Subscription = {
    marketplace: "github",
    accountId: event.purchase.accountId,
    subscriptionId: event.purchase.accountId,
    planId: null,
    planName: null,
    units: null,
    billingCycle: null,
    startedAt: event.effectiveAt,
    trialEndsAt: null,
    currentPeriodEnd: null,
    lapsesAt: null,
    endsAt: null,
    pendingChange: null,
    billedBy: "marketplace",
    details: {
      // Earlier periods stay explainable from the event log; only how many there were is carried over.
      periods: ((previous?.details.periods as number | undefined) ?? 0) + 1,
      purchaseSource: event.source,
    },
    lastEventId: event.eventId,
    updatedAt: now,
  };
  return {
    ...withPurchase(blank, event.purchase),
    details: { ...blank.details, ...purchaseDetails(event.purchase) },
  };
}

function withPurchase(state: Subscription, purchase: PurchaseFacts): Subscription {
  return {
    ...state,
    planId: purchase.planId,
    planName: purchase.planName,
    // Seats only mean something on per-unit plans; flat-rate limits come from the vendor's plan mapping.
    units: purchase.priceModel === "per_unit" ? purchase.unitCount : null,
    billingCycle: purchase.billingCycle,
    trialEndsAt: purchase.onFreeTrial ? purchase.freeTrialEndsOn : null,
    currentPeriodEnd: purchase.nextBillingDate,
  };
}

function purchaseDetails(purchase: PurchaseFacts): Record<string, unknown> {
  return {
    accountType: purchase.accountType,
    accountLogin: purchase.accountLogin,
    priceModel: purchase.priceModel,
    unitCount: purchase.unitCount,
    onFreeTrial: purchase.onFreeTrial,
  };
}
