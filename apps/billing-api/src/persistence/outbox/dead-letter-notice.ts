import type { EntityManager } from "typeorm";
import type { Marketplace } from "../../domain/events/inbound-event.js";
import type { BillingEventEncoder } from "../../domain/outbound/billing-event.js";
import type { Clock } from "../../domain/time/clock.js";
import { InboundEventEntity } from "../entities/inbound-event.entity.js";
import { writeToOutbox } from "./outbox-writer.js";

/** What writing `event.dead_lettered` needs. */
export interface DeadLetterOutbox {
  encoder: BillingEventEncoder;
  clock: Clock;
  /** Called after a commit that wrote events (wakes the dispatcher). */
  written(): void;
}

/**
 * Writes `event.dead_lettered` for an event just marked dead, in the transaction that marked it (once per
 * event and attempt count). Returns how many events were written.
 */
export async function writeDeadLetterNotice(
  manager: EntityManager,
  outbox: DeadLetterOutbox,
  id: string,
  error: string,
): Promise<number> {
  const row = await manager.getRepository(InboundEventEntity).findOneBy({ id });
  if (!row) {
    return 0;
  }
  return writeToOutbox(manager, outbox.encoder, [
    {
      event: {
        type: "event.dead_lettered",
        at: outbox.clock.now(),
        eventId: row.id,
        marketplace: row.marketplace as Marketplace,
        eventType: row.eventType,
        accountId: row.accountId,
        receivedAt: row.receivedAt,
        attempts: row.applyAttempts,
        error: error.slice(0, 1000),
      },
      dedupeKey: `event.dead_lettered:${row.id}:${row.applyAttempts}`,
    },
  ]);
}
