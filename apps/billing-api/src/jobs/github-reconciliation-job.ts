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
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics/metrics.js";

export interface GithubReconciliationJobDeps {
  reconcile: ReconcileDeps;
  /** Absent when no client credentials are configured: nothing can be revoked then. */
  revoke: RevokeEndedTokensDeps | undefined;
  metrics: Metrics;
  logger: Logger;
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
  try {
    report = await reconcileGithub(deps.reconcile, options);
  } catch (error) {
    deps.metrics.recordReconciliationFailure("github", deps.reconcile.clock.now());
    deps.logger.error({ err: error }, "GitHub reconciliation failed; nothing was repaired");
    throw error;
  }
  deps.metrics.recordReconciliation("github", report);
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
