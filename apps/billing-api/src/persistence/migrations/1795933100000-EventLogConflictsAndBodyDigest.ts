import type { MigrationInterface, QueryRunner } from "typeorm";

/** The append-only guard, before (`previous`) and after this migration, which adds the two new columns. */
function appendOnlyGuard(extraColumns: string): string {
  return `CREATE OR REPLACE FUNCTION "inbound_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'inbound_event is append-only: rows cannot be deleted';
  END IF;
  IF NEW.marketplace IS DISTINCT FROM OLD.marketplace OR NEW.source IS DISTINCT FROM OLD.source
     OR NEW.event_type IS DISTINCT FROM OLD.event_type OR NEW.dedupe_key IS DISTINCT FROM OLD.dedupe_key
     OR NEW.account_id IS DISTINCT FROM OLD.account_id OR NEW.headers IS DISTINCT FROM OLD.headers
     OR NEW.raw_body IS DISTINCT FROM OLD.raw_body OR NEW.payload IS DISTINCT FROM OLD.payload
     OR NEW.received_at IS DISTINCT FROM OLD.received_at${extraColumns} THEN
    RAISE EXCEPTION 'inbound_event is append-only: only apply bookkeeping columns may change';
  END IF;
  RETURN NEW;
END
$$`;
}

/**
 * Issue 10, points 3 and 4:
 * - Evotor dedupe keys gain the user: `subscription:<userId>:<subscriptionId>:<sequenceNumber>` and
 *   `installation:<userId>:<id>`. Existing rows are re-keyed in place (every row is kept; old keys were
 *   unique, and prefixing the row's own user keeps them unique).
 * - `body_sha256` (unique per marketplace, NULLs apart) lets GitHub replays under a new delivery id be
 *   recognised; it is filled for the first GitHub webhook row of each distinct body only, so rows that are
 *   already such replays stay as they are and the index can be built.
 * - `conflicts_with` and status `conflict`: a redelivery under a stored key with a different body.
 * The append-only trigger forbids changing `dedupe_key`; it is disabled only inside this migration's
 * transaction (every runner here uses `migrationsTransactionMode: "each"`; ALTER TABLE holds an exclusive
 * lock, so nothing else writes meanwhile) and re-enabled with the new columns guarded as well.
 */
export class EventLogConflictsAndBodyDigest1795933100000 implements MigrationInterface {
  name = "EventLogConflictsAndBodyDigest1795933100000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inbound_event" ADD "body_sha256" bytea`);
    await queryRunner.query(`ALTER TABLE "inbound_event" ADD "conflicts_with" bigint`);
    await queryRunner.query(`ALTER TABLE "inbound_event" DROP CONSTRAINT "ck_inbound_event_status"`);
    await queryRunner.query(
      `ALTER TABLE "inbound_event" ADD CONSTRAINT "ck_inbound_event_status" CHECK ("status" IN ('received', 'applied', 'failed', 'ignored', 'dead', 'conflict'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "inbound_event" ADD CONSTRAINT "ck_inbound_event_conflict" CHECK (("status" = 'conflict') = ("conflicts_with" IS NOT NULL))`,
    );

    await queryRunner.query(`ALTER TABLE "inbound_event" DISABLE TRIGGER "trg_inbound_event_append_only"`);
    await queryRunner.query(
      `UPDATE "inbound_event" SET "dedupe_key" = 'subscription:' || "account_id" || ':' || substr("dedupe_key", 14)
       WHERE "marketplace" = 'evotor' AND "account_id" IS NOT NULL AND "dedupe_key" ~ '^subscription:[^:]*:[0-9]+$'`,
    );
    await queryRunner.query(
      `UPDATE "inbound_event" SET "dedupe_key" = 'installation:' || "account_id" || ':' || substr("dedupe_key", 14)
       WHERE "marketplace" = 'evotor' AND "account_id" IS NOT NULL AND "dedupe_key" ~ '^installation:[^:]*$'`,
    );
    await queryRunner.query(
      `UPDATE "inbound_event" AS "event" SET "body_sha256" = "first"."digest"
       FROM (SELECT DISTINCT ON (sha256("raw_body")) "id", sha256("raw_body") AS "digest" FROM "inbound_event"
             WHERE "marketplace" = 'github' AND "source" = 'webhook' ORDER BY sha256("raw_body"), "id") AS "first"
       WHERE "event"."id" = "first"."id"`,
    );
    await queryRunner.query(
      appendOnlyGuard(`
     OR NEW.body_sha256 IS DISTINCT FROM OLD.body_sha256 OR NEW.conflicts_with IS DISTINCT FROM OLD.conflicts_with`),
    );
    await queryRunner.query(`ALTER TABLE "inbound_event" ENABLE TRIGGER "trg_inbound_event_append_only"`);

    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_inbound_event_body" ON "inbound_event"  ("marketplace", "body_sha256")`,
    );
  }

  /** Fails (and changes nothing) when conflicting deliveries were stored: the old schema cannot hold them. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_inbound_event_body"`);
    await queryRunner.query(`ALTER TABLE "inbound_event" DISABLE TRIGGER "trg_inbound_event_append_only"`);
    await queryRunner.query(
      `UPDATE "inbound_event" SET "dedupe_key" = 'subscription:' || substr("dedupe_key", 15 + length("account_id"))
       WHERE "marketplace" = 'evotor' AND "account_id" IS NOT NULL AND "dedupe_key" LIKE 'subscription:' || "account_id" || ':%'`,
    );
    await queryRunner.query(
      `UPDATE "inbound_event" SET "dedupe_key" = 'installation:' || substr("dedupe_key", 15 + length("account_id"))
       WHERE "marketplace" = 'evotor' AND "account_id" IS NOT NULL AND "dedupe_key" LIKE 'installation:' || "account_id" || ':%'`,
    );
    await queryRunner.query(appendOnlyGuard(""));
    await queryRunner.query(`ALTER TABLE "inbound_event" ENABLE TRIGGER "trg_inbound_event_append_only"`);
    await queryRunner.query(`ALTER TABLE "inbound_event" DROP CONSTRAINT "ck_inbound_event_conflict"`);
    await queryRunner.query(`ALTER TABLE "inbound_event" DROP CONSTRAINT "ck_inbound_event_status"`);
    await queryRunner.query(
      `ALTER TABLE "inbound_event" ADD CONSTRAINT "ck_inbound_event_status" CHECK ("status" IN ('received', 'applied', 'failed', 'ignored', 'dead'))`,
    );
    await queryRunner.query(`ALTER TABLE "inbound_event" DROP COLUMN "conflicts_with"`);
    await queryRunner.query(`ALTER TABLE "inbound_event" DROP COLUMN "body_sha256"`);
  }
}
