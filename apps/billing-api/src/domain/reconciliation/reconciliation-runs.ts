import type { Marketplace } from "../events/inbound-event.js";

/** One reconciliation pass as the operator sees it afterwards: what was compared and the drift it repaired. */
export interface ReconciliationRun {
  id: string;
  marketplace: Marketplace;
  startedAt: Date;
  finishedAt: Date;
  /** `failed`: the marketplace could not be read in full, so nothing was repaired. */
  outcome: "completed" | "failed";
  plans: number;
  accounts: number;
  /** Drift found and repaired, per kind. */
  drift: Record<string, number>;
  /** Repairs whose apply failed (they are in the event log; the retry loop applies them). */
  failedRepairs: number;
  error: string | null;
}

/** Where runs are recorded (`reconciliation_run`), newest first when listed. */
export interface ReconciliationRunLog {
  record(run: ReconciliationRun): Promise<void>;
  listRecent(limit: number): Promise<ReconciliationRun[]>;
}
