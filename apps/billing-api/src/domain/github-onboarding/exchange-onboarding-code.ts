import { createHash } from "node:crypto";
import type { Clock } from "../time/clock.js";
import type { GithubUserDirectory, LinkedAccount } from "./github-user-directory.js";
import type { OnboardingCodes } from "./onboarding-codes.js";

export interface OnboardingExchange {
  githubUser: { id: string; login: string };
  accounts: Array<
    LinkedAccount & {
      /** An organization on a per-unit plan: the buyer's product users claim seats (up to `unitCount`). */
      seatsClaimable: boolean;
    }
  >;
}

export type OnboardingCodeFailure = "invalid_code" | "expired_code" | "used_code";

export class OnboardingCodeError extends Error {
  constructor(readonly reason: OnboardingCodeFailure) {
    super(`onboarding code refused: ${reason}`);
    this.name = "OnboardingCodeError";
  }
}

export interface ExchangeOnboardingCodeDeps {
  codes: OnboardingCodes;
  users: GithubUserDirectory;
  clock: Clock;
}

/**
 * The vendor's product trades the onboarding code from its redirect for the GitHub user and the accounts it
 * bought for. Single use (a second exchange fails even before expiry) and short-lived (see ONBOARDING_CODE_TTL_MS).
 * The entitlements API exposes it; entitlements are added there.
 */
export async function exchangeOnboardingCode(
  deps: ExchangeOnboardingCodeDeps,
  code: string,
): Promise<OnboardingExchange> {
  const now = deps.clock.now();
  const record = await deps.codes.consume(hashOnboardingCode(code), now);
  if (record === null) {
    throw new OnboardingCodeError("invalid_code");
  }
  if (record === "used") {
    throw new OnboardingCodeError("used_code");
  }
  if (now >= record.expiresAt) {
    throw new OnboardingCodeError("expired_code");
  }
  const user = await deps.users.findUser(record.githubUserId);
  if (user === null) {
    throw new OnboardingCodeError("invalid_code");
  }
  const accounts = await deps.users.accountsOf(user.id);
  return {
    githubUser: { id: user.id, login: user.login },
    accounts: accounts.map((account) => ({
      ...account,
      seatsClaimable: account.type === "Organization" && account.priceModel === "per_unit",
    })),
  };
}

export function hashOnboardingCode(code: string): string {
  return createHash("sha256").update(code).digest("base64url");
}
