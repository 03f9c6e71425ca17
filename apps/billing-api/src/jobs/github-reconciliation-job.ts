import type {
  ReconcileDeps,
  ReconcileOptions,
  ReconciliationReport,
} from "../domain/github/reconcile-github.js";
import { reconcileGithub } from "../domain/github/reconcile-github.js";
import {
  type RevokeEndedTokensDeps,
  revokeEndedTokens,
} from "../domain/github-onboarding/revoke-ended-tokens.js";
import type { ReconciliationRunLog } from "../domain/reconciliation/reconciliation-runs.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics/metrics.js";

export interface GithubReconciliationJobDeps {
  reconcile: ReconcileDeps;
  /** Absent when no client credentials are configured: nothing can be revoked then. */
  revoke: RevokeEndedTokensDeps | undefined;
  metrics: Metrics;
  logger: Logger;
  /** Where each run and its drift is recorded for the operator (`GET /v1/reconciliation-runs`). */
  runs: ReconciliationRunLog;
  newId: () => string;
}

export type GithubReconciliationResult = ReconciliationReport & {
  tokens: { revoked: number; failed: number };
};

/**
 * One reconciliation pass as the CLI and the schedule run it: repair drift, then revoke the tokens of users
 * whose subscriptions have all ended, then report (metrics and one summary log line). Errors are recorded
 * and rethrown for the caller to decide (the CLI exits non-zero, the loop waits for the next interval).
 */
export async function runGithubReconciliation(
  deps: GithubReconciliationJobDeps,
  options: ReconcileOptions = {},
): Promise<GithubReconciliationResult> {
  if (options.dryRun) {
    // A look, not a run: no metrics, no log line, no token revoked.
    return { ...(await reconcileGithub(deps.reconcile, options)), tokens: { revoked: 0, failed: 0 } };
  }
  let report: ReconciliationReport;
  const startedAt = deps.reconcile.clock.now();
  try {
    report = await reconcileGithub(deps.reconcile, options);
  } catch (error) {
    const finishedAt = deps.reconcile.clock.now();
    deps.metrics.recordReconciliationFailure("github", finishedAt);
    deps.logger.error({ err: error }, "GitHub reconciliation failed; nothing was repaired");
    await recordRun(deps, {
      id: deps.newId(),
      marketplace: "github",
      startedAt,
      finishedAt,
      outcome: "failed",
      plans: 0,
      accounts: 0,
      drift: {},
      failedRepairs: 0,
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
  deps.metrics.recordReconciliation("github", report);
  await recordRun(deps, {
    id: deps.newId(),
    marketplace: "github",
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    outcome: "completed",
    plans: report.plans,
    accounts: report.accounts,
    drift: report.drift,
    failedRepairs: report.failed,
    error: null,
  });
  const tokens = deps.revoke ? await revokeEndedTokens(deps.revoke) : { revoked: 0, failed: 0 };
  const repaired = Object.values(report.drift).reduce((sum, count) => sum + count, 0);
  deps.logger.info(
    {
      marketplace: "github",
      plans: report.plans,
      accounts: report.accounts,
      drift: report.drift,
      repaired,
      failed: report.failed,
      tokens,
      durationMs: report.finishedAt.getTime() - report.startedAt.getTime(),
    },
    repaired === 0 ? "GitHub reconciliation: no drift" : "GitHub reconciliation repaired drift",
  );
  return { ...report, tokens };
}

/** The record is for the operator: failing to write it must not turn a finished pass into a failed one. */
async function recordRun(
  deps: GithubReconciliationJobDeps,
  run: Parameters<ReconciliationRunLog["record"]>[0],
): Promise<void> {
  await deps.runs.record(run).catch((error: unknown) => {
    deps.logger.error({ err: error }, "could not record the reconciliation run");
  });
}
