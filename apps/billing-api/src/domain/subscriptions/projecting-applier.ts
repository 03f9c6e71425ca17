import type { ApplyOutcome, EventApplier } from "../events/event-processor.js";
import { countsForAccount, type InboundEvent, type Marketplace } from "../events/inbound-event.js";
import type { Clock } from "../time/clock.js";
import type { AccountProjector } from "./account-projector.js";
import type { SubscriptionStore } from "./subscription-store.js";

/**
 * Applies a stored event by re-deriving its account's subscriptions from every event logged for it, under the
 * account's lock. Re-deriving (rather than patching the stored state) is what makes late, early, repeated and
 * concurrent deliveries converge on the state in-order delivery gives. Any marketplace plugs in a projector.
 */
export class ProjectingEventApplier implements EventApplier {
  constructor(
    private readonly marketplace: Marketplace,
    private readonly projector: AccountProjector,
    private readonly store: SubscriptionStore,
    private readonly clock: Clock,
    /** Event types with an effect on subscriptions; the rest are stored and ignored. */
    private readonly appliesTo: (eventType: string) => boolean,
  ) {}

  async apply(event: InboundEvent): Promise<ApplyOutcome> {
    if (!this.appliesTo(event.eventType)) {
      return {
        kind: "ignored",
        reason: `${this.marketplace} event ${event.eventType} has no effect on subscriptions`,
      };
    }
    if (event.accountId === null) {
      throw new Error(`a ${event.eventType} event without an account id cannot be applied`);
    }
    const rejection = await this.store.withAccount(this.marketplace, event.accountId, async (unit) => {
      // Dead events are quarantined: the account is what its other events say.
      const events = (await unit.events()).filter(
        (logged) => logged.id === event.id || countsForAccount(logged.status),
      );
      const { subscriptions, plans, rejected } = this.projector.project(events, this.clock.now());
      for (const subscription of subscriptions) {
        await unit.saveSubscription(subscription);
      }
      for (const plan of plans) {
        await unit.recordPlan(plan);
      }
      return rejected.find((item) => item.eventId === event.id);
    });
    return rejection ? { kind: "rejected", reason: rejection.reason } : { kind: "applied" };
  }
}
