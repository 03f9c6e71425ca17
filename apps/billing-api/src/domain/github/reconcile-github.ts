import type { EventLog } from "../events/inbound-event.js";
import type { PlanNumbers } from "../plans/plan.js";
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
  eventLog: EventLog;
  api: GithubMarketplaceApi;
  subscriptions: SubscriptionDirectory;
  /** Keeps the listing's plan numbers (upgrade URLs) in the plan catalogue. */
  planNumbers?: PlanNumbers;
}

export interface ReconciliationReport {
  startedAt: Date;
  finishedAt: Date;
  plans: number;
  accounts: number;
  /** Drift found and repaired (or, in a dry run, that would be), per kind. */
  drift: Record<DriftKind, number>;
  /** Each repair: which account, what kind. */
  repairs: Array<{ accountId: string; kind: DriftKind }>;
  /** Repairs whose apply failed: they are in the log and the retry loop applies them. */
  failed: number;
  /** True when nothing was appended: the report says what a run would repair. */
  dryRun: boolean;
}

/** What a run is doing, for a person watching it (the CLI prints it on stderr). */
export type ReconcileProgress =
  | { step: "plans"; plans: number }
  | { step: "plan"; planId: number; planName: string; accounts: number }
  | { step: "confirming"; accounts: number }
  | { step: "repairing"; repairs: number };

export interface ReconcileOptions {
  /** Read and compare everything, append nothing. */
  dryRun?: boolean;
  progress?: (progress: ReconcileProgress) => void;
}

/**
 * Compares every account on every plan of the listing with our subscriptions and repairs the drift GitHub's
 * lost webhooks left (GitHub never redelivers). Everything is read before anything is repaired: an account
 * missing from an incomplete listing must not be taken for a cancellation, so any API error aborts the run.
 */
export async function reconcileGithub(
  deps: ReconcileDeps,
  options: ReconcileOptions = {},
): Promise<ReconciliationReport> {
  const progress = options.progress ?? (() => {});
  const dryRun = options.dryRun ?? false;
  const startedAt = deps.clock.now();
  // Our state is read before GitHub's, so anything that changes it while the listing is read (a webhook, a
  // provisioning) is newer than this snapshot and is left alone below.
  const stored = new Map(
    (await deps.subscriptions.listByMarketplace("github")).map((subscription) => [
      subscription.accountId,
      subscription,
    ]),
  );
  const plans = await deps.api.listPlans();
  await deps.planNumbers?.recordNumbers(
    "github",
    plans
      .filter((plan) => typeof plan.number === "number")
      .map((plan) => ({ planId: String(plan.id), name: plan.name ?? null, number: plan.number as number })),
    startedAt,
  );
  progress({ step: "plans", plans: plans.length });
  const observed = new Map<string, ObservedPurchase>();
  for (const plan of plans) {
    const accounts = await deps.api.listAccountsForPlan(plan.id);
    for (const account of accounts) {
      observed.set(String(account.id), fromListingAccount(account));
    }
    progress({
      step: "plan",
      planId: plan.id,
      planName: plan.name ?? String(plan.id),
      accounts: accounts.length,
    });
  }
  // A page-numbered listing can skip an account when others move between pages while it is read: before
  // taking a live subscription missing from the listing for a cancellation, ask GitHub about that account.
  const unlisted = [...stored].filter(
    ([accountId, subscription]) =>
      !observed.has(accountId) && (subscription.endsAt === null || subscription.endsAt > startedAt),
  );
  if (unlisted.length > 0) {
    progress({ step: "confirming", accounts: unlisted.length });
  }
  for (const [accountId] of unlisted) {
    const account = await deps.api.getAccount(Number(accountId));
    if (account !== null) {
      observed.set(accountId, fromListingAccount(account));
    }
  }

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

  progress({ step: "repairing", repairs: repairs.length });
  const drift = Object.fromEntries(DRIFT_KINDS.map((kind) => [kind, 0])) as Record<DriftKind, number>;
  const made: ReconciliationReport["repairs"] = [];
  let failed = 0;
  for (const repair of repairs) {
    if (await changedSince(deps, repair.accountId, startedAt)) {
      continue; // GitHub told us something about this account during the run; its word is newer than ours.
    }
    drift[repair.kind] += 1;
    made.push({ accountId: repair.accountId, kind: repair.kind });
    if (dryRun) {
      continue;
    }
    const status = await appendRepair(deps, repair, "reconciliation");
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
    repairs: made,
    failed,
    dryRun,
  };
}

/** True when an event about the account was received after `since` (a webhook or onboarding during the run). */
async function changedSince(deps: ReconcileDeps, accountId: string, since: Date): Promise<boolean> {
  const events = await deps.eventLog.listForAccount("github", accountId);
  return events.some(
    (event) => event.source !== "reconciliation" && event.status !== "conflict" && event.receivedAt > since,
  );
}
