import type { GithubUserApi } from "../github/github-api.js";
import type { Sealer } from "../security/sealer.js";
import type { SubscriptionStore } from "../subscriptions/subscription-store.js";
import type { Clock } from "../time/clock.js";
import type { GithubUserDirectory } from "./github-user-directory.js";

export interface RevokeEndedTokensDeps {
  github: GithubUserApi;
  users: GithubUserDirectory;
  subscriptions: Pick<SubscriptionStore, "findByAccount">;
  tokenBox: Sealer;
  clock: Clock;
}

/**
 * How long the token of a buyer whose onboarding showed no purchase is kept: long enough for a purchase GitHub
 * had not listed yet to be picked up by a second onboarding (which saves a new token), short enough that we
 * do not hold, for nothing, a credential that acts as the user.
 */
export const UNPURCHASED_TOKEN_TTL_MS = 60 * 60_000;

/**
 * Revokes (through GitHub's API) and forgets the token of every user none of whose purchased accounts has a
 * subscription left: once a cancellation takes effect we have no reason to act for the user. A token serves
 * all the user's accounts, so one organization cancelling does not revoke it while another still pays. A
 * user whose onboarding found no purchase at all loses its token `UNPURCHASED_TOKEN_TTL_MS` after it was saved.
 */
export async function revokeEndedTokens(
  deps: RevokeEndedTokensDeps,
): Promise<{ revoked: number; failed: number }> {
  const now = deps.clock.now();
  let revoked = 0;
  let failed = 0;
  for (const user of await deps.users.usersWithTokens()) {
    const purchased = (await deps.users.accountsOf(user.id)).filter((account) => account.planId !== null);
    let anyLive = false;
    if (purchased.length === 0) {
      const savedAt = user.tokenSavedAt ?? now;
      anyLive = now.getTime() - savedAt.getTime() < UNPURCHASED_TOKEN_TTL_MS;
    }
    for (const account of purchased) {
      const subscriptions = await deps.subscriptions.findByAccount("github", account.accountId);
      // No subscription yet (provisioning failed and is retried) counts as live: never revoke on doubt.
      if (subscriptions.length === 0 || subscriptions.some((s) => s.endsAt === null || s.endsAt > now)) {
        anyLive = true;
      }
    }
    if (anyLive || user.sealedToken === null) {
      continue;
    }
    try {
      await deps.github.revokeToken(deps.tokenBox.open(user.sealedToken));
      await deps.users.clearToken(user.id, user.sealedToken, now);
      revoked += 1;
    } catch {
      failed += 1;
    }
  }
  return { revoked, failed };
}
