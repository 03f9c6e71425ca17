import type { SubscriptionDirectory } from "../subscriptions/subscription-directory.js";
import { appendRepair, type RepairDeps } from "./append-repair.js";
import {
  DRIFT_KINDS,
  type DriftKind,
  type Repair,
  repairForUnlistedAccount,
  repairsForListedAccount,
} from "./detect-drift.js";
import type { GithubMarketplaceApi } from "./github-api.js";
import { fromListingAccount, type ObservedPurchase } from "./observed-purchase.js";

export interface ReconcileDeps extends RepairDeps {
  api: GithubMarketplaceApi;
  subscriptions: SubscriptionDirectory;
}

export interface ReconciliationReport {
  startedAt: Date;
  finishedAt: Date;
  plans: number;
  accounts: number;
  /** Drift found and repaired, per kind. */
  drift: Record<DriftKind, number>;
  /** Repairs whose apply failed: they are in the log and the retry loop applies them. */
  failed: number;
}

/**
 * Compares every account on every plan of the listing with our subscriptions and repairs the drift GitHub's
 * lost webhooks left (GitHub never redelivers). Everything is read before anything is repaired: an account
 * missing from an incomplete listing must not be taken for a cancellation, so any API error aborts the run.
 */
export async function reconcileGithub(deps: ReconcileDeps): Promise<ReconciliationReport> {
  const startedAt = deps.clock.now();
  const plans = await deps.api.listPlans();
  const observed = new Map<string, ObservedPurchase>();
  for (const plan of plans) {
    for (const account of await deps.api.listAccountsForPlan(plan.id)) {
      observed.set(String(account.id), fromListingAccount(account));
    }
  }

  const stored = new Map(
    (await deps.subscriptions.listByMarketplace("github")).map((subscription) => [
      subscription.accountId,
      subscription,
    ]),
  );
  const now = deps.clock.now();
  const repairs: Repair[] = [];
  for (const [accountId, purchase] of observed) {
    repairs.push(...repairsForListedAccount(purchase, stored.get(accountId) ?? null, now, "reconciliation"));
  }
  for (const [accountId, subscription] of stored) {
    if (!observed.has(accountId)) {
      const repair = repairForUnlistedAccount(subscription, now, "reconciliation");
      if (repair) {
        repairs.push(repair);
      }
    }
  }

  const drift = Object.fromEntries(DRIFT_KINDS.map((kind) => [kind, 0])) as Record<DriftKind, number>;
  let failed = 0;
  for (const repair of repairs) {
    const status = await appendRepair(deps, repair, "reconciliation");
    drift[repair.kind] += 1;
    if (status === "failed") {
      failed += 1;
    }
  }
  return {
    startedAt,
    finishedAt: deps.clock.now(),
    plans: plans.length,
    accounts: observed.size,
    drift,
    failed,
  };
}
