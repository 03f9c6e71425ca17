import type { MigrationInterface, QueryRunner } from "typeorm";

export class ApplyQueueAndFoldCheckpoints1795933016849 implements MigrationInterface {
  name = "ApplyQueueAndFoldCheckpoints1795933016849";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "account_fold" ("marketplace" text NOT NULL, "account_id" text NOT NULL, "state" jsonb NOT NULL, "last_event_id" bigint NOT NULL, "event_count" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_0162386fbbc483f0310559c93cf" PRIMARY KEY ("marketplace", "account_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_inbound_event_queue" ON "inbound_event"  ("id") WHERE "status" IN ('received', 'failed')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_inbound_event_queue"`);
    await queryRunner.query(`DROP TABLE "account_fold"`);
  }
}
