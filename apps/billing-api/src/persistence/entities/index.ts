import { EvotorUserEntity } from "./evotor-user.entity.js";
import { InboundEventEntity } from "./inbound-event.entity.js";
import { PlanEntity } from "./plan.entity.js";
import { SubscriptionEntity } from "./subscription.entity.js";
import { VendorAccountEntity } from "./vendor-account.entity.js";

/** Every entity, listed explicitly: globs do not load .ts files inside vitest. */
export const entities = [
  InboundEventEntity,
  SubscriptionEntity,
  PlanEntity,
  EvotorUserEntity,
  VendorAccountEntity,
];
