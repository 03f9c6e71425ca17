import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import {
  type EventStatusCounts,
  PENDING_STATUSES,
  type UnfinishedCount,
} from "../domain/events/event-status-counts.js";
import type { Marketplace } from "../domain/events/inbound-event.js";
import type { ReconciliationReport } from "../domain/github/reconcile-github.js";

/** What happened to an inbound event: a redelivery of a stored one, or the result of an apply attempt. */
export type InboundEventOutcome = "duplicate" | "applied" | "ignored" | "failed" | "dead";

const MARKETPLACES: readonly Marketplace[] = ["github", "evotor"];

/** A scrape must answer while the database hangs: the backlog gauges then keep their last values. */
const BACKLOG_QUERY_TIMEOUT_MS = 2_000;

/** Seconds from receipt to apply: most take milliseconds, a retried one minutes to hours. */
const APPLY_LAG_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 30, 60, 300, 900, 3600, 6 * 3600, 86_400];

/**
 * The service's Prometheus metrics, on a registry of its own (not prom-client's global one), so several
 * apps in one process (the tests) do not collide.
 */
export class Metrics {
  readonly registry = new Registry();
  private backlog: EventStatusCounts | undefined;
  private readonly requestDuration = new Histogram({
    name: "http_request_duration_seconds",
    help:
      "HTTP requests by surface, route template and status class; `unmatched` when no route owns the path or the " +
      "request was refused before one matched (e.g. missing credentials).",
    labelNames: ["surface", "route", "method", "status_class"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly inboundEvents = new Counter({
    name: "billing_inbound_events_total",
    help:
      "Inbound events by outcome: `duplicate` for a redelivery of a stored event (nothing changes), else the " +
      "result of each apply attempt (`applied`, `ignored`, `failed`, or `dead` when it was the last one allowed; " +
      "a retried event counts once per attempt).",
    labelNames: ["marketplace", "type", "outcome"],
    registers: [this.registry],
  });
  private readonly applyLag = new Histogram({
    name: "billing_inbound_event_apply_lag_seconds",
    help: "Time from an event's receipt to its first successful apply (retries included).",
    labelNames: ["marketplace"],
    buckets: APPLY_LAG_BUCKETS,
    registers: [this.registry],
  });
  private readonly pending = new Gauge({
    name: "billing_inbound_events_pending",
    help: "Stored events still waiting to be applied (received, or failed and due for a retry).",
    labelNames: ["marketplace"],
    registers: [this.registry],
  });
  private readonly dead = new Gauge({
    name: "billing_inbound_events_dead",
    help: "Events quarantined after failing every attempt; they wait for an operator (`npm run cli -- events dead`).",
    labelNames: ["marketplace"],
    registers: [this.registry],
  });
  private readonly unfinished = new Gauge({
    name: "billing_inbound_events_unfinished",
    help: "Stored events not applied or ignored yet, per marketplace and status.",
    labelNames: ["marketplace", "status"],
    registers: [this.registry],
  });
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

  /**
   * `defaultMetrics`: also export the process's own metrics (CPU, memory, event loop lag, GC, handles). Only
   * the serving process wants them; they install observers, so the CLI and tests leave them off.
   */
  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics) {
      collectDefaultMetrics({ register: this.registry });
    }
  }

  /** The event log's backlog gauges are read from `counts` at each scrape. */
  watchEventBacklog(counts: EventStatusCounts): void {
    this.backlog = counts;
  }

  recordRequest(
    labels: { surface: string; route: string; method: string; status: number },
    seconds: number,
  ): void {
    this.requestDuration.observe(
      {
        surface: labels.surface,
        route: labels.route,
        method: labels.method,
        status_class: `${Math.floor(labels.status / 100)}xx`,
      },
      seconds,
    );
  }

  recordInboundEvent(marketplace: Marketplace, type: string, outcome: InboundEventOutcome): void {
    this.inboundEvents.inc({ marketplace, type, outcome });
  }

  recordApplyLag(marketplace: Marketplace, seconds: number): void {
    this.applyLag.observe({ marketplace }, Math.max(0, seconds));
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

  async render(): Promise<string> {
    await this.refreshBacklog();
    return this.registry.metrics();
  }

  /** One query per scrape; when the database is away the gauges keep their last values. */
  private async refreshBacklog(): Promise<void> {
    if (!this.backlog) {
      return;
    }
    let counts: UnfinishedCount[];
    try {
      counts = await answerWithin(this.backlog.countUnfinished(), BACKLOG_QUERY_TIMEOUT_MS);
    } catch {
      return;
    }
    this.unfinished.reset();
    for (const marketplace of MARKETPLACES) {
      const own = counts.filter((row) => row.marketplace === marketplace);
      const sum = (statuses: readonly string[]) =>
        own.filter((row) => statuses.includes(row.status)).reduce((total, row) => total + row.count, 0);
      // Every marketplace gets a value, 0 included, so an alert on `> 0` has a series to watch.
      this.pending.set({ marketplace }, sum(PENDING_STATUSES));
      this.dead.set({ marketplace }, sum(["dead"]));
    }
    for (const row of counts) {
      this.unfinished.set({ marketplace: row.marketplace, status: row.status }, row.count);
    }
  }
}

function answerWithin<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
