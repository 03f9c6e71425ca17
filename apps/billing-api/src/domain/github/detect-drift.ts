import { createHash } from "node:crypto";
import type { MarketplacePurchase, MarketplacePurchaseEvent } from "@marketplace-billing/contracts";
import type { EventSource } from "../events/inbound-event.js";
import type { Subscription } from "../subscriptions/subscription.js";
import { type ObservedPurchase, toWebhookPlan, toWebhookPurchase } from "./observed-purchase.js";
import { normalizePriceModel } from "./price-model.js";

/** What the log missed, compared with what GitHub's API shows. */
export type DriftKind =
  | "missed_purchase"
  | "missed_cancellation"
  | "missed_change"
  | "pending_change"
  | "pending_change_withdrawn"
  | "billing_date_refreshed";

export const DRIFT_KINDS: readonly DriftKind[] = [
  "missed_purchase",
  "missed_cancellation",
  "missed_change",
  "pending_change",
  "pending_change_withdrawn",
  "billing_date_refreshed",
];

/** One event to append so the fold reaches what GitHub shows; shaped like the webhook GitHub would have sent. */
export interface Repair {
  kind: DriftKind;
  accountId: string;
  payload: MarketplacePurchaseEvent;
  /** Deterministic: the same drift on the same state always gets the same key, so a rerun adds nothing. */
  dedupeKey: string;
}

/**
 * Repairs for an account GitHub lists with a purchase. Only repairs: when our state agrees with GitHub's,
 * nothing is returned. `current` is the stored subscription (pending change not applied), `now` the clock.
 */
export function repairsForListedAccount(
  listed: ObservedPurchase,
  current: Subscription | null,
  now: Date,
  source: EventSource,
): Repair[] {
  // A pending change whose date has passed is the plan the account is on, even while GitHub's listing still
  // shows it as pending: a repair dated now takes its target, so it cannot be lost behind the repair.
  const observed = withDueChangeApplied(listed, now);
  const accountId = String(observed.account.id);
  const repair = (kind: DriftKind, payload: MarketplacePurchaseEvent): Repair => ({
    kind,
    accountId,
    payload,
    dedupeKey: dedupeKey(source, accountId, kind, payload, current?.lastEventId ?? null),
  });
  const purchase = toWebhookPurchase(observed);
  const repairs: Repair[] = [];
  let storedPending = current?.pendingChange ?? null;

  const live = current !== null && (current.endsAt === null || current.endsAt > now);
  if (!live) {
    repairs.push(
      repair("missed_purchase", {
        action: "purchased",
        effective_date: iso(now),
        marketplace_purchase: purchase,
      }),
    );
    storedPending = null;
  } else if (current.endsAt !== null) {
    // A cancellation is already on record and GitHub lists the account until it takes effect.
    return [];
  } else if (differs(observed, current)) {
    repairs.push(
      repair("missed_change", {
        action: "changed",
        effective_date: iso(now),
        marketplace_purchase: purchase,
        previous_marketplace_purchase: purchaseFromSubscription(current, observed.account),
      }),
    );
    storedPending = null;
  } else if (
    observed.nextBillingDate !== null &&
    !sameInstant(observed.nextBillingDate, current.currentPeriodEnd)
  ) {
    // GitHub renews without a webhook: the listing's next billing date is the fresh one.
    repairs.push(
      repair("billing_date_refreshed", {
        action: "changed",
        effective_date: iso(now),
        marketplace_purchase: purchase,
        previous_marketplace_purchase: purchaseFromSubscription(current, observed.account),
      }),
    );
    storedPending = null;
  }

  const pending = observed.pendingChange;
  if (pending !== null && !samePending(storedPending, pending)) {
    repairs.push(
      repair("pending_change", {
        action: "pending_change",
        effective_date: pending.effectiveDate,
        marketplace_purchase: {
          ...purchase,
          plan: toWebhookPlan(pending.plan),
          unit_count: pending.unitCount,
        },
        previous_marketplace_purchase: purchase,
      }),
    );
  } else if (pending === null && storedPending !== null && storedPending.effectiveAt > now) {
    // The withdrawal carries the withdrawn change's date, so the fold sorts it after the announcement.
    repairs.push(
      repair("pending_change_withdrawn", {
        action: "pending_change_cancelled",
        effective_date: iso(storedPending.effectiveAt),
        marketplace_purchase: purchase,
      }),
    );
  }
  return repairs;
}

