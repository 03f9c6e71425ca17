import type { MigrationInterface, QueryRunner } from "typeorm";

export class CustomerDuties1795933400000 implements MigrationInterface {
  name = "CustomerDuties1795933400000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "redaction" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "marketplace" text NOT NULL, "account_id" text NOT NULL, "reason" text NOT NULL, "redacted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "fields" jsonb NOT NULL, CONSTRAINT "PK_253fb91b228e9181d0227b549fa" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_redaction_account" ON "redaction"  ("marketplace", "account_id")`,
    );
    await queryRunner.query(`ALTER TABLE "inbound_event" ADD "redaction_id" bigint`);
    await queryRunner.query(`ALTER TABLE "plan" ADD "plan_number" integer`);
    // Hand-written: the event log stays append-only except for the audited redaction path. The guard compares
    // whole rows, so a column added later is immutable unless it is listed here as bookkeeping. A body (headers,
    // raw_body, payload; and any digest of it, which is cleared) may change only inside inbound_event_redact(),
    // which sets a transaction-local flag, and only under a redaction of the same account recorded in the same
    // transaction. Nothing is ever deleted.
    await queryRunner.query(`CREATE OR REPLACE FUNCTION "inbound_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bookkeeping CONSTANT text[] := ARRAY['status', 'applied_at', 'apply_error', 'apply_attempts', 'next_attempt_at'];
  body CONSTANT text[] := ARRAY['headers', 'raw_body', 'payload', 'redaction_id', 'body_sha256'];
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'inbound_event is append-only: rows cannot be deleted';
  END IF;
  IF (to_jsonb(NEW) - bookkeeping - body) IS DISTINCT FROM (to_jsonb(OLD) - bookkeeping - body) THEN
    RAISE EXCEPTION 'inbound_event is append-only: only apply bookkeeping columns may change';
  END IF;
  IF (to_jsonb(NEW) - bookkeeping) IS DISTINCT FROM (to_jsonb(OLD) - bookkeeping) THEN
    IF current_setting('billing.redaction', true) IS DISTINCT FROM 'on' OR NOT EXISTS (
         SELECT 1 FROM "redaction" r
          WHERE r.id = NEW.redaction_id AND r.marketplace = NEW.marketplace AND r.account_id = NEW.account_id
            AND r.xmin = pg_current_xact_id()::xid) THEN
      RAISE EXCEPTION 'inbound_event is append-only: a body changes only through inbound_event_redact() under a redaction recorded in the same transaction';
    END IF;
    -- A digest of the original body (duplicate detection) would still fingerprint what was erased.
    NEW := jsonb_populate_record(NEW, '{"body_sha256": null}'::jsonb);
  END IF;
  RETURN NEW;
END
$$`);
    await queryRunner.query(`CREATE FUNCTION "inbound_event_redact"(p_redaction_id bigint, p_event_id bigint, p_headers jsonb, p_raw_body bytea, p_payload jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('billing.redaction', 'on', true);
  UPDATE "inbound_event"
     SET "headers" = p_headers, "raw_body" = p_raw_body, "payload" = p_payload, "redaction_id" = p_redaction_id
   WHERE "id" = p_event_id;
  PERFORM set_config('billing.redaction', 'off', true);
END
$$`);
    // The record of an erasure is itself append-only.
    await queryRunner.query(`CREATE FUNCTION "redaction_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'redaction records cannot be changed or deleted';
END
$$`);
    await queryRunner.query(
      `CREATE TRIGGER "trg_redaction_append_only" BEFORE UPDATE OR DELETE ON "redaction" FOR EACH ROW EXECUTE FUNCTION "redaction_append_only"()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trg_redaction_append_only" ON "redaction"`);
    await queryRunner.query(`DROP FUNCTION "redaction_append_only"()`);
    await queryRunner.query(`DROP FUNCTION "inbound_event_redact"(bigint, bigint, jsonb, bytea, jsonb)`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION "inbound_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'inbound_event is append-only: rows cannot be deleted';
  END IF;
  IF NEW.marketplace IS DISTINCT FROM OLD.marketplace OR NEW.source IS DISTINCT FROM OLD.source
     OR NEW.event_type IS DISTINCT FROM OLD.event_type OR NEW.dedupe_key IS DISTINCT FROM OLD.dedupe_key
     OR NEW.account_id IS DISTINCT FROM OLD.account_id OR NEW.headers IS DISTINCT FROM OLD.headers
     OR NEW.raw_body IS DISTINCT FROM OLD.raw_body OR NEW.payload IS DISTINCT FROM OLD.payload
     OR NEW.received_at IS DISTINCT FROM OLD.received_at
     OR NEW.body_sha256 IS DISTINCT FROM OLD.body_sha256 OR NEW.conflicts_with IS DISTINCT FROM OLD.conflicts_with THEN
    RAISE EXCEPTION 'inbound_event is append-only: only apply bookkeeping columns may change';
  END IF;
  RETURN NEW;
END
$$`);
    await queryRunner.query(`ALTER TABLE "plan" DROP COLUMN "plan_number"`);
    await queryRunner.query(`ALTER TABLE "inbound_event" DROP COLUMN "redaction_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_redaction_account"`);
    await queryRunner.query(`DROP TABLE "redaction"`);
  }
}
