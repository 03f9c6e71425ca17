import type {
  GithubListingAccount,
  GithubListingPlan,
  GithubUser,
  GithubUserPurchase,
} from "@marketplace-billing/contracts";

/**
 * Why a call to GitHub failed, in the terms the callers act on: `unreachable` (network, timeout, 5xx),
 * `rate_limited` (still limited after the bounded back-off), `unauthorized` (bad or revoked credentials),
 * `not_found`, `rejected` (another 4xx, or an OAuth exchange answered with `error`).
 */
export type GithubApiErrorKind = "unreachable" | "rate_limited" | "unauthorized" | "not_found" | "rejected";

export class GithubApiError extends Error {
  constructor(
    readonly kind: GithubApiErrorKind,
    message: string,
    readonly status?: number,
    /** The OAuth `error` code (e.g. `bad_verification_code`) when the token exchange failed. */
    readonly oauthError?: string,
  ) {
    super(message);
    this.name = "GithubApiError";
  }
}

/** App-level Marketplace endpoints (GitHub App JWT or OAuth App Basic); pagination is followed. */
export interface GithubMarketplaceApi {
  listPlans(): Promise<GithubListingPlan[]>;
  listAccountsForPlan(planId: number): Promise<GithubListingAccount[]>;
  /** One account's purchase; null when GitHub answers 404 (the account has no purchase on the listing). */
  getAccount(accountId: number): Promise<GithubListingAccount | null>;
}

/** What is done with (or to) a buyer's user token. */
export interface GithubUserApi {
  /** Exchanges the OAuth code from the callback for the user's token. */
  exchangeCode(code: string): Promise<string>;
  getUser(token: string): Promise<GithubUser>;
  /** Every purchase the user can see (its own account and the organizations it bought for). */
  listPurchases(token: string): Promise<GithubUserPurchase[]>;
  revokeToken(token: string): Promise<void>;
  /** Every member of an organization (all pages), as the user's token sees them. */
  listOrganizationMembers(token: string, org: string): Promise<GithubUser[]>;
}
