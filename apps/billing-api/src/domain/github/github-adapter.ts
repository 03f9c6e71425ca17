import type { MarketplaceAdapter } from "../marketplaces/marketplace-adapter.js";
import type { ObservedPlan } from "../plans/plan.js";
import type { Subscription } from "../subscriptions/subscription.js";
import { applyPurchaseEvent, compareEvents, type PurchaseOrderKey } from "./fold-subscription.js";
import { isPurchaseEventType, type PurchaseEvent, readPurchaseEvent } from "./purchase-event.js";

/** GitHub's fold state: the account's one subscription and the place in GitHub's order it has reached. */
export interface GithubFoldState {
  subscription: Subscription | null;
  last: PurchaseOrderKey | null;
}

/** Only `updatedAt` depends on when a step runs; the result stamps it once. */
const STEP_TIME = new Date(0);

/** GitHub Marketplace: one subscription per account, folded from its `marketplace_purchase` events. */
export const githubAdapter: MarketplaceAdapter<PurchaseEvent, GithubFoldState> = {
  marketplace: "github",
  appliesTo: (event) => isPurchaseEventType(event.eventType),
  decode: readPurchaseEvent,
  fold: {
    compare: compareEvents,
    initial: () => ({ subscription: null, last: null }),
    follows: (state, event) => state.last === null || compareEvents(state.last, event) < 0,
    step(state, event) {
      return {
        subscription: applyPurchaseEvent(state.subscription, event, STEP_TIME),
        last: {
          effectiveAt: event.effectiveAt,
          receivedAt: event.receivedAt,
          action: event.action,
          eventId: event.eventId,
        },
      };
    },
    subscriptions: (state, now) => (state.subscription ? [{ ...state.subscription, updatedAt: now }] : []),
  },
  plansObserved(events) {
    const plans = new Map<string, ObservedPlan>();
    for (const purchase of events) {
      for (const facts of [purchase.previous, purchase.purchase]) {
        const known = facts ? plans.get(facts.planId) : undefined;
        if (facts && (!known || known.seenAt <= purchase.receivedAt)) {
          plans.set(facts.planId, { ...facts.plan, seenAt: purchase.receivedAt });
        }
      }
    }
    return [...plans.values()];
  },
};
