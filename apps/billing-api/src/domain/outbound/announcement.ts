import type { AccountEntitlement, CustomerEntitlement } from "../entitlements/entitlement-service.js";
import type { Subscription } from "../subscriptions/subscription.js";
import { isEntitledStatus, statusAt, subscriptionAt } from "../subscriptions/subscription-status.js";
import type { BillingEvent, EntitlementChange } from "./billing-event.js";

/** Days before a trial ends that `trial.will_end` is sent, unless configured (TRIAL_WILL_END_DAYS). */
export const DEFAULT_TRIAL_WILL_END_DAYS = 3;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The part of an entitlement the product is told about when it changes. Left out: `updatedAt` (every stored
 * event moves it), `trial.daysLeft` (the clock moves it) and `seats.used` (every claim moves it).
 */
export type AnnouncedEntitlement = Record<string, unknown>;

/** What was last announced about one account. */
export interface AnnouncedState {
  /** Null: nothing was announced yet (the account is compared with one never seen). */
  entitlement: AnnouncedEntitlement | null;
  customerId: string | null;
  /** The trial end whose `trial.will_end` was written. */
  trialNoticeFor: Date | null;
}

export interface AnnouncementInput {
  previous: AnnouncedState | null;
  entitlement: AccountEntitlement;
  customer: { id: string; entitlement: CustomerEntitlement } | null;
  /** The account's stored subscriptions (to know when time alone changes the entitlement next). */
  subscriptions: readonly Subscription[];
  now: Date;
  trialWillEndDays: number;
}

export interface Announcement {
  events: BillingEvent[];
  state: AnnouncedState;
  /** The next instant at which the clock alone could change something to announce; null: none. */
  nextCheckAt: Date | null;
}

export function announcedForm(entitlement: AccountEntitlement): AnnouncedEntitlement {
  return {
    entitled: entitlement.entitled,
    status: entitlement.status,
    plan: entitlement.plan,
    features: entitlement.features,
    seatLimit: entitlement.seats.limit,
    trialEndsAt: entitlement.trial?.endsAt.toISOString() ?? null,
    currentPeriodEnd: entitlement.currentPeriodEnd?.toISOString() ?? null,
    pendingChange: entitlement.pendingChange
      ? {
          plan: entitlement.pendingChange.plan,
          seats: entitlement.pendingChange.seats,
          effectiveAt: entitlement.pendingChange.effectiveAt.toISOString(),
        }
      : null,
    billedBy: entitlement.billedBy,
    doublePurchase: entitlement.doublePurchase,
  };
}

/** An account nobody was told about yet counts as one never seen. */
const NEVER_ANNOUNCED: AnnouncedEntitlement = {
  entitled: false,
  status: "none",
  plan: null,
  features: [],
  seatLimit: null,
  trialEndsAt: null,
  currentPeriodEnd: null,
  pendingChange: null,
  billedBy: null,
  doublePurchase: false,
};

/** JSON with object keys sorted: the stored form (jsonb) does not keep key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(",")}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

function changesBetween(from: AnnouncedEntitlement, to: AnnouncedEntitlement): EntitlementChange[] {
  const changes: EntitlementChange[] = [];
  for (const field of Object.keys(to)) {
    if (canonical(from[field]) !== canonical(to[field])) {
      changes.push({ field, from: from[field] ?? null, to: to[field] ?? null });
    }
  }
  return changes;
}

/**
 * Decides what to tell the vendor about one account after its state may have changed (a folded delivery, the
 * clock passing a date, a plan mapping or customer link change). Pure: the caller holds the account's lock and
 * writes the events and the new state in one transaction, so each change is announced exactly once.
 */
export function announce(input: AnnouncementInput): Announcement {
  const { entitlement, now } = input;
  const account = { marketplace: entitlement.source.marketplace, accountId: entitlement.source.accountId };
  const customerId = input.customer?.id ?? null;
  const previous = input.previous?.entitlement ?? NEVER_ANNOUNCED;
  const current = announcedForm(entitlement);
  const events: BillingEvent[] = [];

  const changes = changesBetween(previous, current);
  const previousCustomer = input.previous?.customerId ?? null;
  if (previousCustomer !== customerId) {
    changes.push({ field: "customerId", from: previousCustomer, to: customerId });
  }
  if (changes.length > 0) {
    events.push({
      type: "entitlement.updated",
      at: now,
      account,
      customerId,
      entitlement,
      changes,
      customerEntitlement: input.customer?.entitlement ?? null,
    });
  }
  if (entitlement.doublePurchase && previous.doublePurchase !== true) {
    events.push({
      type: "double_purchase.detected",
      at: now,
      account,
      customerId,
      subscriptionIds: input.subscriptions
        .filter((stored) => {
          const status = statusAt(subscriptionAt(stored, now), now);
          return isEntitledStatus(status) && status !== "trialing";
        })
        .map((stored) => stored.subscriptionId),
    });
  }

  let trialNoticeFor = input.previous?.trialNoticeFor ?? null;
  const trial = entitlement.trial;
  const noticeDays = input.trialWillEndDays * DAY_MS;
  if (
    trial &&
    trial.endsAt.getTime() > now.getTime() &&
    trial.endsAt.getTime() - now.getTime() <= noticeDays &&
    trialNoticeFor?.getTime() !== trial.endsAt.getTime()
  ) {
    events.push({ type: "trial.will_end", at: now, account, customerId, trial, plan: entitlement.plan });
    trialNoticeFor = trial.endsAt;
  }

  return {
    events,
    state: { entitlement: current, customerId, trialNoticeFor },
    nextCheckAt: nextCheck(input.subscriptions, trialNoticeFor, noticeDays, now),
  };
}

/** The earliest future date at which a subscription's status, plan or trial notice can change by time alone. */
function nextCheck(
  subscriptions: readonly Subscription[],
  trialNoticeFor: Date | null,
  noticeDays: number,
  now: Date,
): Date | null {
  let next: number | null = null;
  const consider = (date: Date | null | undefined) => {
    if (date && date.getTime() > now.getTime() && (next === null || date.getTime() < next)) {
      next = date.getTime();
    }
  };
  for (const stored of subscriptions) {
    for (const subscription of [stored, subscriptionAt(stored, now)]) {
      consider(subscription.trialEndsAt);
      consider(subscription.currentPeriodEnd);
      consider(subscription.lapsesAt);
      consider(subscription.endsAt);
      consider(subscription.pendingChange?.effectiveAt);
      const trialEnd = subscription.trialEndsAt;
      if (trialEnd && trialNoticeFor?.getTime() !== trialEnd.getTime()) {
        consider(new Date(trialEnd.getTime() - noticeDays));
      }
    }
  }
  return next === null ? null : new Date(next);
}
