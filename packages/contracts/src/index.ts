export {
  type BillingEvent,
  type BillingEventType,
  type DoublePurchaseDetectedEvent,
  type EntitlementUpdatedEvent,
  type EventDeadLetteredEvent,
  type SeatLimitReachedEvent,
  type TrialWillEndEvent,
  verifyBillingEvent,
  type WebhookHeaders,
  WebhookVerificationError,
} from "./billing-events.js";
export type { EntitlementsCacheOptions } from "./entitlement-cache.js";
export {
  type AnswerMeta,
  createEntitlementsClient,
  type Entitlement,
  type EntitlementAnswer,
  type EntitlementCheck,
  type EntitlementsClient,
  type EntitlementsClientOptions,
  type Marketplace,
  type Seat,
  type SeatClaim,
  type SeatProblem,
} from "./entitlements-client.js";
export {
  EntitlementsApiError,
  EntitlementsError,
  EntitlementsUnavailableError,
  type Problem,
} from "./entitlements-errors.js";
export type * as Entitlements from "./generated/entitlements.js";
export type * as EvotorPartner from "./generated/evotor-partner.js";
export type * as GithubApi from "./generated/github-api.js";
export type * as GithubMarketplace from "./generated/github-marketplace.js";
export type * as GithubOnboarding from "./generated/github-onboarding.js";
export type * as Operational from "./generated/operational.js";
export type * as VendorAccountCallback from "./generated/vendor-account-callback.js";
export type * as VendorAccounts from "./generated/vendor-accounts.js";
export {
  createGithubApiClient,
  type GithubApiClient,
  type GithubListingAccount,
  type GithubListingPlan,
  type GithubOauthTokenAnswer,
  type GithubUser,
  type GithubUserPurchase,
} from "./github-api-client.js";
export { createOperationsClient, type OperationsClient } from "./operations-client.js";
export type {
  GithubWebhookName,
  GithubWebhookPayload,
  MarketplacePlan,
  MarketplacePurchase,
  MarketplacePurchaseAction,
  MarketplacePurchaseEvent,
} from "./webhooks.js";
