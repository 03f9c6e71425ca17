import type { DataSource, EntityManager } from "typeorm";
import type { InboundEvent, Marketplace } from "../../domain/events/inbound-event.js";
import type { ObservedPlan } from "../../domain/plans/plan.js";
import type { BilledBy, Subscription } from "../../domain/subscriptions/subscription.js";
import type {
  AccountUnitOfWork,
  SubscriptionScan,
  SubscriptionStore,
} from "../../domain/subscriptions/subscription-store.js";
import { InboundEventEntity } from "../entities/inbound-event.entity.js";
import { SubscriptionEntity } from "../entities/subscription.entity.js";
import { fromInboundEventEntity } from "./typeorm-event-log.js";
import { upsertObservedPlan } from "./typeorm-plan-catalogue.js";

export class TypeOrmSubscriptionStore implements SubscriptionStore {
  constructor(private readonly dataSource: DataSource) {}

  async withAccount<T>(
    marketplace: Marketplace,
    accountId: string,
    work: (unit: AccountUnitOfWork) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      // A transaction-scoped advisory lock per account: concurrent deliveries for one account queue here.
      await manager.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [
        `${marketplace}:${accountId}`,
      ]);
      return work(new TypeOrmAccountUnitOfWork(manager, marketplace, accountId));
    });
  }

  async findByAccount(marketplace: Marketplace, accountId: string): Promise<Subscription[]> {
    const rows = await this.dataSource
      .getRepository(SubscriptionEntity)
      .find({ where: { marketplace, accountId }, order: { subscriptionId: "ASC" } });
    return rows.map(toSubscription);
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

class TypeOrmAccountUnitOfWork implements AccountUnitOfWork {
  constructor(
    private readonly manager: EntityManager,
    private readonly marketplace: Marketplace,
    private readonly accountId: string,
  ) {}

  async events(): Promise<InboundEvent[]> {
    const rows = await this.manager.getRepository(InboundEventEntity).find({
      where: { marketplace: this.marketplace, accountId: this.accountId },
      order: { id: "ASC" },
    });
    return rows.map(fromInboundEventEntity);
  }

  async subscriptions(): Promise<Subscription[]> {
    const rows = await this.manager.getRepository(SubscriptionEntity).find({
      where: { marketplace: this.marketplace, accountId: this.accountId },
      order: { subscriptionId: "ASC" },
    });
    return rows.map(toSubscription);
  }

  async saveSubscription(subscription: Subscription): Promise<void> {
    await this.manager.getRepository(SubscriptionEntity).save(toEntity(subscription));
  }

  async recordPlan(plan: ObservedPlan): Promise<void> {
    await upsertObservedPlan(this.manager, plan);
  }
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

function toEntity(subscription: Subscription): SubscriptionEntity {
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
