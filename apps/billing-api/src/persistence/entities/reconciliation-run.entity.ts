import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/** One reconciliation pass and the drift it found (what the console shows under "Reconciliation"). */
@Entity({ name: "reconciliation_run" })
@Index("ix_reconciliation_run_started_at", ["startedAt"])
export class ReconciliationRunEntity {
  @PrimaryColumn({ type: "uuid" })
  id: string;

  @Column({ type: "text" })
  marketplace: string;

  @Column({ name: "started_at", type: "timestamptz" })
  startedAt: Date;

  @Column({ name: "finished_at", type: "timestamptz" })
  finishedAt: Date;

  @Column({ type: "text" })
  outcome: string;

  @Column({ type: "integer" })
  plans: number;

  @Column({ type: "integer" })
  accounts: number;

  @Column({ type: "jsonb" })
  drift: Record<string, number>;

  @Column({ name: "failed_repairs", type: "integer" })
  failedRepairs: number;

  @Column({ type: "text", nullable: true })
  error: string | null;
}
