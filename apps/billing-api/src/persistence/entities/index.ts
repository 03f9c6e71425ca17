import { InboundEventEntity } from "./inbound-event.entity.js";
import { PlanEntity } from "./plan.entity.js";
import { SubscriptionEntity } from "./subscription.entity.js";

/** Every entity, listed explicitly: globs do not load .ts files inside vitest. */
export const entities = [InboundEventEntity, SubscriptionEntity, PlanEntity];
