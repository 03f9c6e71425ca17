import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * Every mapping a plan has had, numbered from 1: a change of features or seat rules adds a version with the
 * time it took effect, so the history can say which features an account had when. Append-only.
 */
@Entity({ name: "plan_mapping_version" })
export class PlanMappingVersionEntity {
  @PrimaryColumn({ type: "text" })
  marketplace: string;

  @PrimaryColumn({ name: "plan_id", type: "text" })
  planId: string;

  @PrimaryColumn({ type: "integer" })
  version: number;

  @Column({ type: "jsonb" })
  features: string[];

  @Column({ name: "seat_rules", type: "jsonb" })
  seatRules: Record<string, unknown>;

  @Column({ name: "effective_from", type: "timestamptz" })
  effectiveFrom: Date;
}
