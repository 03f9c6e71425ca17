import type { Marketplace } from "../events/inbound-event.js";
import type { Subscription } from "../subscriptions/subscription.js";
import type { SubscriptionDirectory } from "../subscriptions/subscription-directory.js";
import { isEntitledStatus, statusAt, subscriptionAt } from "../subscriptions/subscription-status.js";
import { type EraseAccountDeps, eraseAccount } from "./erase-account.js";

const DAY_MS = 86_400_000;
const MARKETPLACES: Marketplace[] = ["github", "evotor"];

export interface RetentionDeps extends EraseAccountDeps {
  directory: Pick<SubscriptionDirectory, "listByMarketplace">;
  /** CUSTOMER_DATA_RETENTION_DAYS. */
  retentionDays: number;
}

/**
 * Erases the personal data of every account whose access ended more than `retentionDays` ago: all of its
 * subscriptions ended (GitHub cancellation in effect, Evotor termination) or lapsed (Evotor unpaid), or the
 * Evotor app was uninstalled and no subscription is live; and something personal is still held. An account
 * that bought again is live, so it is left alone.
 */
export async function eraseExpiredCustomerData(deps: RetentionDeps): Promise<{ erased: number }> {
  const now = deps.clock.now();
  const cutoff = new Date(now.getTime() - deps.retentionDays * DAY_MS);
  let erased = 0;
  for (const marketplace of MARKETPLACES) {
    const byAccount = new Map<string, Subscription[]>();
    for (const subscription of await deps.directory.listByMarketplace(marketplace)) {
      byAccount.set(subscription.accountId, [...(byAccount.get(subscription.accountId) ?? []), subscription]);
    }
    const uninstalled = new Map(
      marketplace === "evotor"
        ? (await deps.store.evotorUninstalls()).map(({ accountId, at }) => [accountId, at] as const)
        : [],
    );
    for (const accountId of uninstalled.keys()) {
      if (!byAccount.has(accountId)) {
        byAccount.set(accountId, []);
      }
    }
    for (const [accountId, subscriptions] of byAccount) {
      const ended = latest(
        accessEndedAt(subscriptions, now, uninstalled.has(accountId)),
        uninstalled.get(accountId),
      );
      const account = { marketplace, accountId };
      if (ended !== null && ended <= cutoff && (await deps.store.holdsPersonalData(account))) {
        await eraseAccount(deps, account, `retention: access ended ${ended.toISOString()}`);
        erased += 1;
      }
    }
  }
  return { erased };
}

/**
 * When the last of the subscriptions stopped giving access; null while one still does (or, unless the app was
 * uninstalled, none says when). With no subscription at all only an uninstall ends access.
 */
function accessEndedAt(subscriptions: readonly Subscription[], now: Date, uninstalled: boolean): Date | null {
  let last = Number.NEGATIVE_INFINITY;
  for (const stored of subscriptions) {
    const subscription = subscriptionAt(stored, now);
    if (isEntitledStatus(statusAt(subscription, now))) {
      return null;
    }
    const end = subscription.endsAt ?? subscription.lapsesAt;
    if (end === null) {
      return null;
    }
    last = Math.max(last, end.getTime());
  }
  return Number.isFinite(last) ? new Date(last) : uninstalled ? new Date(0) : null;
}

function latest(a: Date | null, b: Date | undefined): Date | null {
  if (a === null) {
    return null;
  }
  return b !== undefined && b > a ? b : a;
}
