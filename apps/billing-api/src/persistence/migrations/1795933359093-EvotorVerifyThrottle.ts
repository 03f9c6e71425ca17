import type { MigrationInterface, QueryRunner } from "typeorm";

export class EvotorVerifyThrottle1795933359093 implements MigrationInterface {
  name = "EvotorVerifyThrottle1795933359093";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "evotor_verify_throttle" ("key" character varying(255) NOT NULL, "points" integer NOT NULL DEFAULT '0', "expire" bigint, CONSTRAINT "PK_0d76b41ba1621d00c9abfe6b199" PRIMARY KEY ("key"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "evotor_verify_throttle"`);
  }
}
