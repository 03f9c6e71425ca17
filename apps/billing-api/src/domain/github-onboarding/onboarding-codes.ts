/** A code handed to the vendor's product after onboarding, stored only as its SHA-256. */
export interface OnboardingCodeRecord {
  codeHash: string;
  githubUserId: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface OnboardingCodes {
  issue(record: OnboardingCodeRecord): Promise<void>;
  /**
   * Marks the code used and returns it, atomically; `used` when it was consumed before, null when unknown.
   * Expiry is the caller's decision (it holds the clock).
   */
  consume(codeHash: string, at: Date): Promise<OnboardingCodeRecord | "used" | null>;
  /** Forgets codes that expired before `before`; returns how many. */
  prune(before: Date): Promise<number>;
}

/** Single use of OAuth states: a nonce can be consumed once. */
export interface OAuthStateNonces {
  /** True the first time; false when the nonce was already used (a replay). */
  consume(nonce: string, expiresAt: Date, at: Date): Promise<boolean>;
  /** Forgets nonces whose state expired before `before` (such a state is refused anyway); returns how many. */
  prune(before: Date): Promise<number>;
}
