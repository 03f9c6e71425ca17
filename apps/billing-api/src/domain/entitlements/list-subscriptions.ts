import type { Marketplace } from "../events/inbound-event.js";
import type { Subscription } from "../subscriptions/subscription.js";
import { type SubscriptionStatus, statusAt, subscriptionAt } from "../subscriptions/subscription-status.js";
import type { SubscriptionStore } from "../subscriptions/subscription-store.js";

export interface SubscriptionFilter {
  marketplace?: Marketplace;
  status?: SubscriptionStatus;
  planId?: string;
  trialEndsBefore?: Date;
}

export interface SubscriptionListing {
  items: Array<{ subscription: Subscription; status: SubscriptionStatus }>;
  nextCursor: string | null;
}

/**
 * Lists subscriptions as they stand at `now`. Status and a pending plan that came due depend on the clock, so
 * those filters run on the computed state; the store narrows what it can, and pages are filled by scanning on.
 */
export async function listSubscriptions(
  store: SubscriptionStore,
  filter: SubscriptionFilter,
  page: { limit: number; cursor: string | null },
  now: Date,
): Promise<SubscriptionListing> {
  const items: SubscriptionListing["items"] = [];
  let after = decodeCursor(page.cursor);
  const batch = Math.max(page.limit * 2, 100);
  for (;;) {
    const rows = await store.scan({
      ...(filter.marketplace ? { marketplace: filter.marketplace } : {}),
      ...(filter.trialEndsBefore ? { trialEndsBefore: { before: filter.trialEndsBefore, now } } : {}),
      ...(after ? { after } : {}),
      limit: batch,
    });
    for (const stored of rows) {
      after = { marketplace: stored.marketplace, subscriptionId: stored.subscriptionId };
      const subscription = subscriptionAt(stored, now);
      const status = statusAt(subscription, now);
      if (
        (filter.status && status !== filter.status) ||
        (filter.planId && subscription.planId !== filter.planId)
      ) {
        continue;
      }
      items.push({ subscription, status });
      if (items.length === page.limit) {
        return { items, nextCursor: encodeCursor(after) };
      }
    }
    if (rows.length < batch) {
      return { items, nextCursor: null };
    }
  }
}

type Position = { marketplace: Marketplace; subscriptionId: string };

function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.marketplace, position.subscriptionId])).toString("base64url");
}

export class InvalidCursorError extends Error {
  override name = "InvalidCursorError";
}

function decodeCursor(cursor: string | null): Position | undefined {
  if (cursor === null) {
    return undefined;
  }
  try {
    const [marketplace, subscriptionId] = JSON.parse(
      Buffer.from(cursor, "base64url").toString("utf8"),
    ) as unknown[];
    if ((marketplace === "github" || marketplace === "evotor") && typeof subscriptionId === "string") {
      return { marketplace, subscriptionId };
    }
  } catch {
    // fall through
  }
  throw new InvalidCursorError("the cursor is not one this API returned");
}
