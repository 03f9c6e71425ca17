import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/** Projection of the event log: one row per marketplace subscription (see domain/subscriptions/subscription.ts). */
@Entity({ name: "subscription" })
@Index("ix_subscription_account", ["marketplace", "accountId"])
@Index("ix_subscription_trial_end", ["trialEndsAt"])
export class SubscriptionEntity {
  @PrimaryColumn({ type: "text" })
  marketplace: string;

  @PrimaryColumn({ name: "subscription_id", type: "text" })
  subscriptionId: string;

  @Column({ name: "account_id", type: "text" })
  accountId: string;

  @Column({ name: "plan_id", type: "text", nullable: true })
  planId: string | null;

  @Column({ name: "plan_name", type: "text", nullable: true })
  planName: string | null;

  @Column({ type: "integer", nullable: true })
  units: number | null;

  @Column({ name: "billing_cycle", type: "text", nullable: true })
  billingCycle: string | null;

  @Column({ name: "started_at", type: "timestamptz", nullable: true })
  startedAt: Date | null;

  @Column({ name: "trial_ends_at", type: "timestamptz", nullable: true })
  trialEndsAt: Date | null;

  @Column({ name: "current_period_end", type: "timestamptz", nullable: true })
  currentPeriodEnd: Date | null;

  @Column({ name: "lapses_at", type: "timestamptz", nullable: true })
  lapsesAt: Date | null;

  @Column({ name: "ends_at", type: "timestamptz", nullable: true })
  endsAt: Date | null;

  @Column({ name: "pending_plan_id", type: "text", nullable: true })
  pendingPlanId: string | null;

  @Column({ name: "pending_plan_name", type: "text", nullable: true })
  pendingPlanName: string | null;

  @Column({ name: "pending_units", type: "integer", nullable: true })
  pendingUnits: number | null;

  @Column({ name: "pending_effective_at", type: "timestamptz", nullable: true })
  pendingEffectiveAt: Date | null;

  @Column({ name: "billed_by", type: "text" })
  billedBy: string;

  @Column({ type: "jsonb", default: () => "'{}'" })
  details: Record<string, unknown>;

  @Column({ name: "last_event_id", type: "bigint", nullable: true })
  lastEventId: string | null;

  @Column({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
