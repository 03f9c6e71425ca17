import type { Marketplace } from "../events/inbound-event.js";
import type { Subscription } from "./subscription.js";

/** Read-only listing of stored subscriptions, for jobs that compare all of them with a marketplace. */
export interface SubscriptionDirectory {
  listByMarketplace(marketplace: Marketplace): Promise<Subscription[]>;
}
