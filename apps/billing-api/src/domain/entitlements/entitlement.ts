import type { Marketplace } from "../events/inbound-event.js";
import { type Grant, isLive } from "../grants/grant.js";
import type { CatalogPlan } from "../plans/plan.js";
import type { BilledBy, Subscription } from "../subscriptions/subscription.js";
import {
  isEntitledStatus,
  type SubscriptionStatus,
  statusAt,
  subscriptionAt,
} from "../subscriptions/subscription-status.js";

/** What an entitlement needs to know about a plan. */
export type PlanTerms = Pick<CatalogPlan, "marketplace" | "planId" | "priceModel" | "mapping"> &
  Partial<Pick<CatalogPlan, "monthlyPriceCents" | "yearlyPriceCents" | "unitName" | "number">>;

/** What a billing page shows about what the customer pays (GitHub's billing-UI requirements). */
export interface BillingTerms {
  priceModel: CatalogPlan["priceModel"];
  monthlyPriceCents: number | null;
  yearlyPriceCents: number | null;
  unitName: string | null;
  billingCycle: string | null;
  /** One billing cycle's price, times the units on per-unit plans; null when unknown. */
  priceCents: number | null;
  /** The next charge (rolled forward on marketplaces that renew silently); null when access ends instead. */
  nextBillingDate: Date | null;
  endsAt: Date | null;
}

export interface EntitlementOptions {
  /** The GitHub Marketplace listing slug (GITHUB_MARKETPLACE_LISTING): GitHub accounts then get an upgrade URL. */
  githubListing?: string | undefined;
  /** The vendor's grants that reach the account or customer (live or not: liveness is judged at `now`). */
  grants?: readonly Grant[];
}

/** Everything one entitlement read needs, loaded together (one round trip on the hot path). */
export interface AccountSnapshot {
  subscriptions: Subscription[];
  plans: PlanTerms[];
  seatsUsed: number;
}

export interface EntitlementSource {
  marketplace: Marketplace;
  accountId: string;
  subscriptionIds: string[];
}

/** What the product asks about: the same shape for every marketplace, for one account or a whole customer. */
/** `granted`: entitled by a vendor's grant alone, no subscription entitles the account. */
export type EntitlementStatus = SubscriptionStatus | "granted";

export interface Entitlement {
  entitled: boolean;
  status: EntitlementStatus;
  plan: { planId: string; name: string | null } | null;
  features: string[];
  seats: { limit: number | null; used: number };
  trial: { endsAt: Date; daysLeft: number } | null;
  currentPeriodEnd: Date | null;
  /** When access ends (or ended): a cancellation, or the last day of the payment retries while past due. */
  accessEndsAt: Date | null;
  pendingChange: {
    plan: { planId: string; name: string | null } | null;
    seats: number | null;
    effectiveAt: Date;
  } | null;
  billedBy: BilledBy | null;
  doublePurchase: boolean;
  /** The live grants that add to this entitlement. */
  grants: Grant[];
  updatedAt: Date | null;
  billing: BillingTerms | null;
  /** GitHub Marketplace's upgrade page for the account's plan, while entitled and the plan's number is known. */
  upgradeUrl: string | null;
}

/** Which status wins when several subscriptions combine: the one that gives the most access, then the most final. */
const PRECEDENCE: SubscriptionStatus[] = [
  "active",
  "trialing",
  "past_due",
  "pending_cancellation",
  "cancelled",
  "expired",
  "none",
];

const DAY_MS = 24 * 60 * 60 * 1000;

export const NO_ENTITLEMENT: Entitlement = {
  entitled: false,
  status: "none",
  plan: null,
  features: [],
  seats: { limit: null, used: 0 },
  trial: null,
  currentPeriodEnd: null,
  accessEndsAt: null,
  pendingChange: null,
  billedBy: null,
  doublePurchase: false,
  grants: [],
  updatedAt: null,
  billing: null,
  upgradeUrl: null,
};

interface Evaluated {
  subscription: Subscription;
  status: SubscriptionStatus;
}

/**
 * Combines subscriptions (one account's, or every account linked to a customer) into one entitlement at `now`.
 * - status and plan come from the subscription that grants the most (active before trialing …);
 * - features are the union over entitled subscriptions' mapped plans;
 * - the seat limit adds up over entitled subscriptions (Evotor devices on several subscriptions, or seats
 *   bought on several accounts); a subscription without units uses its plan's seat rule; no rule means no limit;
 * - two live paid subscriptions, or a repeated purchase the marketplace reported, flag a double purchase.
 */
