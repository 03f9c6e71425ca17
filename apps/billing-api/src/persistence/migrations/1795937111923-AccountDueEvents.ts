import type { MigrationInterface, QueryRunner } from "typeorm";

export class AccountDueEvents1795937111923 implements MigrationInterface {
  name = "AccountDueEvents1795937111923";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_inbound_event_account_due" ON "inbound_event"  ("marketplace", "account_id") WHERE "status" IN ('received', 'failed')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_inbound_event_account_due"`);
  }
}
