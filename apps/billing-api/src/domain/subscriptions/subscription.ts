import type { Marketplace } from "../events/inbound-event.js";

/** Who charges the customer: the marketplace, or the vendor directly (Evotor `hasBilling: true`). */
export type BilledBy = "marketplace" | "vendor";

/** A change the marketplace has announced for a later date; access stays as it is until then. */
export interface PendingChange {
  planId: string | null;
  planName: string | null;
  /** Seats or devices after the change; null when the plan is not per-unit. */
  units: number | null;
  effectiveAt: Date;
}

/**
 * The state of one marketplace subscription, as its adapter derived it from the event log. It holds facts
 * (dates, plan, units), not a status: the status depends on the clock and is computed when read
 * (see subscription-status.ts), so a trial that ended or a pending change that came due shows without a job.
 */
export interface Subscription {
  marketplace: Marketplace;
  /** The marketplace account that holds it: GitHub account id (user or organization), Evotor userId. */
  accountId: string;
  /** Unique within the marketplace: GitHub uses the account id (one listing subscription per account), Evotor its subscriptionId. */
  subscriptionId: string;
  planId: string | null;
  planName: string | null;
  /** Seats (GitHub per-unit) or devices (Evotor) paid for; null when the plan does not count units. */
  units: number | null;
  billingCycle: string | null;
  /** Start of the current subscription period (a purchase after a cancellation starts a new one). */
  startedAt: Date | null;
  trialEndsAt: Date | null;
  /** End of the period paid for, as the marketplace reports it (GitHub next_billing_date, Evotor nextBillingDate). */
  currentPeriodEnd: Date | null;
  /**
   * When set, access lapses at this instant unless a renewal moves it (Evotor: period end plus the days Evotor
   * retries payment). Between `currentPeriodEnd` and `lapsesAt` the subscription is past due. GitHub renews
   * silently and announces cancellations, so it leaves this null.
   */
  lapsesAt: Date | null;
  /** Access ends at this instant (cancellation or termination); in the future it is a pending cancellation. */
  endsAt: Date | null;
  pendingChange: PendingChange | null;
  billedBy: BilledBy;
  /** Marketplace-specific facts worth showing (account login and type, add-ons, double purchases …). */
  details: Record<string, unknown>;
  /** The event log id of the last event folded into this state. */
  lastEventId: string | null;
  updatedAt: Date;
}
