import type { ApplyOutcome, EventApplier } from "../events/event-processor.js";
import type { InboundEvent } from "../events/inbound-event.js";
import type { SubscriptionStore } from "../subscriptions/subscription-store.js";
import type { Clock } from "../time/clock.js";
import {
  type EvotorEvent,
  INSTALLATION_EVENT_TYPES,
  parseInstallationEvent,
  parseSubscriptionEvent,
  SUBSCRIPTION_EVENT_TYPES,
} from "./evotor-events.js";
import { foldEvotorAccount, type LoggedEvotorEvent, plansSeen } from "./evotor-subscription-fold.js";

const KNOWN_TYPES: ReadonlySet<string> = new Set([...SUBSCRIPTION_EVENT_TYPES, ...INSTALLATION_EVENT_TYPES]);

/** Parses a stored Evotor event back; its dedupe key says which endpoint it came through. */
export function parseStoredEvotorEvent(event: InboundEvent): EvotorEvent | null {
  if (event.marketplace !== "evotor") {
    return null;
  }
  if (event.dedupeKey.startsWith("subscription:")) {
    const parsed = parseSubscriptionEvent(event.payload);
    return parsed.ok ? parsed.value : null;
  }
  if (event.dedupeKey.startsWith("installation:")) {
    const parsed = parseInstallationEvent(event.payload);
    return parsed.ok ? parsed.value : null;
  }
  return null;
}

/**
 * Applies a stored Evotor event: under the user's lock, re-reads every event of the user (in whatever
 * order they arrived), folds each subscription in `sequenceNumber` order and saves the result, and records
 * every plan seen. Re-folding from the log makes late, early and repeated events all converge on the
 * state in-order delivery gives.
 */
export class EvotorEventApplier implements EventApplier {
  constructor(
    private readonly subscriptions: SubscriptionStore,
    private readonly clock: Clock,
  ) {}

  async apply(event: InboundEvent): Promise<ApplyOutcome> {
    const parsed = parseStoredEvotorEvent(event);
    if (!parsed || event.accountId === null) {
      return { kind: "ignored", reason: "not an Evotor subscription or installation event" };
    }
    if (!KNOWN_TYPES.has(parsed.type)) {
      return { kind: "ignored", reason: `unknown Evotor event type ${parsed.type}` };
    }
    return this.subscriptions.withAccount("evotor", event.accountId, async (unit) => {
      const logged: LoggedEvotorEvent[] = [];
      for (const stored of await unit.events()) {
        const parsedStored = parseStoredEvotorEvent(stored);
        if (parsedStored) {
          logged.push({ logId: stored.id, event: parsedStored });
        }
      }
      for (const subscription of foldEvotorAccount(logged, this.clock.now())) {
        await unit.saveSubscription(subscription);
      }
      for (const plan of plansSeen(logged)) {
        await unit.recordPlan(plan);
      }
      return { kind: "applied" } as const;
    });
  }
}
