import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/** A GitHub account (user or organization) the GitHub user bought for, as its last onboarding showed. */
@Entity({ name: "github_account_link" })
@Index("ix_github_account_link_account", ["accountId"])
export class GithubAccountLinkEntity {
  @PrimaryColumn({ name: "github_user_id", type: "text" })
  githubUserId: string;

  @PrimaryColumn({ name: "account_id", type: "text" })
  accountId: string;

  @Column({ name: "account_login", type: "text", nullable: true })
  accountLogin: string | null;

  @Column({ name: "account_type", type: "text", nullable: true })
  accountType: string | null;

  @Column({ name: "plan_id", type: "text", nullable: true })
  planId: string | null;

  @Column({ name: "plan_name", type: "text", nullable: true })
  planName: string | null;

  @Column({ name: "price_model", type: "text", nullable: true })
  priceModel: string | null;

  @Column({ name: "billing_cycle", type: "text", nullable: true })
  billingCycle: string | null;

  @Column({ name: "unit_count", type: "integer", nullable: true })
  unitCount: number | null;

  @Column({ name: "on_free_trial", type: "boolean", default: false })
  onFreeTrial: boolean;

  @Column({ name: "seen_at", type: "timestamptz" })
  seenAt: Date;
}
