import type { InboundEvent } from "../events/inbound-event.js";
import type { MarketplaceAdapter } from "../marketplaces/marketplace-adapter.js";
import { type EvotorEvent, parseInstallationEvent, parseSubscriptionEvent } from "./evotor-events.js";
import {
  compareEvotorEvents,
  type EvotorFoldState,
  evotorSubscriptions,
  followsEvotorFold,
  type LoggedEvotorEvent,
  plansSeen,
  stepEvotorFold,
} from "./evotor-subscription-fold.js";

/** Which endpoint a stored event came through, from its dedupe key. */
function endpointOf(event: Pick<InboundEvent, "dedupeKey">): "subscription" | "installation" | null {
  if (event.dedupeKey.startsWith("subscription:")) {
    return "subscription";
  }
  return event.dedupeKey.startsWith("installation:") ? "installation" : null;
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
  const endpoint = endpointOf(event);
  const parsed =
    endpoint === "subscription"
      ? parseSubscriptionEvent(event.payload)
      : endpoint === "installation"
        ? parseInstallationEvent(event.payload)
        : null;
  if (parsed === null) {
    return null;
  }
  return parsed.ok ? parsed.value : `${parsed.error.subject}: ${parsed.error.reason}`;
}

/**
 * Evotor: one user can hold several subscriptions; each is folded from its events in `sequenceNumber` order,
 * whatever order they arrived in (see evotor-subscription-fold.ts). Events of types we do not know are folded
 * too: they hold their sequence number and are listed in the details.
 */
export const evotorAdapter: MarketplaceAdapter<LoggedEvotorEvent, EvotorFoldState> = {
  marketplace: "evotor",
  appliesTo: (event) => endpointOf(event) !== null,
  decode(event) {
    const parsed = parseStoredEvotorEvent(event);
    if (parsed === null) {
      return { ok: false, reason: "not an Evotor subscription or installation event" };
    }
    return typeof parsed === "string"
      ? { ok: false, reason: parsed }
      : { ok: true, value: { logId: event.id, event: parsed } };
  },
  fold: {
    compare: compareEvotorEvents,
    initial: () => ({ subscriptions: {}, installations: [] }),
    follows: followsEvotorFold,
    step: stepEvotorFold,
    subscriptions: evotorSubscriptions,
  },
  plansObserved: plansSeen,
};
