import type { DataSource } from "typeorm";
import type { Marketplace } from "../../domain/events/inbound-event.js";
import type {
  ReconciliationRun,
  ReconciliationRunLog,
} from "../../domain/reconciliation/reconciliation-runs.js";
import { ReconciliationRunEntity } from "../entities/reconciliation-run.entity.js";

export class TypeOrmReconciliationRuns implements ReconciliationRunLog {
  constructor(private readonly dataSource: DataSource) {}

  async record(run: ReconciliationRun): Promise<void> {
    await this.dataSource
      .getRepository(ReconciliationRunEntity)
      .insert({ ...run, error: run.error?.slice(0, 4000) ?? null });
  }

  async listRecent(limit: number): Promise<ReconciliationRun[]> {
    const rows = await this.dataSource
      .getRepository(ReconciliationRunEntity)
      .find({ order: { startedAt: "DESC", id: "ASC" }, take: limit });
    return rows.map((row) => ({
      id: row.id,
      marketplace: row.marketplace as Marketplace,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
      outcome: row.outcome === "failed" ? "failed" : "completed",
      plans: row.plans,
      accounts: row.accounts,
      drift: row.drift,
      failedRepairs: row.failedRepairs,
      error: row.error,
    }));
  }
}
