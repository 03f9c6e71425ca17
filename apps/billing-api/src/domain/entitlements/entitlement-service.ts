import type { EventLog, InboundEvent, Marketplace } from "../events/inbound-event.js";
import { foldGrants } from "../grants/grant.js";
import type { GrantLog } from "../grants/grant-log.js";
import type { Outbox } from "../outbound/billing-event.js";
import { mappingAt, type PlanDirectory, type PlanKey, type PlanMappingVersion } from "../plans/plan.js";
import type { AccountProjector } from "../subscriptions/account-projector.js";
import type { Subscription } from "../subscriptions/subscription.js";
import type { SubscriptionStore } from "../subscriptions/subscription-store.js";
import type { Clock } from "../time/clock.js";
import type { AccountRef, Customer, CustomerStore } from "./customers.js";
import { computeEntitlement, type Entitlement, type EntitlementSource } from "./entitlement.js";
import { explainHistory, type HistoryEntry } from "./explain-history.js";
import type { ClaimResult, Seat, SeatStore } from "./seats.js";

export interface AccountEntitlement extends Entitlement {
  source: EntitlementSource;
}

export interface CustomerEntitlement extends Entitlement {
  customerId: string;
  sources: EntitlementSource[];
}

export type SeatClaimOutcome =
  | Exclude<ClaimResult, { kind: "limit_reached" }>
  | { kind: "limit_reached"; used: number; limit: number; upgradeUrl: string | null }
  | { kind: "not_entitled" };

export type SeatAssignmentOutcome =
  | { kind: "assigned"; seats: Seat[]; limit: number | null }
  | { kind: "limit_reached"; used: number; limit: number; requested: number; upgradeUrl: string | null }
  | { kind: "not_entitled" };

/** The product-facing use cases: entitlements, history and seats of accounts and customers. */
export class EntitlementService {
  constructor(
    private readonly deps: {
      subscriptions: SubscriptionStore;
      plans: PlanDirectory;
      seats: SeatStore;
      customers: CustomerStore;
      eventLog: EventLog;
      grants: GrantLog;
      projectors: Partial<Record<Marketplace, AccountProjector>>;
      clock: Clock;
      /** Where refused seat claims are reported (`seat.limit_reached`). */
      outbox?: Outbox;
      /** GITHUB_MARKETPLACE_LISTING: GitHub entitlements then carry an upgrade URL. */
      githubListing?: string | undefined;
    },
  ) {}

  async forAccount(marketplace: Marketplace, accountId: string): Promise<AccountEntitlement> {
    const [{ subscriptions, plans, seatsUsed }, grantEvents] = await Promise.all([
      this.deps.subscriptions.snapshot(marketplace, accountId),
      this.deps.grants.eventsReaching({ marketplace, accountId }),
    ]);
    const entitlement = computeEntitlement(subscriptions, plans, seatsUsed, this.deps.clock.now(), {
      githubListing: this.deps.githubListing,
      grants: foldGrants(grantEvents),
    });
    return { ...entitlement, source: sourceOf({ marketplace, accountId }, subscriptions) };
  }

  async forCustomer(customer: Customer): Promise<CustomerEntitlement> {
    const subscriptions = await this.deps.subscriptions.findByAccounts(customer.links);
    let used = 0;
    for (const link of customer.links) {
      used += await this.deps.seats.count(link.marketplace, link.accountId);
    }
    const grantEvents = [
      ...(await this.deps.grants.eventsAbout({ customerId: customer.id })),
      ...(await Promise.all(customer.links.map((link) => this.deps.grants.eventsAbout(link)))).flat(),
    ];
    const entitlement = await this.compute(subscriptions, used, foldGrants(grantEvents));
    return {
      ...entitlement,
      customerId: customer.id,
      sources: customer.links.map((link) => sourceOf(link, subscriptions)),
    };
  }

