import type { MigrationInterface, QueryRunner } from "typeorm";

export class SubscriptionsAndPlans1795468743925 implements MigrationInterface {
  name = "SubscriptionsAndPlans1795468743925";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "plan" ("marketplace" text NOT NULL, "plan_id" text NOT NULL, "name" text, "description" text, "price_model" text, "monthly_price_cents" integer, "yearly_price_cents" integer, "unit_name" text, "has_free_trial" boolean, "bullets" jsonb NOT NULL DEFAULT '[]', "features" jsonb, "seat_rules" jsonb, "mapped_at" TIMESTAMP WITH TIME ZONE, "first_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_b7d3d62520092e0bc276ddfb103" PRIMARY KEY ("marketplace", "plan_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "subscription" ("marketplace" text NOT NULL, "subscription_id" text NOT NULL, "account_id" text NOT NULL, "plan_id" text, "plan_name" text, "units" integer, "billing_cycle" text, "started_at" TIMESTAMP WITH TIME ZONE, "trial_ends_at" TIMESTAMP WITH TIME ZONE, "current_period_end" TIMESTAMP WITH TIME ZONE, "lapses_at" TIMESTAMP WITH TIME ZONE, "ends_at" TIMESTAMP WITH TIME ZONE, "pending_plan_id" text, "pending_plan_name" text, "pending_units" integer, "pending_effective_at" TIMESTAMP WITH TIME ZONE, "billed_by" text NOT NULL, "details" jsonb NOT NULL DEFAULT '{}', "last_event_id" bigint, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_f64242b6e1fffd2343d09f0f1e2" PRIMARY KEY ("marketplace", "subscription_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_subscription_trial_end" ON "subscription"  ("trial_ends_at")`);
    await queryRunner.query(
      `CREATE INDEX "ix_subscription_account" ON "subscription"  ("marketplace", "account_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_subscription_account"`);
    await queryRunner.query(`DROP INDEX "public"."ix_subscription_trial_end"`);
    await queryRunner.query(`DROP TABLE "subscription"`);
    await queryRunner.query(`DROP TABLE "plan"`);
  }
}
