import type { MigrationInterface, QueryRunner } from "typeorm";

export class EvotorAccounts1795469305483 implements MigrationInterface {
  name = "EvotorAccounts1795469305483";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "evotor_user" ("user_id" text NOT NULL, "origin" text NOT NULL, "token_hash" text, "token_nonce" text, "cloud_token_sealed" text, "cloud_token_received_at" TIMESTAMP WITH TIME ZONE, "custom_fields" jsonb NOT NULL DEFAULT '{}', "vendor_account_id" text, "has_billing" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_9bfcf2023c199a8ca89e0987fa1" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_evotor_user_vendor_account" ON "evotor_user"  ("vendor_account_id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_evotor_user_token_hash" ON "evotor_user"  ("token_hash")`,
    );
    await queryRunner.query(
      `CREATE TABLE "vendor_account" ("id" text NOT NULL, "username" text NOT NULL, "username_key" text NOT NULL, "password_hash" text NOT NULL, "has_billing" boolean NOT NULL DEFAULT false, "fields" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_08b4e8e5f359316005b0a97f3ee" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_vendor_account_username_key" ON "vendor_account"  ("username_key")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_vendor_account_username_key"`);
    await queryRunner.query(`DROP TABLE "vendor_account"`);
    await queryRunner.query(`DROP INDEX "public"."uq_evotor_user_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."uq_evotor_user_vendor_account"`);
    await queryRunner.query(`DROP TABLE "evotor_user"`);
  }
}
