/** A GitHub account (the user itself or an organization) that a GitHub user bought the listing for. */
export interface LinkedAccount {
  accountId: string;
  login: string | null;
  /** `User` or `Organization`. */
  type: string | null;
  /** Null for the user's own account when it bought nothing itself. */
  planId: string | null;
  planName: string | null;
  priceModel: string | null;
  billingCycle: string | null;
  unitCount: number | null;
  onFreeTrial: boolean;
}

export interface GithubUserRecord {
  id: string;
  login: string;
  /** The user token, sealed (AES-256-GCM); null once revoked. */
  sealedToken: string | null;
  /** When the held token was saved (its onboarding); null once revoked. */
  tokenSavedAt: Date | null;
  tokenRevokedAt: Date | null;
}

/** Which GitHub accounts belong to which GitHub user, and the user's token (kept sealed). */
export interface GithubUserDirectory {
  saveUser(user: { id: string; login: string; sealedToken: string }, at: Date): Promise<void>;
  /** Replaces what the user's latest onboarding showed. */
  replaceAccounts(userId: string, accounts: LinkedAccount[], at: Date): Promise<void>;
  findUser(userId: string): Promise<GithubUserRecord | null>;
  accountsOf(userId: string): Promise<LinkedAccount[]>;
  /** The users who onboarded for an account, with the account as each one's onboarding saw it; latest first. */
  buyersOf(
    accountId: string,
  ): Promise<Array<{ user: GithubUserRecord; account: LinkedAccount; seenAt: Date }>>;
  /** Users whose token is still held. */
  usersWithTokens(): Promise<GithubUserRecord[]>;
  /** Forgets `sealedToken` (revoked); a different token saved since is kept. */
  clearToken(userId: string, sealedToken: string, at: Date): Promise<void>;
}