  async history(
    marketplace: Marketplace,
    accountId: string,
  ): Promise<Array<HistoryEntry & { features?: string[] }>> {
    const events: InboundEvent[] = await this.deps.eventLog.listForAccount(marketplace, accountId);
    const projector = this.deps.projectors[marketplace];
    if (!projector) {
      return events.map((event) => ({ event, changes: [], livePlans: [] }));
    }
    const entries = explainHistory(events, projector, this.deps.clock.now());
    // Which features the account had when: each entry's plans under the mapping versions of that moment.
    const versions = new Map<string, PlanMappingVersion[]>();
    for (const key of entries.flatMap((entry) => entry.livePlans)) {
      const name = `${key.marketplace}:${key.planId}`;
      if (!versions.has(name)) {
        versions.set(name, await this.deps.plans.versions(key));
      }
    }
    return entries.map((entry) => ({
      ...entry,
      features: [
        ...new Set(
          entry.livePlans.flatMap(
            (key) =>
              mappingAt(versions.get(`${key.marketplace}:${key.planId}`) ?? [], entry.event.receivedAt)
                ?.features ?? [],
          ),
        ),
      ].sort(),
    }));
  }

  /** Claims a seat within the account's current limit; see SeatStore.claim for the concurrency guarantee. */
  async claimSeat(marketplace: Marketplace, accountId: string, userId: string): Promise<SeatClaimOutcome> {
    const entitlement = await this.forAccount(marketplace, accountId);
    if (!entitlement.entitled) {
      return { kind: "not_entitled" };
    }
    const limit = entitlement.seats.limit;
    const now = this.deps.clock.now();
    const result = await this.deps.seats.claim(marketplace, accountId, userId, limit, now);
    if (result.kind !== "limit_reached") {
      return result;
    }
    // Only a set limit can be reached: report the one the claim was checked against.
    const refused = { ...result, limit: limit ?? result.used, upgradeUrl: entitlement.upgradeUrl };
    if (this.deps.outbox) {
      const account = { marketplace, accountId };
      await this.deps.outbox.write([
        {
          event: {
            type: "seat.limit_reached",
            at: now,
            account,
            customerId: await this.deps.customers.customerIdOf(account),
            userId,
            limit: refused.limit,
            used: refused.used,
          },
          // A product retrying the same claim is reported once a day, not once per retry.
          dedupeKey: `seat.limit_reached:${marketplace}:${accountId}:${userId}:${refused.limit}:${refused.used}:${now.toISOString().slice(0, 10)}`,
        },
      ]);
    }
    return refused;
  }

  /** Gives seats to exactly `userIds`, all or nothing, within the account's current limit. */
  async assignSeats(
    marketplace: Marketplace,
    accountId: string,
    userIds: readonly string[],
  ): Promise<SeatAssignmentOutcome> {
    const entitlement = await this.forAccount(marketplace, accountId);
    if (!entitlement.entitled) {
      return { kind: "not_entitled" };
    }
    const limit = entitlement.seats.limit;
    const unique = [...new Set(userIds)];
    const result = await this.deps.seats.assign(marketplace, accountId, unique, limit, this.deps.clock.now());
    if (result.kind === "limit_reached") {
      return {
        kind: "limit_reached",
        used: result.used,
        limit: limit ?? unique.length,
        requested: unique.length,
        upgradeUrl: entitlement.upgradeUrl,
      };
    }
    return { kind: "assigned", seats: result.seats, limit };
  }

  private async compute(
    subscriptions: Subscription[],
    used: number,
    grants: ReturnType<typeof foldGrants>,
  ): Promise<Entitlement> {
    const keys = new Map<string, PlanKey>();
    for (const subscription of subscriptions) {
      for (const planId of [subscription.planId, subscription.pendingChange?.planId]) {
        if (planId) {
          keys.set(`${subscription.marketplace}:${planId}`, {
            marketplace: subscription.marketplace,
            planId,
          });
        }
      }
    }
    const plans = await this.deps.plans.find([...keys.values()]);
    return computeEntitlement(subscriptions, plans, used, this.deps.clock.now(), {
      githubListing: this.deps.githubListing,
      grants,
    });
  }
}

export function sourceOf(account: AccountRef, subscriptions: readonly Subscription[]): EntitlementSource {
  return {
    marketplace: account.marketplace,
    accountId: account.accountId,
    subscriptionIds: subscriptions
      .filter((item) => item.marketplace === account.marketplace && item.accountId === account.accountId)
      .map((item) => item.subscriptionId),
  };
}
