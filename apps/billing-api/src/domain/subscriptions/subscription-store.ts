import type { AccountSnapshot } from "../entitlements/entitlement.js";
import type { Marketplace } from "../events/inbound-event.js";
import type { Subscription } from "./subscription.js";

/** Reads of the subscriptions the apply queue derives from the log (it writes them: see events/event-queue.ts). */
export interface SubscriptionStore {
  findByAccount(marketplace: Marketplace, accountId: string): Promise<Subscription[]>;
  /** The account's subscriptions, the terms of their current and pending plans, and its seats in use, at once. */
  snapshot(marketplace: Marketplace, accountId: string): Promise<AccountSnapshot>;
  findByAccounts(
    accounts: ReadonlyArray<{ marketplace: Marketplace; accountId: string }>,
  ): Promise<Subscription[]>;
  /** One page in (marketplace, subscriptionId) order after `after`, filtered by what the stored facts allow. */
  scan(query: SubscriptionScan): Promise<Subscription[]>;
}

export interface SubscriptionScan {
  marketplace?: Marketplace;
  /** Trials that end after `now` and before this instant. */
  trialEndsBefore?: { before: Date; now: Date };
  after?: { marketplace: Marketplace; subscriptionId: string };
  limit: number;
}
