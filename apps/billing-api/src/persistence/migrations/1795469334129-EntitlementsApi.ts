import type { MigrationInterface, QueryRunner } from "typeorm";

export class EntitlementsApi1795469334129 implements MigrationInterface {
  name = "EntitlementsApi1795469334129";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "api_key" ("id" uuid NOT NULL, "name" text NOT NULL, "scope" text NOT NULL, "hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_key_hash" ON "api_key"  ("hash")`);
    await queryRunner.query(
      `CREATE TABLE "customer" ("id" uuid NOT NULL, "external_id" text, "name" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_a7a13f4cacb744524e44dfdad32" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_customer_external_id" ON "customer"  ("external_id")`);
    await queryRunner.query(
      `CREATE TABLE "customer_link" ("marketplace" text NOT NULL, "account_id" text NOT NULL, "customer_id" uuid NOT NULL, "linked_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_64b272c555c077601a2ab090b56" PRIMARY KEY ("marketplace", "account_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_customer_link_customer" ON "customer_link"  ("customer_id")`);
    await queryRunner.query(
      `CREATE TABLE "seat" ("marketplace" text NOT NULL, "account_id" text NOT NULL, "user_id" text NOT NULL, "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_5b71ed7989fe469530b2df844da" PRIMARY KEY ("marketplace", "account_id", "user_id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "seat"`);
    await queryRunner.query(`DROP INDEX "public"."ix_customer_link_customer"`);
    await queryRunner.query(`DROP TABLE "customer_link"`);
    await queryRunner.query(`DROP INDEX "public"."uq_customer_external_id"`);
    await queryRunner.query(`DROP TABLE "customer"`);
    await queryRunner.query(`DROP INDEX "public"."uq_api_key_hash"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
  }
}