export function computeEntitlement(
  stored: readonly Subscription[],
  plans: readonly PlanTerms[],
  seatsUsed: number,
  now: Date,
  options: EntitlementOptions = {},
): Entitlement {
  const grants = (options.grants ?? []).filter((grant) => isLive(grant, now));
  const subscriptions = stored.map((subscription) => withTrialExtended(subscription, grants));
  return withGrants(fromSubscriptions(subscriptions, plans, seatsUsed, now, options), grants);
}

function fromSubscriptions(
  subscriptions: readonly Subscription[],
  plans: readonly PlanTerms[],
  seatsUsed: number,
  now: Date,
  options: EntitlementOptions = {},
): Entitlement {
  if (subscriptions.length === 0) {
    return { ...NO_ENTITLEMENT, seats: { limit: null, used: seatsUsed } };
  }
  const planOf = (subscription: Subscription) =>
    plans.find(
      (plan) => plan.marketplace === subscription.marketplace && plan.planId === subscription.planId,
    );
  const evaluated: Evaluated[] = subscriptions
    .map((stored) => {
      const subscription = subscriptionAt(stored, now);
      return { subscription, status: statusAt(subscription, now) };
    })
    .sort(
      (a, b) =>
        PRECEDENCE.indexOf(a.status) - PRECEDENCE.indexOf(b.status) ||
        (b.subscription.startedAt?.getTime() ?? 0) - (a.subscription.startedAt?.getTime() ?? 0),
    );
  const primary = evaluated[0] as Evaluated;
  const live = evaluated.filter((item) => isEntitledStatus(item.status));

  const features = new Set<string>();
  let limit: number | null = 0;
  for (const { subscription } of live) {
    const mapping = planOf(subscription)?.mapping;
    for (const feature of mapping?.features ?? []) {
      features.add(feature);
    }
    const allowance = subscription.units ?? mapping?.seatLimit ?? null;
    limit = limit === null || allowance === null ? null : limit + allowance;
  }
  if (live.length === 0) {
    limit = 0; // not entitled: no seats, whatever the old plan or device count allowed
  }

  const paidLive = live.filter(
    (item) => item.status !== "trialing" && isPaid(item.subscription, planOf(item.subscription)),
  );
  const reportedTwice = live.some(
    (item) => ((item.subscription.details.doublePurchases as unknown[]) ?? []).length > 0,
  );
  const { subscription, status } = primary;
  const pending = subscription.pendingChange;
  const plan = planOf(subscription);
  return {
    entitled: live.length > 0,
    status,
    plan: subscription.planId === null ? null : { planId: subscription.planId, name: subscription.planName },
    features: [...features].sort(),
    seats: { limit, used: seatsUsed },
    trial:
      status === "trialing" && subscription.trialEndsAt
        ? {
            endsAt: subscription.trialEndsAt,
            daysLeft: Math.max(0, Math.ceil((subscription.trialEndsAt.getTime() - now.getTime()) / DAY_MS)),
          }
        : null,
    currentPeriodEnd: subscription.currentPeriodEnd,
    accessEndsAt: accessEndsAt(subscription, status),
    pendingChange: pending
      ? {
          plan: pending.planId === null ? null : { planId: pending.planId, name: pending.planName },
          seats: pending.units,
          effectiveAt: pending.effectiveAt,
        }
      : null,
    billedBy: subscription.billedBy,
    doublePurchase: paidLive.length > 1 || reportedTwice,
    grants: [],
    updatedAt: new Date(Math.max(...subscriptions.map((item) => item.updatedAt.getTime()))),
    billing: billingTerms(subscription, status, plan),
    upgradeUrl:
      live.length > 0 ? upgradeUrl(subscription, plan?.number ?? null, options.githubListing) : null,
  };
}

/**
 * Live grants add their features and seats; a grant with features or seats entitles on its own (`granted`).
 */
function withGrants(entitlement: Entitlement, grants: readonly Grant[]): Entitlement {
  if (grants.length === 0) {
    return entitlement;
  }
  const giving = grants.filter((grant) => grant.features.length > 0 || grant.seats !== null);
  const seats = grants.reduce((sum, grant) => sum + (grant.seats ?? 0), 0);
  const features = new Set([...entitlement.features, ...giving.flatMap((grant) => grant.features)]);
  const byGrantAlone = !entitlement.entitled && giving.length > 0;
  const limit = entitlement.seats.limit;
  return {
    ...entitlement,
    entitled: entitlement.entitled || giving.length > 0,
    status: byGrantAlone ? "granted" : entitlement.status,
    features: [...features].sort(),
    seats: {
      ...entitlement.seats,
      limit: byGrantAlone ? seats : entitlement.entitled && limit !== null ? limit + seats : limit,
    },
    accessEndsAt: byGrantAlone ? lastExpiry(giving) : entitlement.accessEndsAt,
    grants: [...grants],
  };
}

