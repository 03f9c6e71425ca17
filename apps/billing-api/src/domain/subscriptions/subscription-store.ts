import type { AccountSnapshot } from "../entitlements/entitlement.js";
import type { InboundEvent, Marketplace } from "../events/inbound-event.js";
import type { ObservedPlan } from "../plans/plan.js";
import type { Subscription } from "./subscription.js";

/** What an adapter may read and write while it holds one account's lock. */
export interface AccountUnitOfWork {
  /** Every event logged for the account (conflicting redeliveries excepted), in arrival order, including the one being applied. */
  events(): Promise<InboundEvent[]>;
  /** The account's stored subscriptions (history included). */
  subscriptions(): Promise<Subscription[]>;
  saveSubscription(subscription: Subscription): Promise<void>;
  recordPlan(plan: ObservedPlan): Promise<void>;
}

/**
 * Serializes work per marketplace account: two deliveries for the same account never fold concurrently,
 * so the state written last is always derived from every event committed before it. Everything inside
 * `work` commits or rolls back together.
 */
export interface SubscriptionStore {
  withAccount<T>(
    marketplace: Marketplace,
    accountId: string,
    work: (unit: AccountUnitOfWork) => Promise<T>,
  ): Promise<T>;
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
