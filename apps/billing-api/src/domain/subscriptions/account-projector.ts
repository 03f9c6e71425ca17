import type { InboundEvent } from "../events/inbound-event.js";
import type { ObservedPlan } from "../plans/plan.js";
import type { Subscription } from "./subscription.js";

/**
 * A marketplace adapter's pure derivation of an account's subscriptions from its logged events (any arrival
 * order). Applying an event, replaying an account and explaining its history all go through it.
 */
export interface AccountProjector {
  project(
    events: readonly InboundEvent[],
    now: Date,
  ): { subscriptions: Subscription[]; plans: ObservedPlan[] };
}
