import type { MigrationInterface, QueryRunner } from "typeorm";

export class ApiKeyMarketplace1795933820958 implements MigrationInterface {
  name = "ApiKeyMarketplace1795933820958";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_key" ADD "marketplace" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_key" DROP COLUMN "marketplace"`);
  }
}
