import type { Subscription } from "../subscriptions/subscription.js";
import { isEntitledStatus, statusAt, subscriptionAt } from "../subscriptions/subscription-status.js";

/**
 * How many devices an Evotor user may use at `now`: the sum of the paid devices (`deviceNumber`) of every
 * live subscription (trialing, active, past due or pending cancellation). One Evotor user can hold several
 * subscriptions (Evotor's own tip: count the subscriptions to know on how many devices the app is
 * installed), so a live subscription that never stated a device count counts as one device.
 */
export function deviceAllowance(subscriptions: readonly Subscription[], now: Date): number {
  let total = 0;
  for (const stored of subscriptions) {
    const subscription = subscriptionAt(stored, now);
    if (isEntitledStatus(statusAt(subscription, now))) {
      total += subscription.units ?? 1;
    }
  }
  return total;
}
