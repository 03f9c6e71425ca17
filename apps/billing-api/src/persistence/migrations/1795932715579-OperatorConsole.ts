import type { MigrationInterface, QueryRunner } from "typeorm";

/** API keys get several scopes (existing keys keep theirs); reconciliation runs are recorded. */
export class OperatorConsole1795932715579 implements MigrationInterface {
  name = "OperatorConsole1795932715579";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "api_key" ALTER COLUMN "scope" TYPE text array USING ARRAY["scope"]`,
    );
    await queryRunner.query(`ALTER TABLE "api_key" RENAME COLUMN "scope" TO "scopes"`);
    await queryRunner.query(
      `CREATE TABLE "reconciliation_run" ("id" uuid NOT NULL, "marketplace" text NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE NOT NULL, "outcome" text NOT NULL, "plans" integer NOT NULL, "accounts" integer NOT NULL, "drift" jsonb NOT NULL, "failed_repairs" integer NOT NULL, "error" text, CONSTRAINT "PK_4fa08b87bbb63890254c8cdcb57" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_reconciliation_run_started_at" ON "reconciliation_run"  ("started_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_reconciliation_run_started_at"`);
    await queryRunner.query(`DROP TABLE "reconciliation_run"`);
    await queryRunner.query(`ALTER TABLE "api_key" RENAME COLUMN "scopes" TO "scope"`);
    // A key with several scopes keeps the widest one.
    await queryRunner.query(
      `ALTER TABLE "api_key" ALTER COLUMN "scope" TYPE text USING (CASE WHEN 'admin' = ANY("scope") THEN 'admin' ELSE "scope"[1] END)`,
    );
  }
}
