import type { Pool } from "pg";
import type { DataSource } from "typeorm";
import type { AccountSnapshot, PlanTerms } from "../../domain/entitlements/entitlement.js";
import type { Marketplace } from "../../domain/events/inbound-event.js";
import type { PriceModel } from "../../domain/plans/plan.js";
import type { BilledBy, Subscription } from "../../domain/subscriptions/subscription.js";
import type { SubscriptionScan, SubscriptionStore } from "../../domain/subscriptions/subscription-store.js";
import { SubscriptionEntity } from "../entities/subscription.entity.js";

export class TypeOrmSubscriptionStore implements SubscriptionStore {
  private canPrepare: Promise<boolean> | undefined;

  constructor(private readonly dataSource: DataSource) {}

  async findByAccount(marketplace: Marketplace, accountId: string): Promise<Subscription[]> {
    const rows = await this.dataSource
      .getRepository(SubscriptionEntity)
      .find({ where: { marketplace, accountId }, order: { subscriptionId: "ASC" } });
    return rows.map(toSubscription);
  }

  async snapshot(marketplace: Marketplace, accountId: string): Promise<AccountSnapshot> {
    // One round trip: this is the hot path of every entitlement read.
    // A named statement is parsed and planned once per connection instead of on every read. Not on PGlite:
    // its socket server shares one backend session between connections, so names would collide.
    this.canPrepare ??= this.dataSource
      .query("SELECT version() AS version")
      .then((rows: Array<{ version: string }>) => !rows[0]?.version.includes("PGlite"))
      .catch((error: unknown) => {
        // Asked during a database outage: ask again next time instead of failing every read from now on.
        this.canPrepare = undefined;
        throw error;
      });
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const { rows } = await pool.query<SnapshotRow>({
      ...((await this.canPrepare) ? { name: "entitlement-snapshot" } : {}),
      text: SNAPSHOT_SQL,
      values: [marketplace, accountId],
    });
    const subscriptions: Subscription[] = [];
    const plans = new Map<string, PlanTerms>();
    for (const row of rows) {
      if (row.subscription_id === null) {
        continue;
      }
      // A plain row object (the entity class has no behaviour): TypeORM's create() is not needed here.
      const entity: SubscriptionEntity = {
        marketplace: row.marketplace,
        subscriptionId: row.subscription_id,
        accountId: row.account_id,
        planId: row.plan_id,
        planName: row.plan_name,
        units: row.units,
        billingCycle: row.billing_cycle,
        startedAt: row.started_at,
        trialEndsAt: row.trial_ends_at,
        currentPeriodEnd: row.current_period_end,
        lapsesAt: row.lapses_at,
        endsAt: row.ends_at,
        pendingPlanId: row.pending_plan_id,
        pendingPlanName: row.pending_plan_name,
        pendingUnits: row.pending_units,
        pendingEffectiveAt: row.pending_effective_at,
        billedBy: row.billed_by,
        details: row.details,
        lastEventId: row.last_event_id,
        updatedAt: row.updated_at,
      };
      subscriptions.push(toSubscription(entity));
      for (const [planId, priceModel, features, seatRules, terms] of [
        [
          row.plan_id,
          row.p_price_model,
          row.p_features,
          row.p_seat_rules,
          {
            monthlyPriceCents: row.p_monthly,
            yearlyPriceCents: row.p_yearly,
            unitName: row.p_unit_name,
            number: row.p_number,
          },
        ],
        [row.pending_plan_id, row.pp_price_model, row.pp_features, row.pp_seat_rules, {}],
      ] as const) {
        if (planId !== null && !(planId === row.pending_plan_id && plans.has(planId))) {
          plans.set(planId, {
            ...terms,
            marketplace,
            planId,
            priceModel: priceModel as PriceModel | null,
            mapping:
              features === null
                ? null
                : { features, seatLimit: (seatRules?.seatLimit as number | null | undefined) ?? null },
          });
        }
      }
    }
    return { subscriptions, plans: [...plans.values()], seatsUsed: Number(rows[0]?.seats_used ?? 0) };
  }

  async findByAccounts(
    accounts: ReadonlyArray<{ marketplace: Marketplace; accountId: string }>,
  ): Promise<Subscription[]> {
    if (accounts.length === 0) {
      return [];
    }
    const rows = await this.dataSource.getRepository(SubscriptionEntity).find({
      where: accounts.map(({ marketplace, accountId }) => ({ marketplace, accountId })),
      order: { marketplace: "ASC", subscriptionId: "ASC" },
    });
    return rows.map(toSubscription);
  }

