import type { InboundEvent } from "../events/inbound-event.js";
import type { ObservedPlan } from "../plans/plan.js";
import type { Subscription } from "./subscription.js";

/** An event the fold could not interpret; it was left out and the account derived from the others. */
export interface RejectedEvent {
  eventId: string;
  reason: string;
}

export interface Projection {
  subscriptions: Subscription[];
  plans: ObservedPlan[];
  /** Events left out because they cannot be interpreted; never thrown, so one bad event spoils nothing else. */
  rejected: RejectedEvent[];
}

/**
 * A marketplace adapter's pure derivation of an account's subscriptions from its logged events (any arrival
 * order). Applying an event, replaying an account and explaining its history all go through it. It never
 * throws for an event's content: what it cannot interpret goes to `rejected`.
 */
export interface AccountProjector {
  project(events: readonly InboundEvent[], now: Date): Projection;
}
