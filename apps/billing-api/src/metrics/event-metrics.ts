import type { EventObserver } from "../domain/events/event-observer.js";
import type { EventLog } from "../domain/events/inbound-event.js";
import type { Metrics } from "./metrics.js";

/** Counts each apply attempt's outcome and, the first time an event takes effect, how long it waited. */
export function eventMetricsObserver(metrics: Metrics): EventObserver {
  return {
    processed(event, status, at) {
      if (status === "received" || status === "conflict") {
        return;
      }
      metrics.recordInboundEvent(event.marketplace, event.eventType, status);
      if (status === "applied" && event.appliedAt === null) {
        metrics.recordApplyLag(event.marketplace, (at.getTime() - event.receivedAt.getTime()) / 1000);
      }
    },
  };
}

/**
 * The same event log, with redeliveries counted. Only `append` is replaced; every other method is the
 * log's own (the wrapper's prototype is the log), so the log's interface may grow without touching this.
 */
export function countingDuplicates(log: EventLog, metrics: Metrics): EventLog {
  const counted: EventLog = Object.create(log);
  counted.append = async (draft) => {
    const result = await log.append(draft);
    if (result.duplicate) {
      metrics.recordInboundEvent(draft.marketplace, draft.eventType, "duplicate");
    }
    return result;
  };
  return counted;
}
