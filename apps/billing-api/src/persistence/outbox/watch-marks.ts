import type { EntityManager } from "typeorm";

/*
 * Changes that alter entitlements without touching an account's own rows (a plan's mapping, a customer link)
 * mark the accounts for the announcement sweep instead of announcing in place: the sweep takes each account's
 * lock, so the sequence stays in commit order per account.
 */

export async function markPlanAccountsForCheck(
  manager: EntityManager,
  marketplace: string,
  planId: string,
  at: Date,
): Promise<void> {
  await manager.query(
    `INSERT INTO "entitlement_watch" ("marketplace", "account_id", "announced", "next_check_at", "updated_at")
     SELECT DISTINCT "marketplace", "account_id", NULL::jsonb, $3::timestamptz, $3::timestamptz FROM "subscription"
      WHERE "marketplace" = $1 AND ("plan_id" = $2 OR "pending_plan_id" = $2)
     ON CONFLICT ("marketplace", "account_id") DO UPDATE SET "next_check_at" = EXCLUDED."next_check_at"`,
    [marketplace, planId, at],
  );
}

export async function markAccountForCheck(
  manager: EntityManager,
  marketplace: string,
  accountId: string,
  at: Date,
): Promise<void> {
  await manager.query(
    `INSERT INTO "entitlement_watch" ("marketplace", "account_id", "announced", "next_check_at", "updated_at")
     VALUES ($1, $2, NULL, $3, $3)
     ON CONFLICT ("marketplace", "account_id") DO UPDATE SET "next_check_at" = EXCLUDED."next_check_at"`,
    [marketplace, accountId, at],
  );
}