/**
 * A subscription we hold as live for an account GitHub no longer lists on any plan: its cancellation was
 * missed. It ends now (GitHub's own date is lost with the webhook).
 */
export function repairForUnlistedAccount(
  current: Subscription,
  now: Date,
  source: EventSource,
): Repair | null {
  if (current.endsAt !== null || current.planId === null || !/^\d+$/.test(current.planId)) {
    return null;
  }
  const purchase: MarketplacePurchase = {
    ...purchaseFromSubscription(current, {
      id: Number(current.accountId),
      type: stringOrUndefined(current.details.accountType),
      login: stringOrUndefined(current.details.accountLogin),
    }),
    unit_count: 0,
  };
  const payload: MarketplacePurchaseEvent = {
    action: "cancelled",
    effective_date: iso(now),
    marketplace_purchase: purchase,
  };
  return {
    kind: "missed_cancellation",
    accountId: current.accountId,
    payload,
    dedupeKey: dedupeKey(source, current.accountId, "missed_cancellation", payload, current.lastEventId),
  };
}

/** The listing as it stands at `now`: a pending change whose date has come is the purchase itself. */
function withDueChangeApplied(observed: ObservedPurchase, now: Date): ObservedPurchase {
  const pending = observed.pendingChange;
  const due = pending === null ? Number.NaN : Date.parse(pending.effectiveDate);
  if (pending === null || Number.isNaN(due) || due > now.getTime()) {
    return observed;
  }
  return { ...observed, plan: pending.plan, unitCount: pending.unitCount, pendingChange: null };
}

/** An unreadable date from the listing is no reason to repair. */
function sameInstant(date: string, held: Date | null): boolean {
  const instant = Date.parse(date);
  return Number.isNaN(instant) || (held !== null && instant === held.getTime());
}

function differs(observed: ObservedPurchase, current: Subscription): boolean {
  const perUnit = normalizePriceModel(observed.plan.price_model) === "per_unit";
  return (
    String(observed.plan.id) !== current.planId ||
    (perUnit ? observed.unitCount : null) !== current.units ||
    (observed.billingCycle ?? null) !== (current.billingCycle ?? null)
  );
}

function samePending(
  stored: Subscription["pendingChange"],
  observed: NonNullable<ObservedPurchase["pendingChange"]>,
) {
  if (stored === null) {
    return false;
  }
  const perUnit = normalizePriceModel(observed.plan.price_model) === "per_unit";
  return (
    stored.planId === String(observed.plan.id) &&
    stored.units === (perUnit ? observed.unitCount : null) &&
    stored.effectiveAt.getTime() === new Date(observed.effectiveDate).getTime()
  );
}

/** What we hold, in the webhook's shape (plan details we do not keep are left out; the catalogue keeps them). */
function purchaseFromSubscription(
  current: Subscription,
  account: MarketplacePurchase["account"],
): MarketplacePurchase {
  return {
    account,
    billing_cycle: current.billingCycle,
    unit_count: typeof current.details.unitCount === "number" ? current.details.unitCount : current.units,
    on_free_trial: current.details.onFreeTrial === true,
    free_trial_ends_on: current.trialEndsAt ? iso(current.trialEndsAt) : null,
    next_billing_date: current.currentPeriodEnd ? iso(current.currentPeriodEnd) : null,
    plan: {
      id: Number(current.planId),
      ...(current.planName === null ? {} : { name: current.planName }),
      price_model: stringOrUndefined(current.details.priceModel) ?? null,
    },
  };
}

function dedupeKey(
  source: EventSource,
  accountId: string,
  kind: DriftKind,
  payload: MarketplacePurchaseEvent,
  lastEventId: string | null,
): string {
  // The effective date of an immediate repair is "now"; leave it out so the key only names the drift.
  const { effective_date, ...facts } = payload;
  const stable = kind === "pending_change" || kind === "pending_change_withdrawn" ? payload : facts;
  const digest = createHash("sha256")
    .update(JSON.stringify({ stable, lastEventId }))
    .digest("base64url")
    .slice(0, 22);
  return `${source}:${accountId}:${kind}:${digest}`;
}

function iso(date: Date): string {
  return date.toISOString();
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
