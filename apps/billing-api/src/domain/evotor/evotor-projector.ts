import type { InboundEvent } from "../events/inbound-event.js";
import type { AccountProjector, RejectedEvent } from "../subscriptions/account-projector.js";
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

/**
 * Parses a stored Evotor event back; its dedupe key says which endpoint it came through. Null: not an Evotor
 * subscription or installation event. A string: why the event cannot be folded (stored by an older version
 * that accepted what the parser now refuses).
 */
export function parseStoredEvotorEvent(event: InboundEvent): EvotorEvent | string | null {
  if (event.marketplace !== "evotor") {
    return null;
  }
  const parsed = event.dedupeKey.startsWith("subscription:")
    ? parseSubscriptionEvent(event.payload)
    : event.dedupeKey.startsWith("installation:")
      ? parseInstallationEvent(event.payload)
      : null;
  if (parsed === null) {
    return null;
  }
  return parsed.ok ? parsed.value : `${parsed.error.subject}: ${parsed.error.reason}`;
}

/**
 * Evotor: one user can hold several subscriptions; each is folded from its events in `sequenceNumber` order,
 * whatever order they arrived in (see evotor-subscription-fold.ts).
 */
export const evotorProjector: AccountProjector = {
  project(events: readonly InboundEvent[], now: Date) {
    const logged: LoggedEvotorEvent[] = [];
    const rejected: RejectedEvent[] = [];
    for (const stored of events) {
      const parsed = parseStoredEvotorEvent(stored);
      if (typeof parsed === "string") {
        rejected.push({ eventId: stored.id, reason: parsed });
      } else if (parsed) {
        // Unknown types are folded too: they hold their sequence number and are listed in the details.
        logged.push({ logId: stored.id, event: parsed });
      }
    }
    return { subscriptions: foldEvotorAccount(logged, now), plans: plansSeen(logged), rejected };
  },
};
