import type { MigrationInterface, QueryRunner } from "typeorm";

/** Hand-written: TypeORM does not diff CHECK constraints. Events that failed every attempt become `dead`. */
export class DeadEvents1795932831513 implements MigrationInterface {
  name = "DeadEvents1795932831513";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inbound_event" DROP CONSTRAINT "ck_inbound_event_status"`);
    await queryRunner.query(
      `ALTER TABLE "inbound_event" ADD CONSTRAINT "ck_inbound_event_status" CHECK ("status" IN ('received', 'applied', 'failed', 'ignored', 'dead'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Dead events go back to failed: they are retried, as before the quarantine existed.
    await queryRunner.query(`UPDATE "inbound_event" SET "status" = 'failed' WHERE "status" = 'dead'`);
    await queryRunner.query(`ALTER TABLE "inbound_event" DROP CONSTRAINT "ck_inbound_event_status"`);
    await queryRunner.query(
      `ALTER TABLE "inbound_event" ADD CONSTRAINT "ck_inbound_event_status" CHECK ("status" IN ('received', 'applied', 'failed', 'ignored'))`,
    );
  }
}
