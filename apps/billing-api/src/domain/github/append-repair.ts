import type { EventSource, InboundEventDraft, InboundEventStatus } from "../events/inbound-event.js";
import type { Receipt, ReceiveMode } from "../events/receive-event.js";
import type { Clock } from "../time/clock.js";
import type { Repair } from "./detect-drift.js";
import { purchaseEventType } from "./purchase-event.js";

export interface RepairDeps {
  receive: (draft: InboundEventDraft, mode: ReceiveMode) => Promise<Receipt>;
  clock: Clock;
}

/**
 * Stores a repair as an event of its own (so history explains the state) and applies it through the same
 * fold as webhooks, before returning. Returns `duplicate` when the same repair is already in the log.
 */
export async function appendRepair(
  deps: RepairDeps,
  repair: Repair,
  source: EventSource,
): Promise<InboundEventStatus | "queued" | "duplicate"> {
  const body = JSON.stringify(repair.payload);
  const receipt = await deps.receive(
    {
      marketplace: "github",
      source,
      eventType: purchaseEventType(repair.payload.action),
      dedupeKey: repair.dedupeKey,
      accountId: repair.accountId,
      headers: { "x-repair-kind": repair.kind },
      rawBody: new TextEncoder().encode(body),
      payload: repair.payload,
      // The key of an immediate repair leaves out its effective date ("now"); a rerun is the same repair.
      volatileFields: ["effective_date"],
      receivedAt: deps.clock.now(),
    },
    "apply",
  );
  return receipt.duplicate || receipt.conflict ? "duplicate" : receipt.status;
}
