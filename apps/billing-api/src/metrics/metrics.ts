import { Counter, Gauge, Registry } from "prom-client";
import type { Marketplace } from "../domain/events/inbound-event.js";
import type { ReconciliationReport } from "../domain/github/reconcile-github.js";

/**
 * The service's Prometheus metrics, on a registry of its own (not prom-client's global one), so several
 * apps in one process (the tests) do not collide.
 */
export interface MetricsSources {
  /** Dead events per marketplace, read when /metrics is scraped. */
  deadEvents?: () => Promise<Partial<Record<Marketplace, number>>>;
}

export class Metrics {
  readonly registry = new Registry();
  private readonly drift = new Counter({
    name: "billing_reconciliation_drift_total",
    help: "Drift found and repaired by reconciliation, per kind.",
    labelNames: ["marketplace", "kind"],
    registers: [this.registry],
  });
  private readonly lastRun = new Gauge({
    name: "billing_reconciliation_last_run_timestamp_seconds",
    help: "When the last reconciliation run finished (successfully or not).",
    labelNames: ["marketplace"],
    registers: [this.registry],
  });
  private readonly lastSuccess = new Gauge({
    name: "billing_reconciliation_last_success_timestamp_seconds",
    help: "When the last successful reconciliation run finished.",
    labelNames: ["marketplace"],
    registers: [this.registry],
  });
  private readonly lastRunOk = new Gauge({
    name: "billing_reconciliation_last_run_success",
    help: "1 when the last reconciliation run completed, 0 when it failed.",
    labelNames: ["marketplace"],
    registers: [this.registry],
  });
  private readonly accounts = new Gauge({
    name: "billing_reconciliation_accounts",
    help: "Accounts the marketplace listed in the last successful run.",
    labelNames: ["marketplace"],
    registers: [this.registry],
  });
  private readonly lastDrift = new Gauge({
    name: "billing_reconciliation_last_run_drift",
    help: "Drift repaired by the last successful run, per kind.",
    labelNames: ["marketplace", "kind"],
    registers: [this.registry],
  });

  private readonly conflicts = new Counter({
    name: "billing_event_conflicting_deliveries_total",
    help: "Redeliveries that reused a stored event's dedupe key with a different body (kept, not applied).",
    labelNames: ["marketplace"],
    registers: [this.registry],
  });

  constructor(sources: MetricsSources = {}) {
    const { deadEvents } = sources;
    if (deadEvents) {
      new Gauge({
        name: "billing_events_dead",
        help: "Events quarantined after failing every attempt (`npm run cli -- events dead`).",
        labelNames: ["marketplace"],
        registers: [this.registry],
        async collect() {
          // A scrape during a database outage keeps the last known values instead of failing.
          const counts = await withinMs(deadEvents(), 2_000).catch(() => null);
          if (counts) {
            for (const marketplace of ["github", "evotor"] as const) {
              this.set({ marketplace }, counts[marketplace] ?? 0);
            }
          }
        },
      });
    }
  }

  recordConflictingDelivery(marketplace: string): void {
    this.conflicts.inc({ marketplace });
  }

  recordReconciliation(marketplace: Marketplace, report: ReconciliationReport): void {
    const at = report.finishedAt.getTime() / 1000;
    for (const [kind, count] of Object.entries(report.drift)) {
      this.drift.inc({ marketplace, kind }, count);
      this.lastDrift.set({ marketplace, kind }, count);
    }
    this.lastRun.set({ marketplace }, at);
    this.lastSuccess.set({ marketplace }, at);
    this.lastRunOk.set({ marketplace }, 1);
    this.accounts.set({ marketplace }, report.accounts);
  }

  recordReconciliationFailure(marketplace: Marketplace, at: Date): void {
    this.lastRun.set({ marketplace }, at.getTime() / 1000);
    this.lastRunOk.set({ marketplace }, 0);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}

function withinMs<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
