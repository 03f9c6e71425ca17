import type { DataSource } from "typeorm";
import type { Marketplace } from "../../domain/events/inbound-event.js";
import type { Subscription } from "../../domain/subscriptions/subscription.js";
import type { SubscriptionDirectory } from "../../domain/subscriptions/subscription-directory.js";
import { SubscriptionEntity } from "../entities/subscription.entity.js";
import { toSubscription } from "./typeorm-subscription-store.js";

export class TypeOrmSubscriptionDirectory implements SubscriptionDirectory {
  constructor(private readonly dataSource: DataSource) {}

  async listByMarketplace(marketplace: Marketplace): Promise<Subscription[]> {
    const rows = await this.dataSource
      .getRepository(SubscriptionEntity)
      .find({ where: { marketplace }, order: { accountId: "ASC", subscriptionId: "ASC" } });
    return rows.map(toSubscription);
  }
}
