import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/**
 * The outbox: one row per event for the vendor, written in the transaction of the change it reports. The
 * body is kept as text so every attempt sends the same bytes; the id is the `webhook-id` and the sequence.
 */
@Entity({ name: "outbound_event" })
@Index("uq_outbound_event_dedupe", ["dedupeKey"], { unique: true })
export class OutboundEventEntity {
  @PrimaryGeneratedColumn("identity", { type: "bigint", generatedIdentity: "ALWAYS" })
  id: string;

  @Column({ type: "text" })
  type: string;

  @Column({ type: "text", nullable: true })
  marketplace: string | null;

  @Column({ name: "account_id", type: "text", nullable: true })
  accountId: string | null;

  @Column({ type: "text" })
  body: string;

  /** Set for events that must exist at most once (a trial's notice, a seat refusal at one count). */
  @Column({ name: "dedupe_key", type: "text", nullable: true })
  dedupeKey: string | null;

  @Column({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}
