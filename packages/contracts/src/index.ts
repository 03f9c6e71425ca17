export {
  createEntitlementsClient,
  type Entitlement,
  EntitlementsApiError,
  type EntitlementsClient,
  type EntitlementsClientOptions,
  type Marketplace,
  type Seat,
  type SeatClaim,
} from "./entitlements-client.js";
export type * as Entitlements from "./generated/entitlements.js";
export type * as GithubMarketplace from "./generated/github-marketplace.js";
export type * as Operational from "./generated/operational.js";
export { createOperationsClient, type OperationsClient } from "./operations-client.js";
export type {
  GithubWebhookName,
  GithubWebhookPayload,
  MarketplacePlan,
  MarketplacePurchase,
  MarketplacePurchaseAction,
  MarketplacePurchaseEvent,
} from "./webhooks.js";
