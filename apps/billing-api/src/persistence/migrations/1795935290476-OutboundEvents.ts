import type { MigrationInterface, QueryRunner } from "typeorm";

/** The outbox, webhook endpoints and their deliveries, and what was last announced per account. */
export class OutboundEvents1795935290476 implements MigrationInterface {
  name = "OutboundEvents1795935290476";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "entitlement_watch" ("marketplace" text NOT NULL, "account_id" text NOT NULL, "announced" jsonb, "customer_id" uuid, "trial_notice_for" TIMESTAMP WITH TIME ZONE, "next_check_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_881dddfefa1b2dfd0982a33b579" PRIMARY KEY ("marketplace", "account_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_entitlement_watch_next_check" ON "entitlement_watch"  ("next_check_at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "outbound_event" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "type" text NOT NULL, "marketplace" text, "account_id" text, "body" text NOT NULL, "dedupe_key" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_cc0a9fe682b21c1b83d35b56c6c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_outbound_event_dedupe" ON "outbound_event"  ("dedupe_key")`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_delivery" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "endpoint_id" uuid NOT NULL, "event_id" bigint NOT NULL, "event_type" text NOT NULL, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE, "last_attempts" jsonb NOT NULL DEFAULT '[]', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_b1ae290239a778f12399db91354" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_webhook_delivery_due" ON "webhook_delivery"  ("status", "next_attempt_at")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_webhook_delivery_endpoint_event" ON "webhook_delivery"  ("endpoint_id", "event_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_endpoint" ("id" uuid NOT NULL, "url" text NOT NULL, "events" jsonb, "description" text, "secret_sealed" text NOT NULL, "previous_secret_sealed" text, "previous_secret_until" TIMESTAMP WITH TIME ZONE, "enabled" boolean NOT NULL DEFAULT true, "disabled_reason" text, "failing_since" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_6c98112122b2b8a4f3984d2efa8" PRIMARY KEY ("id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "webhook_endpoint"`);
    await queryRunner.query(`DROP INDEX "public"."uq_webhook_delivery_endpoint_event"`);
    await queryRunner.query(`DROP INDEX "public"."ix_webhook_delivery_due"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery"`);
    await queryRunner.query(`DROP INDEX "public"."uq_outbound_event_dedupe"`);
    await queryRunner.query(`DROP TABLE "outbound_event"`);
    await queryRunner.query(`DROP INDEX "public"."ix_entitlement_watch_next_check"`);
    await queryRunner.query(`DROP TABLE "entitlement_watch"`);
  }
}
