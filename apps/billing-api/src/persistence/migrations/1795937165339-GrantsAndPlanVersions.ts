import type { MigrationInterface, QueryRunner } from "typeorm";

export class GrantsAndPlanVersions1795937165339 implements MigrationInterface {
  name = "GrantsAndPlanVersions1795937165339";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "plan_mapping_version" ("marketplace" text NOT NULL, "plan_id" text NOT NULL, "version" integer NOT NULL, "features" jsonb NOT NULL, "seat_rules" jsonb NOT NULL, "effective_from" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_151b92f3ab35369e5028168fa42" PRIMARY KEY ("marketplace", "plan_id", "version"))`,
    );
    // Plans mapped before versions existed start at version 1, from when they were mapped.
    await queryRunner.query(
      `INSERT INTO "plan_mapping_version" ("marketplace", "plan_id", "version", "features", "seat_rules", "effective_from")
       SELECT "marketplace", "plan_id", 1, "features", COALESCE("seat_rules", '{}'::jsonb), COALESCE("mapped_at", "first_seen_at")
       FROM "plan" WHERE "features" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_inbound_event_grants" ON "inbound_event"  ("marketplace", "account_id") WHERE "event_type" IN ('grant.created', 'grant.revoked')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_inbound_event_grants"`);
    await queryRunner.query(`DROP TABLE "plan_mapping_version"`);
  }
}
