import type { InboundEvent, Marketplace } from "../events/inbound-event.js";
import type { ObservedPlan } from "../plans/plan.js";
import type { Subscription } from "../subscriptions/subscription.js";

/**
 * Everything the ingest pipeline needs to know about one marketplace once a delivery is in the event log. How
 * a delivery is authenticated and parsed off the wire is HTTP's business; reading a stored event back, which
 * events apply, how an account's events fold into subscriptions and which plans they mention are the adapter's.
 * Adapters are registered once, in the composition root (`composition.ts`).
 */
export interface MarketplaceAdapter<Decoded = unknown, State = unknown> {
  readonly marketplace: Marketplace;
  /** Whether a stored event can change subscriptions; the others are stored and marked ignored. */
  appliesTo(event: Pick<InboundEvent, "eventType" | "dedupeKey">): boolean;
  /**
   * Reads a stored event back, or says why it cannot be interpreted: such an event is left out of every fold
   * and counts as a failed attempt (after EVENT_MAX_ATTEMPTS it is dead), never an error for the account.
   */
  decode(event: InboundEvent): DecodeResult<Decoded>;
  readonly fold: AccountFold<Decoded, State>;
  /** Plans the events mention, for the plan catalogue. */
  plansObserved(events: readonly Decoded[]): ObservedPlan[];
}

/**
 * An account's fold, step by step, so it can resume from a checkpoint. A full fold steps through every event
 * sorted by `compare`; resuming steps new events onto a saved state, which is only allowed while each one
 * `follows` the state (sorts after everything folded into it). Both must give the same subscriptions.
 *
 * The state must be plain data (objects, arrays, strings, numbers, booleans, null, Dates): it is stored as
 * JSON between deliveries. `step` may change the state it is given and return it.
 */
export interface AccountFold<Decoded, State> {
  /** The marketplace's own order of events: the order in which they take effect. */
  compare(a: Decoded, b: Decoded): number;
  initial(): State;
  follows(state: State, event: Decoded): boolean;
  step(state: State, event: Decoded): State;
  /** The account's subscriptions as of the folded events; `now` only stamps `updatedAt`. */
  subscriptions(state: State, now: Date): Subscription[];
}

export type DecodeResult<D> = { ok: true; value: D } | { ok: false; reason: string };

/** The registered adapters, by marketplace. */
export type MarketplaceAdapters = Partial<Record<Marketplace, MarketplaceAdapter>>;
