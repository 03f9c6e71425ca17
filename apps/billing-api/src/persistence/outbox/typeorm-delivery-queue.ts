import type { DataSource } from "typeorm";
import type { AttemptRecord, ClaimedDelivery, DeliveryQueue } from "../../domain/outbound/delivery-queue.js";
import type { WebhookAttempt } from "../../domain/outbound/webhook-endpoints.js";
import type { SecretBox } from "../../security/secret-box.js";

/** Attempts kept per delivery for the deliveries API. */
const KEPT_ATTEMPTS = 20;

interface ClaimRow {
  id: string;
  event_id: string;
  attempts: number;
  body: string;
  event_created_at: Date;
  endpoint_id: string;
  url: string;
  failing_since: Date | null;
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_secret_until: Date | null;
}

/**
 * The delivery queue on PostgreSQL (and PGlite). A claim moves `next_attempt_at` to the lease's end in one
 * statement over rows taken with `FOR UPDATE SKIP LOCKED`, then commits: the HTTP request is made outside any
 * transaction, and a replica that dies mid-attempt leaves the delivery due again when the lease ends.
 */
export class TypeOrmDeliveryQueue implements DeliveryQueue {
  constructor(
    private readonly dataSource: DataSource,
    private readonly secrets: SecretBox,
  ) {}

  async claimDue(now: Date, limit: number, leaseUntil: Date): Promise<ClaimedDelivery[]> {
    const rows = (await this.dataSource.query(
      `WITH due AS (
         SELECT d."id" FROM "webhook_delivery" d
           JOIN "webhook_endpoint" ep ON ep."id" = d."endpoint_id" AND ep."enabled"
          WHERE d."status" = 'pending' AND d."next_attempt_at" <= $1
          ORDER BY d."next_attempt_at", d."id" LIMIT $2 FOR UPDATE OF d SKIP LOCKED),
       claimed AS (
         UPDATE "webhook_delivery" d SET "next_attempt_at" = $3 FROM due WHERE d."id" = due."id"
         RETURNING d."id", d."event_id", d."attempts", d."endpoint_id")
       SELECT claimed."id"::text AS "id", claimed."event_id"::text AS "event_id", claimed."attempts",
              e."body", e."created_at" AS "event_created_at", ep."id" AS "endpoint_id", ep."url",
              ep."failing_since", ep."secret_sealed", ep."previous_secret_sealed", ep."previous_secret_until"
         FROM claimed
         JOIN "outbound_event" e ON e."id" = claimed."event_id"
         JOIN "webhook_endpoint" ep ON ep."id" = claimed."endpoint_id"
        ORDER BY claimed."id"`,
      [now, limit, leaseUntil],
    )) as ClaimRow[];
    return rows.map((row) => ({
      id: row.id,
      eventId: row.event_id,
      body: row.body,
      failures: row.attempts,
      eventWrittenAt: row.event_created_at,
      endpoint: { id: row.endpoint_id, url: row.url, failingSince: row.failing_since },
      secrets: [
        this.secrets.open(row.secret_sealed),
        ...(row.previous_secret_sealed && row.previous_secret_until && row.previous_secret_until > now
          ? [this.secrets.open(row.previous_secret_sealed)]
          : []),
      ],
    }));
  }

  async record(delivery: ClaimedDelivery, attempt: WebhookAttempt, outcome: AttemptRecord): Promise<void> {
    const status =
      outcome.kind === "succeeded" ? "succeeded" : outcome.kind === "retry" ? "pending" : "failed";
    const next = outcome.kind === "retry" ? outcome.at : null;
    const entry = JSON.stringify([
      {
        at: attempt.at.toISOString(),
        statusCode: attempt.statusCode,
        error: attempt.error,
        durationMs: attempt.durationMs,
      },
    ]);
    await this.dataSource.transaction(async (manager) => {
      // Every path touches the endpoint's row before any delivery row, so outcomes recorded at once cannot
      // deadlock; in the steady state (successes, nothing failing) the endpoint's row is not locked at all.
      if (outcome.kind === "succeeded") {
        await manager.query(
          `UPDATE "webhook_endpoint" SET "failing_since" = NULL WHERE "id" = $1 AND "failing_since" IS NOT NULL`,
          [delivery.endpoint.id],
        );
      } else if (outcome.kind === "disable_endpoint") {
        await manager.query(
          `UPDATE "webhook_endpoint" SET "enabled" = false, "disabled_reason" = $2,
             "failing_since" = COALESCE("failing_since", $3), "updated_at" = $3 WHERE "id" = $1`,
          [delivery.endpoint.id, outcome.reason, attempt.at],
        );
      } else {
        await manager.query(
          `UPDATE "webhook_endpoint" SET "failing_since" = $2 WHERE "id" = $1 AND "failing_since" IS NULL`,
          [delivery.endpoint.id, attempt.at],
        );
      }
      // Keep the newest attempts only: a delivery retried for 3 days makes a few dozen.
      await manager.query(
        `UPDATE "webhook_delivery" SET "status" = $2, "next_attempt_at" = $3, "attempts" = "attempts" + 1,
           "last_attempts" = (SELECT COALESCE(jsonb_agg(item ORDER BY ord), '[]'::jsonb) FROM (
             SELECT item, ord FROM jsonb_array_elements("last_attempts" || $4::jsonb) WITH ORDINALITY AS a(item, ord)
              ORDER BY ord DESC LIMIT ${KEPT_ATTEMPTS}) kept)
         WHERE "id" = $1`,
        [delivery.id, status, next, entry],
      );
      if (outcome.kind === "disable_endpoint") {
        // Nothing more goes to a disabled endpoint; retrying one by hand (or re-enabling) revives it.
        await manager.query(
          `UPDATE "webhook_delivery" SET "status" = 'failed', "next_attempt_at" = NULL
            WHERE "endpoint_id" = $1 AND "status" = 'pending'`,
          [delivery.endpoint.id],
        );
      }
    });
  }
}
