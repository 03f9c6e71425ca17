import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/**
 * One erasure of an account's personal data: when, why, and which tables and fields (never the values). The
 * event log's trigger lets a body change only under a redaction recorded in the same transaction.
 */
@Entity({ name: "redaction" })
@Index("ix_redaction_account", ["marketplace", "accountId"])
export class RedactionEntity {
  @PrimaryGeneratedColumn("identity", { type: "bigint", generatedIdentity: "ALWAYS" })
  id: string;

  @Column({ type: "text" })
  marketplace: string;

  @Column({ name: "account_id", type: "text" })
  accountId: string;

  /** `retention` (the scheduled job) or what the operator gave. */
  @Column({ type: "text" })
  reason: string;

  @Column({ name: "redacted_at", type: "timestamptz" })
  redactedAt: Date;

  /** Per table: rows touched and the fields erased. */
  @Column({ type: "jsonb" })
  fields: Record<string, { rows: number; fields: string[] }>;
}