  async scan(query: SubscriptionScan): Promise<Subscription[]> {
    const builder = this.dataSource
      .getRepository(SubscriptionEntity)
      .createQueryBuilder("s")
      .orderBy("s.marketplace", "ASC")
      .addOrderBy("s.subscription_id", "ASC")
      .limit(query.limit);
    if (query.marketplace) {
      builder.andWhere("s.marketplace = :marketplace", { marketplace: query.marketplace });
    }
    if (query.trialEndsBefore) {
      builder.andWhere("s.trial_ends_at > :now AND s.trial_ends_at < :before", query.trialEndsBefore);
    }
    if (query.after) {
      builder.andWhere("(s.marketplace, s.subscription_id) > (:afterMarketplace, :afterId)", {
        afterMarketplace: query.after.marketplace,
        afterId: query.after.subscriptionId,
      });
    }
    return (await builder.getMany()).map(toSubscription);
  }
}

/** Everything an entitlement read needs in one indexed statement (exported for the benchmark's floor). */
export const SNAPSHOT_SQL = `
  SELECT s.*,
         p.price_model AS p_price_model, p.features AS p_features, p.seat_rules AS p_seat_rules,
         p.monthly_price_cents AS p_monthly, p.yearly_price_cents AS p_yearly, p.unit_name AS p_unit_name,
         p.plan_number AS p_number,
         pp.price_model AS pp_price_model, pp.features AS pp_features, pp.seat_rules AS pp_seat_rules,
         (SELECT count(*) FROM "seat" WHERE "marketplace" = $1 AND "account_id" = $2) AS seats_used
    FROM (SELECT 1) AS always_one_row
    LEFT JOIN "subscription" s ON s."marketplace" = $1 AND s."account_id" = $2
    LEFT JOIN "plan" p ON p."marketplace" = s."marketplace" AND p."plan_id" = s."plan_id"
    LEFT JOIN "plan" pp ON pp."marketplace" = s."marketplace" AND pp."plan_id" = s."pending_plan_id"
   ORDER BY s."subscription_id"`;

interface SnapshotRow {
  marketplace: string;
  subscription_id: string | null;
  account_id: string;
  plan_id: string | null;
  plan_name: string | null;
  units: number | null;
  billing_cycle: string | null;
  started_at: Date | null;
  trial_ends_at: Date | null;
  current_period_end: Date | null;
  lapses_at: Date | null;
  ends_at: Date | null;
  pending_plan_id: string | null;
  pending_plan_name: string | null;
  pending_units: number | null;
  pending_effective_at: Date | null;
  billed_by: string;
  details: Record<string, unknown>;
  last_event_id: string | null;
  updated_at: Date;
  p_price_model: string | null;
  p_features: string[] | null;
  p_seat_rules: Record<string, unknown> | null;
  p_monthly: number | null;
  p_yearly: number | null;
  p_unit_name: string | null;
  p_number: number | null;
  pp_price_model: string | null;
  pp_features: string[] | null;
  pp_seat_rules: Record<string, unknown> | null;
  seats_used: string;
}

export function toSubscription(row: SubscriptionEntity): Subscription {
  return {
    marketplace: row.marketplace as Marketplace,
    accountId: row.accountId,
    subscriptionId: row.subscriptionId,
    planId: row.planId,
    planName: row.planName,
    units: row.units,
    billingCycle: row.billingCycle,
    startedAt: row.startedAt,
    trialEndsAt: row.trialEndsAt,
    currentPeriodEnd: row.currentPeriodEnd,
    lapsesAt: row.lapsesAt,
    endsAt: row.endsAt,
    pendingChange:
      row.pendingEffectiveAt === null
        ? null
        : {
            planId: row.pendingPlanId,
            planName: row.pendingPlanName,
            units: row.pendingUnits,
            effectiveAt: row.pendingEffectiveAt,
          },
    billedBy: row.billedBy as BilledBy,
    details: row.details,
    lastEventId: row.lastEventId === null ? null : String(row.lastEventId),
    updatedAt: row.updatedAt,
  };
}

export function toSubscriptionEntity(subscription: Subscription): SubscriptionEntity {
  const row = new SubscriptionEntity();
  Object.assign(row, {
    marketplace: subscription.marketplace,
    subscriptionId: subscription.subscriptionId,
    accountId: subscription.accountId,
    planId: subscription.planId,
    planName: subscription.planName,
    units: subscription.units,
    billingCycle: subscription.billingCycle,
    startedAt: subscription.startedAt,
    trialEndsAt: subscription.trialEndsAt,
    currentPeriodEnd: subscription.currentPeriodEnd,
    lapsesAt: subscription.lapsesAt,
    endsAt: subscription.endsAt,
    pendingPlanId: subscription.pendingChange?.planId ?? null,
    pendingPlanName: subscription.pendingChange?.planName ?? null,
    pendingUnits: subscription.pendingChange?.units ?? null,
    pendingEffectiveAt: subscription.pendingChange?.effectiveAt ?? null,
    billedBy: subscription.billedBy,
    details: subscription.details,
    lastEventId: subscription.lastEventId,
    updatedAt: subscription.updatedAt,
  });
  return row;
}
