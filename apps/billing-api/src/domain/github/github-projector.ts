import type { InboundEvent } from "../events/inbound-event.js";
import type { ObservedPlan } from "../plans/plan.js";
import type { AccountProjector, RejectedEvent } from "../subscriptions/account-projector.js";
import { foldSubscription } from "./fold-subscription.js";
import { isPurchaseEventType, type PurchaseEvent, readPurchaseEvent } from "./purchase-event.js";

/** GitHub: one subscription per account, folded from its `marketplace_purchase` events. */
export const githubProjector: AccountProjector = {
  project(events: readonly InboundEvent[], now: Date) {
    const purchases: PurchaseEvent[] = [];
    const rejected: RejectedEvent[] = [];
    for (const event of events) {
      if (!isPurchaseEventType(event.eventType)) {
        continue;
      }
      const read = readPurchaseEvent(event);
      if (read.ok) {
        purchases.push(read.value);
      } else {
        rejected.push({ eventId: event.id, reason: read.reason });
      }
    }
    const subscription = foldSubscription(purchases, now);
    const plans = new Map<string, ObservedPlan>();
    for (const purchase of purchases) {
      for (const facts of [purchase.previous, purchase.purchase]) {
        const known = facts ? plans.get(facts.planId) : undefined;
        if (facts && (!known || known.seenAt <= purchase.receivedAt)) {
          plans.set(facts.planId, { ...facts.plan, seenAt: purchase.receivedAt });
        }
      }
    }
    return { subscriptions: subscription ? [subscription] : [], plans: [...plans.values()], rejected };
  },
};
