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
  deps: { eventLog: EventLog; processor: EventProcessor },
  id: string,
): Promise<RetryOutcome> {
  const event = await deps.eventLog.findById(id);
  if (!event) {
    return { kind: "not_found" };
  }
  if (!RETRYABLE.has(event.status)) {
    return { kind: "not_retryable", event };
  }
  await deps.processor.process(event);
  return { kind: "attempted", event: (await deps.eventLog.findById(id)) ?? event };
}
