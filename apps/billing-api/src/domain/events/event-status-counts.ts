import type { InboundEventStatus, Marketplace } from "./inbound-event.js";

/** Statuses of events that still wait to be applied (a failed one is retried with backoff). */
export const PENDING_STATUSES: readonly InboundEventStatus[] = ["received", "failed"];

export interface UnfinishedCount {
  marketplace: Marketplace;
  /** The stored status string, so a status added later is counted without a change here. */
  status: string;
  count: number;
}

/**
 * How many logged events are in each unfinished status (everything but `applied` and `ignored`), per
 * marketplace, for the operator's gauges.
 */
export interface EventStatusCounts {
  countUnfinished(): Promise<UnfinishedCount[]>;
}
