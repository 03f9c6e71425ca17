import type { DataSource, EntityManager } from "typeorm";
import type { Marketplace } from "../../domain/events/inbound-event.js";
import type {
  CatalogPlan,
  ObservedPlan,
  PlanCatalogue,
  PlanDirectory,
  PlanKey,
  PlanMapping,
  PlanMappingVersion,
  PlanNumbers,
  PriceModel,
} from "../../domain/plans/plan.js";
import { PlanEntity } from "../entities/plan.entity.js";
import { PlanMappingVersionEntity } from "../entities/plan-mapping-version.entity.js";
import { markPlanAccountsForCheck } from "../outbox/watch-marks.js";

export class TypeOrmPlanCatalogue implements PlanCatalogue, PlanDirectory, PlanNumbers {
  constructor(private readonly dataSource: DataSource) {}

  async recordNumbers(
    marketplace: Marketplace,
    plans: ReadonlyArray<{ planId: string; name: string | null; number: number }>,
    at: Date,
  ): Promise<void> {
    for (const plan of plans) {
      await this.dataSource.query(
        `INSERT INTO "plan" ("marketplace", "plan_id", "name", "plan_number", "first_seen_at", "last_seen_at")
         VALUES ($1, $2, $3, $4, $5, $5)
         ON CONFLICT ("marketplace", "plan_id") DO UPDATE SET "plan_number" = EXCLUDED."plan_number"`,
        [marketplace, plan.planId, plan.name, plan.number, at],
      );
    }
  }

  async recordSeen(plan: ObservedPlan): Promise<void> {
    await upsertObservedPlan(this.dataSource.manager, plan);
  }

  async find(keys: readonly PlanKey[]): Promise<CatalogPlan[]> {
    if (keys.length === 0) {
      return [];
    }
    const rows = await this.dataSource.getRepository(PlanEntity).find({
      where: keys.map(({ marketplace, planId }) => ({ marketplace, planId })),
    });
    return rows.map(toCatalogPlan);
  }

  async list(marketplace?: Marketplace): Promise<CatalogPlan[]> {
    const rows = await this.dataSource.getRepository(PlanEntity).find({
      ...(marketplace ? { where: { marketplace } } : {}),
      order: { marketplace: "ASC", planId: "ASC" },
    });
    return rows.map(toCatalogPlan);
  }

  async map(key: PlanKey, mapping: PlanMapping, at: Date): Promise<CatalogPlan> {
    const features = JSON.stringify(mapping.features);
    const seatRules = JSON.stringify({ seatLimit: mapping.seatLimit });
    await this.dataSource.transaction(async (manager) => {
      // The upsert locks the plan's row, so concurrent mappings number their versions one after the other.
      await manager.query(
        `INSERT INTO "plan" ("marketplace", "plan_id", "features", "seat_rules", "mapped_at", "first_seen_at", "last_seen_at")
         VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $5, $5)
         ON CONFLICT ("marketplace", "plan_id") DO UPDATE SET
           "features" = EXCLUDED."features", "seat_rules" = EXCLUDED."seat_rules", "mapped_at" = EXCLUDED."mapped_at"`,
        [key.marketplace, key.planId, features, seatRules, at],
      );
      await manager.query(
        `INSERT INTO "plan_mapping_version" ("marketplace", "plan_id", "version", "features", "seat_rules", "effective_from")
         SELECT $1, $2, COALESCE(latest."version", 0) + 1, $3::jsonb, $4::jsonb, $5
         FROM (SELECT 1) AS one
         LEFT JOIN LATERAL (
           SELECT "version", "features", "seat_rules" FROM "plan_mapping_version"
           WHERE "marketplace" = $1 AND "plan_id" = $2 ORDER BY "version" DESC LIMIT 1
         ) AS latest ON true
         WHERE latest."version" IS NULL OR latest."features" <> $3::jsonb OR latest."seat_rules" <> $4::jsonb`,
        [key.marketplace, key.planId, features, seatRules, at],
      );
      // Every account on the plan may now have other features or seats: the sweep announces those that do.
      await markPlanAccountsForCheck(manager, key.marketplace, key.planId, at);
    });
    const row = await this.dataSource.getRepository(PlanEntity).findOneByOrFail({ ...key });
    return toCatalogPlan(row);
  }

  async versions(key: PlanKey): Promise<PlanMappingVersion[]> {
    const rows = await this.dataSource
      .getRepository(PlanMappingVersionEntity)
      .find({ where: { ...key }, order: { version: "ASC" } });
    return rows.map((row) => ({
      version: row.version,
      features: row.features,
      seatLimit: (row.seatRules.seatLimit as number | null | undefined) ?? null,
      effectiveFrom: row.effectiveFrom,
    }));
  }
}

function toCatalogPlan(row: PlanEntity): CatalogPlan {
  return {
    marketplace: row.marketplace as Marketplace,
    planId: row.planId,
    name: row.name,
    description: row.description,
    priceModel: row.priceModel as PriceModel | null,
    monthlyPriceCents: row.monthlyPriceCents,
    yearlyPriceCents: row.yearlyPriceCents,
    unitName: row.unitName,
    hasFreeTrial: row.hasFreeTrial,
    bullets: row.bullets,
    number: row.planNumber,
    mapping:
      row.features === null
        ? null
        : {
            features: row.features,
            seatLimit: (row.seatRules?.seatLimit as number | null | undefined) ?? null,
          },
    firstSeenAt: row.firstSeenAt,
    lastSeenAt: row.lastSeenAt,
  };
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
       "last_seen_at" = GREATEST(EXCLUDED."last_seen_at", "plan"."last_seen_at")
     -- Most deliveries say nothing new about their plan: then the shared row is not rewritten.
     WHERE "plan"."name" IS DISTINCT FROM COALESCE(EXCLUDED."name", "plan"."name")
        OR "plan"."description" IS DISTINCT FROM COALESCE(EXCLUDED."description", "plan"."description")
        OR "plan"."price_model" IS DISTINCT FROM COALESCE(EXCLUDED."price_model", "plan"."price_model")
        OR "plan"."monthly_price_cents" IS DISTINCT FROM COALESCE(EXCLUDED."monthly_price_cents", "plan"."monthly_price_cents")
        OR "plan"."yearly_price_cents" IS DISTINCT FROM COALESCE(EXCLUDED."yearly_price_cents", "plan"."yearly_price_cents")
        OR "plan"."unit_name" IS DISTINCT FROM COALESCE(EXCLUDED."unit_name", "plan"."unit_name")
        OR "plan"."has_free_trial" IS DISTINCT FROM COALESCE(EXCLUDED."has_free_trial", "plan"."has_free_trial")
        OR (jsonb_array_length(EXCLUDED."bullets") > 0 AND "plan"."bullets" IS DISTINCT FROM EXCLUDED."bullets")
        OR "plan"."last_seen_at" < EXCLUDED."last_seen_at" - interval '1 hour'`,
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
