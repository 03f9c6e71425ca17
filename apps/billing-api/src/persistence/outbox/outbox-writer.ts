import type { EntityManager } from "typeorm";
import type { BillingEventEncoder, OutboxEntry } from "../../domain/outbound/billing-event.js";

/**
 * Writes events to the outbox inside the caller's transaction, and one pending delivery per enabled endpoint
 * that wants the type. Nothing is sent for a transaction that rolls back; nothing is lost for one that commits.
 * The row id is the body's `sequence`, put in by the same statement (ids only grow, and an
 * account's events are written under its lock, so they grow in commit order per account).
 */
/**
 * The body is encoded before the id exists; this number stands in for the sequence and is replaced by the id
 * in the same statement. No real id reaches it.
 */
const SEQUENCE_PLACEHOLDER = Number.MAX_SAFE_INTEGER;

export async function writeToOutbox(
  manager: EntityManager,
  encoder: BillingEventEncoder,
  entries: readonly OutboxEntry[],
): Promise<number> {
  let written = 0;
  for (const { event, dedupeKey } of entries) {
    const account = "account" in event ? event.account : null;
    // One statement: take the id, put it in the body as the sequence, store the event, fan out the deliveries.
    const rows = (await manager.query(
      `WITH next AS (SELECT nextval(pg_get_serial_sequence('"outbound_event"', 'id')) AS id),
       event AS (
         INSERT INTO "outbound_event" ("id", "type", "marketplace", "account_id", "body", "dedupe_key", "created_at")
         OVERRIDING SYSTEM VALUE
         SELECT next.id, $1, $2, $3, replace($4, $5, '"sequence":' || next.id::text), $6, $7 FROM next
         ON CONFLICT ("dedupe_key") DO NOTHING RETURNING "id", "type", "created_at"),
       fanned AS (
         INSERT INTO "webhook_delivery" ("endpoint_id", "event_id", "event_type", "status", "next_attempt_at", "created_at")
         SELECT endpoint."id", event."id", event."type", 'pending', event."created_at", event."created_at"
           FROM event, "webhook_endpoint" endpoint
          WHERE endpoint."enabled" AND (endpoint."events" IS NULL OR endpoint."events" ? event."type"))
       SELECT "id" FROM event`,
      [
        event.type,
        account?.marketplace ?? null,
        account?.accountId ?? null,
        encoder.encode(event, SEQUENCE_PLACEHOLDER),
        `"sequence":${SEQUENCE_PLACEHOLDER}`,
        dedupeKey ?? null,
        event.at,
      ],
    )) as Array<{ id: string }>;
    written += rows.length;
  }
  return written;
}
