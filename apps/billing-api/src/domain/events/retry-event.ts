import type { Clock } from "../time/clock.js";
import type { EventProcessor } from "./event-processor.js";
import type { EventLog, InboundEvent, InboundEventStatus } from "./inbound-event.js";

/** Events still waiting to take effect; the rest are done (applied, ignored) or never apply (conflict). */
const RETRYABLE: ReadonlySet<InboundEventStatus> = new Set(["received", "failed", "dead"]);

export type RetryOutcome =
  | { kind: "not_found" }
  /** Applied and ignored events have nothing left to do; a conflicting redelivery is never applied. */
  | { kind: "not_retryable"; event: InboundEvent }
  | { kind: "attempted"; event: InboundEvent };

/**
 * An operator's "retry now" for an event still to apply: one attempt at once, outside the backoff schedule,
 * through the same processor as the retry loop (so the outcome is recorded the same way).
 */
export async function retryEvent(
  deps: { eventLog: EventLog; processor: EventProcessor; clock: Clock },
  id: string,
): Promise<RetryOutcome> {
  const event = await deps.eventLog.findById(id);
  if (!event) {
    return { kind: "not_found" };
  }
  if (!RETRYABLE.has(event.status)) {
    return { kind: "not_retryable", event };
  }
  if (event.status === "dead") {
    // One more attempt for a dead event: back in the queue, due now (a failure makes it dead again).
    await deps.eventLog.markFailed(event.id, event.applyError ?? "retried by an operator", deps.clock.now());
  }
  if (event.accountId !== null) {
    await deps.processor.processAccount(event.marketplace, event.accountId, { evenIfWaiting: true });
  } else {
    await deps.processor.processDue(1);
  }
  return { kind: "attempted", event: (await deps.eventLog.findById(id)) ?? event };
}
