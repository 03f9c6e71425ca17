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
 * Revokes (through GitHub's API) and forgets the token of every user none of whose purchased accounts has a
 * subscription left: once a cancellation takes effect we have no reason to act for the user. A token serves
 * all the user's accounts, so one organization cancelling does not revoke it while another still pays.
 */
export async function revokeEndedTokens(
  deps: RevokeEndedTokensDeps,
): Promise<{ revoked: number; failed: number }> {
  const now = deps.clock.now();
  let revoked = 0;
  let failed = 0;
  for (const user of await deps.users.usersWithTokens()) {
    const purchased = (await deps.users.accountsOf(user.id)).filter((account) => account.planId !== null);
    if (purchased.length === 0) {
      continue;
    }
    let anyLive = false;
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
