import type { MigrationInterface, QueryRunner } from "typeorm";

export class GithubOnboarding1795469636168 implements MigrationInterface {
  name = "GithubOnboarding1795469636168";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "github_account_link" ("github_user_id" text NOT NULL, "account_id" text NOT NULL, "account_login" text, "account_type" text, "plan_id" text, "plan_name" text, "price_model" text, "billing_cycle" text, "unit_count" integer, "on_free_trial" boolean NOT NULL DEFAULT false, "seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_0d6b58036fda512475d4bacfa6a" PRIMARY KEY ("github_user_id", "account_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_github_account_link_account" ON "github_account_link"  ("account_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "github_oauth_state_nonce" ("nonce" text NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_b63b497e1f695b71de161acfed9" PRIMARY KEY ("nonce"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "github_onboarding_code" ("code_hash" text NOT NULL, "github_user_id" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_1c7ac0e606f7b271c73c0e53364" PRIMARY KEY ("code_hash"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "github_user" ("github_user_id" text NOT NULL, "login" text NOT NULL, "sealed_token" text, "token_revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_61d19440e55e70013dde70c60df" PRIMARY KEY ("github_user_id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "github_user"`);
    await queryRunner.query(`DROP TABLE "github_onboarding_code"`);
    await queryRunner.query(`DROP TABLE "github_oauth_state_nonce"`);
    await queryRunner.query(`DROP INDEX "public"."ix_github_account_link_account"`);
    await queryRunner.query(`DROP TABLE "github_account_link"`);
  }
}
