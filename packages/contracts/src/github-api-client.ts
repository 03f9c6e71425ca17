import createClient, { type ClientOptions } from "openapi-fetch";
import type { components, paths } from "./generated/github-api.js";

/**
 * Typed client for the GitHub REST endpoints billing-api calls (`specs/github-api.yaml`). It knows paths,
 * parameters and shapes only; authentication, rate-limit back-off and pagination are the caller's (a
 * `fetch` wrapper and middleware), so the same client serves app-level, user-token and token-exchange calls.
 * The OAuth token exchange lives on GitHub's web host: build a second client with that `baseUrl`.
 */
export function createGithubApiClient(options: ClientOptions & { baseUrl: string }) {
  return createClient<paths>(options);
}

export type GithubApiClient = ReturnType<typeof createGithubApiClient>;

export type GithubListingPlan = components["schemas"]["MarketplaceListingPlan"];
export type GithubListingAccount = components["schemas"]["MarketplacePurchaseAccount"];
export type GithubUserPurchase = components["schemas"]["UserMarketplacePurchase"];
export type GithubUser = components["schemas"]["SimpleUser"];
export type GithubOauthTokenAnswer = components["schemas"]["OauthTokenAnswer"];
