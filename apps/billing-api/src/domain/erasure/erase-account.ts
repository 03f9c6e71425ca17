import type { EventProcessor } from "../events/event-processor.js";
import { isEntitledStatus, statusAt, subscriptionAt } from "../subscriptions/subscription-status.js";
import type { SubscriptionStore } from "../subscriptions/subscription-store.js";
import type { Clock } from "../time/clock.js";
import type { AccountRef, ErasureStore, Redaction } from "./erasure-store.js";
import { redactEvent } from "./event-redaction.js";

export class AccessNotEndedError extends Error {
  constructor(account: AccountRef) {
    super(`${account.marketplace} account ${account.accountId} still has a live subscription`);
    this.name = "AccessNotEndedError";
  }
}

export interface EraseAccountDeps {
  store: ErasureStore;
  subscriptions: Pick<SubscriptionStore, "findByAccount">;
  processor: Pick<EventProcessor, "replayAccount">;
  clock: Clock;
  /** Revokes a forgotten buyer's sealed GitHub token at GitHub (a no-op without client credentials). */
  revokeSealedToken?: (sealedToken: string) => Promise<void>;
}

/**
 * Erases an account's personal data (the retention job, or an operator on request), then re-derives its
 * subscriptions from the redacted log so the projection drops what the bodies no longer hold (logins). The
 * entitlement and history replay the same: only ids, plans, dates and units were kept. Refuses while the
 * account still has access, unless forced.
 */
export async function eraseAccount(
  deps: EraseAccountDeps,
  account: AccountRef,
  reason: string,
  options: { force?: boolean } = {},
): Promise<Redaction> {
  const now = deps.clock.now();
  const subscriptions = await deps.subscriptions.findByAccount(account.marketplace, account.accountId);
  const live = subscriptions.some((item) => isEntitledStatus(statusAt(subscriptionAt(item, now), now)));
  if (live && !options.force) {
    throw new AccessNotEndedError(account);
  }
  const { redaction, forgottenTokens } = await deps.store.erase(account, redactEvent, reason, now);
  // Usually revoked when the subscription ended; a forced erasure of a live account gets here first. Best
  // effort: the token is forgotten either way, and GitHub revokes unused tokens after a year.
  for (const sealed of forgottenTokens) {
    await deps.revokeSealedToken?.(sealed).catch(() => undefined);
  }
  await replay(deps, account);
  return redaction;
}

/** Re-folds the account from its (now redacted) log, ignoring its checkpoint (what `events replay` does). */
async function replay(deps: EraseAccountDeps, account: AccountRef): Promise<void> {
  await deps.processor.replayAccount(account.marketplace, account.accountId);
}
