import type { DataSource, EntityManager } from "typeorm";
import type { ObservedPlan, PlanCatalogue } from "../../domain/plans/plan.js";

export class TypeOrmPlanCatalogue implements PlanCatalogue {
  constructor(private readonly dataSource: DataSource) {}

  async recordSeen(plan: ObservedPlan): Promise<void> {
    await upsertObservedPlan(this.dataSource.manager, plan);
  }
}

/**
 * Insert or refresh the marketplace's description of a plan. Fields the event did not carry (null) keep
 * their stored value, and the vendor's mapping (features, seat rules) is never touched.
 */
export async function upsertObservedPlan(manager: EntityManager, plan: ObservedPlan): Promise<void> {
  await manager.query(
    `INSERT INTO "plan" ("marketplace", "plan_id", "name", "description", "price_model", "monthly_price_cents",
       "yearly_price_cents", "unit_name", "has_free_trial", "bullets", "first_seen_at", "last_seen_at")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $11)
     ON CONFLICT ("marketplace", "plan_id") DO UPDATE SET
       "name" = COALESCE(EXCLUDED."name", "plan"."name"),
       "description" = COALESCE(EXCLUDED."description", "plan"."description"),
       "price_model" = COALESCE(EXCLUDED."price_model", "plan"."price_model"),
       "monthly_price_cents" = COALESCE(EXCLUDED."monthly_price_cents", "plan"."monthly_price_cents"),
       "yearly_price_cents" = COALESCE(EXCLUDED."yearly_price_cents", "plan"."yearly_price_cents"),
       "unit_name" = COALESCE(EXCLUDED."unit_name", "plan"."unit_name"),
       "has_free_trial" = COALESCE(EXCLUDED."has_free_trial", "plan"."has_free_trial"),
       "bullets" = CASE WHEN jsonb_array_length(EXCLUDED."bullets") > 0 THEN EXCLUDED."bullets" ELSE "plan"."bullets" END,
       "last_seen_at" = GREATEST(EXCLUDED."last_seen_at", "plan"."last_seen_at")`,
    [
      plan.marketplace,
      plan.planId,
      plan.name,
      plan.description,
      plan.priceModel,
      plan.monthlyPriceCents,
      plan.yearlyPriceCents,
      plan.unitName,
      plan.hasFreeTrial,
      JSON.stringify(plan.bullets),
      plan.seenAt,
    ],
  );
}
