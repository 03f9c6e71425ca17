import type { EventProcessor } from "./event-processor.js";
import type { EventLog, InboundEvent } from "./inbound-event.js";

export type RetryOutcome =
  | { kind: "not_found" }
  /** Applied or ignored events have nothing left to do; applying them again would change nothing. */
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
  if (event.status === "applied" || event.status === "ignored") {
    return { kind: "not_retryable", event };
  }
  await deps.processor.process(event);
  return { kind: "attempted", event: (await deps.eventLog.findById(id)) ?? event };
}
