import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/**
 * One row per inbound delivery, append-only: the body is kept byte for byte so every state can be
 * explained and replayed. Only the apply bookkeeping columns change after insert (a trigger in the
 * migration enforces it and forbids DELETE).
 */
@Entity({ name: "inbound_event" })
@Check(
  "ck_inbound_event_status",
  `"status" IN ('received', 'applied', 'failed', 'ignored', 'dead', 'conflict')`,
)
@Check("ck_inbound_event_conflict", `("status" = 'conflict') = ("conflicts_with" IS NOT NULL)`)
@Index("uq_inbound_event_dedupe", ["marketplace", "dedupeKey"], { unique: true })
@Index("uq_inbound_event_body", ["marketplace", "bodySha256"], { unique: true })
@Index("ix_inbound_event_account", ["marketplace", "accountId"])
@Index("ix_inbound_event_due", ["status", "nextAttemptAt"])
// Every entitlement read looks for grants: a small partial index keeps that lookup off the account's deliveries.
@Index("ix_inbound_event_grants", ["marketplace", "accountId"], {
  where: `"event_type" IN ('grant.created', 'grant.revoked')`,
})
// The apply queue: workers take the oldest events still to apply.
@Index("ix_inbound_event_queue", ["id"], { where: `"status" IN ('received', 'failed')` })
// An account's due events, found without walking its history (cost per delivery independent of history).
@Index("ix_inbound_event_account_due", ["marketplace", "accountId"], {
  where: `"status" IN ('received', 'failed')`,
})
export class InboundEventEntity {
  @PrimaryGeneratedColumn("identity", { type: "bigint", generatedIdentity: "ALWAYS" })
  id: string;

  @Column({ type: "text" })
  marketplace: string;

  @Column({ type: "text" })
  source: string;

  @Column({ name: "event_type", type: "text" })
  eventType: string;

  @Column({ name: "dedupe_key", type: "text" })
  dedupeKey: string;

  @Column({ name: "account_id", type: "text", nullable: true })
  accountId: string | null;

  @Column({ type: "jsonb" })
  headers: Record<string, string>;

  @Column({ name: "raw_body", type: "bytea" })
  rawBody: Buffer;

  @Column({ type: "jsonb", nullable: true })
  payload: unknown;

  /**
   * SHA-256 of `raw_body`, only where the adapter dedupes on the body (GitHub webhooks); the unique index
   * makes a concurrent replay under a new delivery id lose the insert. NULLs never collide.
   */
  @Column({ name: "body_sha256", type: "bytea", nullable: true })
  bodySha256: Buffer | null;

  /** A conflicting redelivery: the id of the event whose dedupe key it repeated with another body. */
  @Column({ name: "conflicts_with", type: "bigint", nullable: true })
  conflictsWith: string | null;

  @Column({ name: "received_at", type: "timestamptz" })
  receivedAt: Date;

  @Column({ type: "text", default: "received" })
  status: string;

  @Column({ name: "applied_at", type: "timestamptz", nullable: true })
  appliedAt: Date | null;

  @Column({ name: "apply_error", type: "text", nullable: true })
  applyError: string | null;

  @Column({ name: "apply_attempts", type: "integer", default: 0 })
  applyAttempts: number;

  @Column({ name: "next_attempt_at", type: "timestamptz", nullable: true })
  nextAttemptAt: Date | null;

  /** The redaction that erased personal data from this row's body (see redaction.entity.ts); null: as received. */
  @Column({ name: "redaction_id", type: "bigint", nullable: true })
  redactionId: string | null;
}
