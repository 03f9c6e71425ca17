import type { MigrationInterface, QueryRunner } from "typeorm";

export class InitialSchema1795468282162 implements MigrationInterface {
  name = "InitialSchema1795468282162";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "inbound_event" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "marketplace" text NOT NULL, "source" text NOT NULL, "event_type" text NOT NULL, "dedupe_key" text NOT NULL, "account_id" text, "headers" jsonb NOT NULL, "raw_body" bytea NOT NULL, "payload" jsonb, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" text NOT NULL DEFAULT 'received', "applied_at" TIMESTAMP WITH TIME ZONE, "apply_error" text, "apply_attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_0c825a71c08c85b9760d57adf01" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_inbound_event_due" ON "inbound_event"  ("status", "next_attempt_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_inbound_event_account" ON "inbound_event"  ("marketplace", "account_id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_inbound_event_dedupe" ON "inbound_event"  ("marketplace", "dedupe_key")`,
    );
    // Hand-written: the log is append-only. What was received can never be changed or deleted; only the
    // apply bookkeeping (status, applied_at, apply_error, apply_attempts, next_attempt_at) moves.
    await queryRunner.query(
      `ALTER TABLE "inbound_event" ADD CONSTRAINT "ck_inbound_event_status" CHECK ("status" IN ('received', 'applied', 'failed', 'ignored'))`,
    );
    await queryRunner.query(`CREATE FUNCTION "inbound_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'inbound_event is append-only: rows cannot be deleted';
  END IF;
  IF NEW.marketplace IS DISTINCT FROM OLD.marketplace OR NEW.source IS DISTINCT FROM OLD.source
     OR NEW.event_type IS DISTINCT FROM OLD.event_type OR NEW.dedupe_key IS DISTINCT FROM OLD.dedupe_key
     OR NEW.account_id IS DISTINCT FROM OLD.account_id OR NEW.headers IS DISTINCT FROM OLD.headers
     OR NEW.raw_body IS DISTINCT FROM OLD.raw_body OR NEW.payload IS DISTINCT FROM OLD.payload
     OR NEW.received_at IS DISTINCT FROM OLD.received_at THEN
    RAISE EXCEPTION 'inbound_event is append-only: only apply bookkeeping columns may change';
  END IF;
  RETURN NEW;
END
$$`);
    await queryRunner.query(
      `CREATE TRIGGER "trg_inbound_event_append_only" BEFORE UPDATE OR DELETE ON "inbound_event" FOR EACH ROW EXECUTE FUNCTION "inbound_event_append_only"()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trg_inbound_event_append_only" ON "inbound_event"`);
    await queryRunner.query(`DROP FUNCTION "inbound_event_append_only"()`);
    await queryRunner.query(`DROP INDEX "public"."uq_inbound_event_dedupe"`);
    await queryRunner.query(`DROP INDEX "public"."ix_inbound_event_account"`);
    await queryRunner.query(`DROP INDEX "public"."ix_inbound_event_due"`);
    await queryRunner.query(`DROP TABLE "inbound_event"`);
  }
}
