import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/**
 * What was last announced about an account: the entitlement the product was told, the customer it was linked
 * to, the trial whose end was announced, and when time alone could change it next (the sweep's work list).
 */
@Entity({ name: "entitlement_watch" })
@Index("ix_entitlement_watch_next_check", ["nextCheckAt"])
export class EntitlementWatchEntity {
  @PrimaryColumn({ type: "text" })
  marketplace: string;

  @PrimaryColumn({ name: "account_id", type: "text" })
  accountId: string;

  /** The announced entitlement, as the domain compares it (dates as ISO strings); null: nothing announced yet. */
  @Column({ type: "jsonb", nullable: true })
  announced: Record<string, unknown> | null;

  @Column({ name: "customer_id", type: "uuid", nullable: true })
  customerId: string | null;

  /** The trial end whose `trial.will_end` was written (so it is written once). */
  @Column({ name: "trial_notice_for", type: "timestamptz", nullable: true })
  trialNoticeFor: Date | null;

  @Column({ name: "next_check_at", type: "timestamptz", nullable: true })
  nextCheckAt: Date | null;

  @Column({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
