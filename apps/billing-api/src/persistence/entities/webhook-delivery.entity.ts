import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/** One outbox event to one endpoint: its attempts so far and when the next one is due. */
@Entity({ name: "webhook_delivery" })
@Index("uq_webhook_delivery_endpoint_event", ["endpointId", "eventId"], { unique: true })
@Index("ix_webhook_delivery_due", ["status", "nextAttemptAt"])
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn("identity", { type: "bigint", generatedIdentity: "ALWAYS" })
  id: string;

  @Column({ name: "endpoint_id", type: "uuid" })
  endpointId: string;

  @Column({ name: "event_id", type: "bigint" })
  eventId: string;

  @Column({ name: "event_type", type: "text" })
  eventType: string;

  /** pending, succeeded or failed. */
  @Column({ type: "text", default: "pending" })
  status: string;

  @Column({ type: "integer", default: 0 })
  attempts: number;

  @Column({ name: "next_attempt_at", type: "timestamptz", nullable: true })
  nextAttemptAt: Date | null;

  /** The newest attempts (at most 20), oldest first. */
  @Column({ name: "last_attempts", type: "jsonb", default: () => "'[]'" })
  lastAttempts: Array<{ at: string; statusCode: number | null; error: string | null; durationMs: number }>;

  @Column({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}
