import type { InboundEventStatus } from "./inbound-event.js";

/** Statuses of events that still wait to be applied (a failed one is retried with backoff). */
export const PENDING_STATUSES: readonly InboundEventStatus[] = ["received", "failed"];

/**
 * How many logged events are in each unfinished status (everything but `applied` and `ignored`), for the
 * operator's gauges. Keyed by the stored status string, so a status added later is counted without a change.
 */
export interface EventStatusCounts {
  countUnfinished(): Promise<Record<string, number>>;
}
