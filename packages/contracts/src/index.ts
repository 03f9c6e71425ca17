export type * as GithubApi from "./generated/github-api.js";
export type * as GithubMarketplace from "./generated/github-marketplace.js";
export type * as GithubOnboarding from "./generated/github-onboarding.js";
export type * as Operational from "./generated/operational.js";
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
