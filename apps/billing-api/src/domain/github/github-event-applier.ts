import type { ApplyOutcome, EventApplier } from "../events/event-processor.js";
import type { InboundEvent } from "../events/inbound-event.js";
import type { SubscriptionStore } from "../subscriptions/subscription-store.js";
import type { Clock } from "../time/clock.js";
import { foldSubscription } from "./fold-subscription.js";
import { isPurchaseEventType, toPurchaseEvent } from "./purchase-event.js";

/**
 * Applies a stored GitHub delivery by re-deriving the account's subscription from every `marketplace_purchase`
 * event logged for it, under the account's lock. Re-deriving (rather than patching the stored state) is what
 * makes late, early and repeated deliveries converge on the state in-order delivery gives.
 */
export class GithubEventApplier implements EventApplier {
  constructor(
    private readonly store: SubscriptionStore,
    private readonly clock: Clock,
  ) {}

  async apply(event: InboundEvent): Promise<ApplyOutcome> {
    if (!isPurchaseEventType(event.eventType)) {
      return { kind: "ignored", reason: `GitHub event ${event.eventType} has no effect on subscriptions` };
    }
    if (event.accountId === null) {
      throw new Error("a marketplace_purchase event without an account id cannot be applied");
    }
    await this.store.withAccount("github", event.accountId, async (unit) => {
      const logged = (await unit.events()).filter((candidate) => isPurchaseEventType(candidate.eventType));
      const purchases = logged.map(toPurchaseEvent);
      const now = this.clock.now();
      const subscription = foldSubscription(purchases, now);
      if (subscription) {
        await unit.saveSubscription(subscription);
      }
      const current = toPurchaseEvent(event);
      for (const facts of [current.purchase, current.previous]) {
        if (facts) {
          await unit.recordPlan({ ...facts.plan, seenAt: current.receivedAt });
        }
      }
    });
    return { kind: "applied" };
  }
}