/** When the last of these grants expires; null when one of them does not. */
function lastExpiry(grants: readonly Grant[]): Date | null {
  if (grants.some((grant) => grant.expiresAt === null)) {
    return null;
  }
  const last = Math.max(...grants.map((grant) => grant.expiresAt?.getTime() ?? 0));
  return new Date(last);
}

/**
 * A trial running when a grant extended it ends that many days later; where the trial is the period the
 * marketplace bills at the end of (Evotor), the period and its payment retries move with it.
 */
function withTrialExtended(subscription: Subscription, grants: readonly Grant[]): Subscription {
  const trialEnd = subscription.trialEndsAt;
  if (trialEnd === null || subscription.details.activatedAt) {
    return subscription;
  }
  const days = grants
    .filter((grant) => grant.trialExtensionDays !== null && grant.grantedAt < trialEnd)
    .reduce((sum, grant) => sum + (grant.trialExtensionDays ?? 0), 0);
  if (days === 0) {
    return subscription;
  }
  const shift = (date: Date) => new Date(date.getTime() + days * DAY_MS);
  const periodIsTrial =
    subscription.currentPeriodEnd !== null && subscription.currentPeriodEnd.getTime() <= trialEnd.getTime();
  return {
    ...subscription,
    trialEndsAt: shift(trialEnd),
    ...(periodIsTrial && subscription.currentPeriodEnd
      ? {
          currentPeriodEnd: shift(subscription.currentPeriodEnd),
          lapsesAt: subscription.lapsesAt && shift(subscription.lapsesAt),
        }
      : {}),
  };
}

/** The end of access the subscription is heading for: its cancellation, or where payment retries run out. */
function accessEndsAt(subscription: Subscription, status: SubscriptionStatus): Date | null {
  if (subscription.endsAt !== null) {
    return subscription.endsAt;
  }
  return status === "past_due" || status === "expired" ? subscription.lapsesAt : null;
}

function billingTerms(
  subscription: Subscription,
  status: SubscriptionStatus,
  plan: PlanTerms | undefined,
): BillingTerms {
  const monthly = plan?.monthlyPriceCents ?? null;
  const yearly = plan?.yearlyPriceCents ?? null;
  const cycle = subscription.billingCycle?.toLowerCase() ?? null;
  const perCycle = cycle === "yearly" ? yearly : cycle === "monthly" ? monthly : null;
  const priceModel = plan?.priceModel ?? null;
  const priceCents =
    priceModel === "free"
      ? 0
      : perCycle === null
        ? null
        : priceModel === "per_unit"
          ? perCycle * (subscription.units ?? 0)
          : perCycle;
  return {
    priceModel,
    monthlyPriceCents: monthly,
    yearlyPriceCents: yearly,
    unitName: plan?.unitName ?? null,
    billingCycle: subscription.billingCycle,
    priceCents,
    nextBillingDate: nextBillingDate(subscription, status, priceModel),
    endsAt: subscription.endsAt,
  };
}

/** Null when nothing more is charged: access ends (or ended), or the plan is free. A trial is first charged when it converts. */
function nextBillingDate(
  subscription: Subscription,
  status: SubscriptionStatus,
  priceModel: PlanTerms["priceModel"],
): Date | null {
  if (subscription.endsAt !== null || !isEntitledStatus(status) || priceModel === "free") {
    return null;
  }
  if (status === "trialing") {
    return subscription.trialEndsAt;
  }
  return subscription.currentPeriodEnd;
}

/** `https://github.com/marketplace/<listing>/upgrade/<plan number>/<account id>`, where GitHub lets the customer upgrade. */
function upgradeUrl(subscription: Subscription, planNumber: number | null, listing: string | undefined) {
  if (subscription.marketplace !== "github" || !listing || planNumber === null) {
    return null;
  }
  return `https://github.com/marketplace/${encodeURIComponent(listing)}/upgrade/${planNumber}/${encodeURIComponent(subscription.accountId)}`;
}

/** Paid unless the catalogue says the plan is free. */
function isPaid(subscription: Subscription, plan: PlanTerms | undefined): boolean {
  return subscription.billedBy === "vendor" || plan?.priceModel !== "free";
}
