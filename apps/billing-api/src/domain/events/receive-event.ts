import type { MarketplaceAdapters } from "../marketplaces/marketplace-adapter.js";
import type { Clock } from "../time/clock.js";
import type { EventProcessor } from "./event-processor.js";
import type { EventLog, InboundEvent, InboundEventDraft, InboundEventStatus } from "./inbound-event.js";

/**
 * How a received event is applied: `enqueue` answers as soon as it is committed and leaves the apply to the
 * workers (webhooks: the marketplace waits for the answer); `apply` applies the account's due events before
 * returning (onboarding, reconciliation: the caller reads the result).
 */
export type ReceiveMode = "enqueue" | "apply";

export interface Receipt {
  event: InboundEvent;
  /** The dedupe key was already in the log: the stored event, unchanged. */
  duplicate: boolean;
  /** The dedupe key was in the log with another body: stored as a `conflict`, never applied. */
  conflict: boolean;
  /** `queued`: committed, to be applied by the workers right after. Otherwise the event's status. */
  status: InboundEventStatus | "queued";
}

export interface ReceiveDeps {
  eventLog: EventLog;
  adapters: MarketplaceAdapters;
  processor: EventProcessor;
  clock: Clock;
  /** Wakes an apply worker of this process. */
  notify: () => void;
  /** Told about an event settled as `ignored` on receipt (metrics), as the processor tells about the rest. */
  onIgnored?: (event: InboundEvent, at: Date) => void;
}

/**
 * The one way an event enters the system, whoever sends it (webhook routers, reconciliation, onboarding):
 * commit it to the log, then apply it or queue it, and say what happened. A 2xx built on a receipt always
 * means the event is committed; what the apply does never changes that.
 */
export async function receiveEvent(
  deps: ReceiveDeps,
  draft: InboundEventDraft,
  mode: ReceiveMode,
): Promise<Receipt> {
  const { event, duplicate, conflict } = await deps.eventLog.append(draft);
  if (duplicate || conflict) {
    return { event, duplicate, conflict, status: event.status };
  }
  const adapter = deps.adapters[event.marketplace];
  if (!adapter?.appliesTo(event) || event.accountId === null) {
    // Settled at once (a ping, an event type without effect): nothing for the workers to do.
    const at = deps.clock.now();
    await deps.eventLog.markIgnored(
      event.id,
      at,
      `${event.marketplace} event ${event.eventType} has no effect on subscriptions`,
    );
    deps.onIgnored?.(event, at);
    return { event, duplicate, conflict, status: "ignored" };
  }
  if (mode === "apply") {
    const statuses = await deps.processor.processAccount(event.marketplace, event.accountId);
    return { event, duplicate, conflict, status: statuses.get(event.id) ?? "queued" };
  }
  deps.notify();
  return { event, duplicate, conflict, status: "queued" };
}
