import type { InboundEvent } from "../events/inbound-event.js";
import type { AccountProjector } from "../subscriptions/account-projector.js";
import type { MarketplaceAdapter } from "./marketplace-adapter.js";

/** The stored events an adapter could read back, and the ones it could not (left out of the fold). */
export function decodeAll<D>(
  adapter: MarketplaceAdapter<D, unknown>,
  events: readonly InboundEvent[],
): { decoded: D[]; rejected: Array<{ eventId: string; reason: string }> } {
  const decoded: D[] = [];
  const rejected: Array<{ eventId: string; reason: string }> = [];
  for (const event of events) {
    if (!adapter.appliesTo(event)) {
      continue;
    }
    const read = adapter.decode(event);
    if (read.ok) {
      decoded.push(read.value);
    } else {
      rejected.push({ eventId: event.id, reason: read.reason });
    }
  }
  return { decoded, rejected };
}

/** Folds decoded events from the start, in the marketplace's order. */
export function foldFromStart<D, S>(adapter: MarketplaceAdapter<D, S>, events: readonly D[]): S {
  const fold = adapter.fold;
  let state = fold.initial();
  for (const event of [...events].sort((a, b) => fold.compare(a, b))) {
    state = fold.step(state, event);
  }
  return state;
}

/**
 * Steps new events onto a checkpointed state, or returns null when one of them sorts before something already
 * folded (a late or out-of-order delivery): the caller then folds from the start.
 */
export function resumeFold<D, S>(
  adapter: MarketplaceAdapter<D, S>,
  state: S,
  events: readonly D[],
): S | null {
  const fold = adapter.fold;
  let current = state;
  for (const event of [...events].sort((a, b) => fold.compare(a, b))) {
    if (!fold.follows(current, event)) {
      return null;
    }
    current = fold.step(current, event);
  }
  return current;
}

/** The adapter as a whole-history projector: replay and the explained history use it. */
export function projectorOf<D, S>(adapter: MarketplaceAdapter<D, S>): AccountProjector {
  return {
    project(events, now) {
      const { decoded, rejected } = decodeAll(adapter, events);
      return {
        subscriptions: adapter.fold.subscriptions(foldFromStart(adapter, decoded), now),
        plans: adapter.plansObserved(decoded),
        rejected,
      };
    },
  };
}
