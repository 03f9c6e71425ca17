import type { ReconcileProgress } from "../domain/github/reconcile-github.js";

/** One stderr line per step of a reconciliation run, so a long run visibly moves. */
export function renderProgress(progress: ReconcileProgress, dryRun: boolean): string {
  switch (progress.step) {
    case "plans":
      return `reconcile: ${progress.plans} plan(s) on the listing`;
    case "plan":
      return `reconcile: plan ${progress.planId} (${progress.planName}): ${progress.accounts} account(s)`;
    case "confirming":
      return `reconcile: asking GitHub about ${progress.accounts} live subscription(s) missing from the listing`;
    case "repairing":
      return dryRun
        ? `reconcile: ${progress.repairs} repair(s) found; dry run, nothing is appended`
        : `reconcile: appending ${progress.repairs} repair(s)`;
  }
}
