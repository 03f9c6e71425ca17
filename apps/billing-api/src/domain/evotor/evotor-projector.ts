import type { InboundEvent } from "../events/inbound-event.js";
import type { AccountProjector } from "../subscriptions/account-projector.js";
import {
  type EvotorEvent,
  INSTALLATION_EVENT_TYPES,
  parseInstallationEvent,
  parseSubscriptionEvent,
  SUBSCRIPTION_EVENT_TYPES,
} from "./evotor-events.js";
import { foldEvotorAccount, type LoggedEvotorEvent, plansSeen } from "./evotor-subscription-fold.js";

const KNOWN_TYPES: ReadonlySet<string> = new Set([...SUBSCRIPTION_EVENT_TYPES, ...INSTALLATION_EVENT_TYPES]);

/** Event types that change an Evotor user's subscriptions; others are stored and ignored. */
export function isEvotorSubscriptionEventType(eventType: string): boolean {
  return KNOWN_TYPES.has(eventType);
}

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
 * Evotor: one user can hold several subscriptions; each is folded from its events in `sequenceNumber` order,
 * whatever order they arrived in (see evotor-subscription-fold.ts).
 */
export const evotorProjector: AccountProjector = {
  project(events: readonly InboundEvent[], now: Date) {
    const logged: LoggedEvotorEvent[] = [];
    for (const stored of events) {
      const parsed = parseStoredEvotorEvent(stored);
      // Unknown types are folded too: they hold their sequence number and are listed in the details.
      if (parsed) {
        logged.push({ logId: stored.id, event: parsed });
      }
    }
    return { subscriptions: foldEvotorAccount(logged, now), plans: plansSeen(logged) };
  },
};
