import { rollForward } from "./billing-period.js";
import type { Subscription } from "./subscription.js";

export type SubscriptionStatus =
  | "trialing"
  | "active"
  | "past_due"
  | "pending_cancellation"
  | "cancelled"
  | "expired"
  | "none";

const ENTITLED: ReadonlySet<SubscriptionStatus> = new Set([
  "trialing",
  "active",
  "past_due",
  "pending_cancellation",
]);

export function isEntitledStatus(status: SubscriptionStatus): boolean {
  return ENTITLED.has(status);
}

/**
 * The subscription as it stands at `now`: a pending change whose date has come is applied, and on a
 * marketplace that renews silently (no `lapsesAt`: GitHub) a period end that has passed is rolled forward by
 * the billing cycle while nothing ends the subscription. The stored state is not touched; the marketplace's
 * own event, when it arrives, is folded in as usual.
 */
export function subscriptionAt(subscription: Subscription, now: Date): Subscription {
  const renewed = renewedAt(subscription, now);
  const pending = renewed.pendingChange;
  if (!pending || pending.effectiveAt > now) {
    return renewed;
  }
  return {
    ...renewed,
    planId: pending.planId ?? renewed.planId,
    planName: pending.planId ? pending.planName : renewed.planName,
    // A change of plan brings its own units (null: the new plan does not count them, its seat rule applies);
    // a change without a plan only moves the units.
    units: pending.planId ? pending.units : (pending.units ?? renewed.units),
    pendingChange: null,
  };
}

function renewedAt(subscription: Subscription, now: Date): Subscription {
  const periodEnd = subscription.currentPeriodEnd;
  if (
    periodEnd === null ||
    subscription.lapsesAt !== null ||
    subscription.endsAt !== null ||
    periodEnd > now
  ) {
    return subscription;
  }
  const rolled = rollForward(periodEnd, subscription.billingCycle, now);
  return rolled === periodEnd ? subscription : { ...subscription, currentPeriodEnd: rolled };
}

/** The status of a subscription at `now`, the same way for every marketplace. */
export function statusAt(subscription: Subscription, now: Date): SubscriptionStatus {
  if (subscription.endsAt && subscription.endsAt <= now) {
    return "cancelled";
  }
  if (subscription.lapsesAt && subscription.lapsesAt <= now) {
    return "expired";
  }
  if (subscription.endsAt) {
    return "pending_cancellation";
  }
  if (subscription.trialEndsAt && now < subscription.trialEndsAt) {
    return "trialing";
  }
  if (subscription.currentPeriodEnd && subscription.lapsesAt && subscription.currentPeriodEnd <= now) {
    return "past_due";
  }
  return "active";
}
