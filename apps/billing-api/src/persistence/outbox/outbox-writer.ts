import type { EntityManager } from "typeorm";
import type { BillingEventEncoder, OutboxEntry } from "../../domain/outbound/billing-event.js";

/**
 * Writes events to the outbox inside the caller's transaction, and one pending delivery per enabled endpoint
 * that wants the type. Nothing is sent for a transaction that rolls back; nothing is lost for one that commits.
 * The row id is taken first so the body can carry it as the account's `sequence` (ids only grow, and an
 * account's events are written under its lock, so they grow in commit order per account).
 */
export async function writeToOutbox(
  manager: EntityManager,
  encoder: BillingEventEncoder,
  entries: readonly OutboxEntry[],
): Promise<number> {
  let written = 0;
  for (const { event, dedupeKey } of entries) {
    const [{ id }] = (await manager.query(
      `SELECT nextval(pg_get_serial_sequence('"outbound_event"', 'id'))::text AS id`,
    )) as [{ id: string }];
    const account = "account" in event ? event.account : null;
    const inserted = (await manager.query(
      `INSERT INTO "outbound_event" ("id", "type", "marketplace", "account_id", "body", "dedupe_key", "created_at")
       OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ("dedupe_key") DO NOTHING RETURNING "id"`,
      [
        id,
        event.type,
        account?.marketplace ?? null,
        account?.accountId ?? null,
        encoder.encode(event, Number(id)),
        dedupeKey ?? null,
        event.at,
      ],
    )) as Array<{ id: string }>;
    if (inserted.length === 0) {
      continue;
    }
    await manager.query(
      `INSERT INTO "webhook_delivery" ("endpoint_id", "event_id", "event_type", "status", "next_attempt_at", "created_at")
       SELECT "id", $1, $2, 'pending', $3, $3 FROM "webhook_endpoint"
        WHERE "enabled" AND ("events" IS NULL OR "events" ? $2)`,
      [id, event.type, event.at],
    );
    written += 1;
  }
  return written;
}
