import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * The plan catalogue: what the marketplace says about a plan (refreshed whenever an event mentions it) and
 * what the vendor maps it to (features, seat rules; null until an admin maps it).
 */
@Entity({ name: "plan" })
export class PlanEntity {
  @PrimaryColumn({ type: "text" })
  marketplace: string;

  @PrimaryColumn({ name: "plan_id", type: "text" })
  planId: string;

  @Column({ type: "text", nullable: true })
  name: string | null;

  @Column({ type: "text", nullable: true })
  description: string | null;

  @Column({ name: "price_model", type: "text", nullable: true })
  priceModel: string | null;

  @Column({ name: "monthly_price_cents", type: "integer", nullable: true })
  monthlyPriceCents: number | null;

  @Column({ name: "yearly_price_cents", type: "integer", nullable: true })
  yearlyPriceCents: number | null;

  @Column({ name: "unit_name", type: "text", nullable: true })
  unitName: string | null;

  @Column({ name: "has_free_trial", type: "boolean", nullable: true })
  hasFreeTrial: boolean | null;

  @Column({ type: "jsonb", default: () => "'[]'" })
  bullets: string[];

  /** The plan's number within its GitHub listing (upgrade URLs); only the listing's REST answers carry it. */
  @Column({ name: "plan_number", type: "integer", nullable: true })
  planNumber: number | null;

  /** Vendor feature keys this plan grants; null while unmapped. */
  @Column({ type: "jsonb", nullable: true })
  features: string[] | null;

  /** Vendor seat rules (e.g. a fixed seat limit for flat-rate plans); null while unmapped. */
  @Column({ name: "seat_rules", type: "jsonb", nullable: true })
  seatRules: Record<string, unknown> | null;

  @Column({ name: "mapped_at", type: "timestamptz", nullable: true })
  mappedAt: Date | null;

  @Column({ name: "first_seen_at", type: "timestamptz" })
  firstSeenAt: Date;

  @Column({ name: "last_seen_at", type: "timestamptz" })
  lastSeenAt: Date;
}
