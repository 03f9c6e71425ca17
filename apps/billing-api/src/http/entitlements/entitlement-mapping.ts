import type { Entitlements } from "@marketplace-billing/contracts";
import type { Customer } from "../../domain/entitlements/customers.js";
import type { Entitlement } from "../../domain/entitlements/entitlement.js";
import type {
  AccountEntitlement,
  CustomerEntitlement,
} from "../../domain/entitlements/entitlement-service.js";
import type { HistoryEntry } from "../../domain/entitlements/explain-history.js";
import type { Seat } from "../../domain/entitlements/seats.js";
import { type Grant, isLive } from "../../domain/grants/grant.js";
import type { CatalogPlan, PlanMappingVersion } from "../../domain/plans/plan.js";
import type { Subscription } from "../../domain/subscriptions/subscription.js";
import { isEntitledStatus, type SubscriptionStatus } from "../../domain/subscriptions/subscription-status.js";

/* Domain → contract types (specs/entitlements.yaml). Dates become ISO strings; nothing else is invented here. */

type Schemas = Entitlements.components["schemas"];

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

function entitlementFields(entitlement: Entitlement): Schemas["EntitlementFields"] {
  return {
    entitled: entitlement.entitled,
    status: entitlement.status,
    plan: entitlement.plan,
    features: entitlement.features,
    seats: entitlement.seats,
    trial: entitlement.trial
      ? { endsAt: entitlement.trial.endsAt.toISOString(), daysLeft: entitlement.trial.daysLeft }
      : null,
    currentPeriodEnd: iso(entitlement.currentPeriodEnd),
    accessEndsAt: iso(entitlement.accessEndsAt),
    pendingChange: entitlement.pendingChange
      ? {
          plan: entitlement.pendingChange.plan,
          seats: entitlement.pendingChange.seats,
          effectiveAt: entitlement.pendingChange.effectiveAt.toISOString(),
        }
      : null,
    billedBy: entitlement.billedBy,
    doublePurchase: entitlement.doublePurchase,
    grants: entitlement.grants.map((grant) => toGrantBody(grant, null)),
    updatedAt: iso(entitlement.updatedAt),
    billing: entitlement.billing
      ? {
          ...entitlement.billing,
          nextBillingDate: iso(entitlement.billing.nextBillingDate),
          endsAt: iso(entitlement.billing.endsAt),
        }
      : null,
    upgradeUrl: entitlement.upgradeUrl,
  };
}

/** A grant; `now` null means it is known to be live (the entitlement lists only live ones). */
export function toGrantBody(grant: Grant, now: Date | null): Schemas["Grant"] {
  return {
    id: grant.id,
    appliesTo: grant.appliesTo,
    features: grant.features,
    seats: grant.seats,
    trialExtensionDays: grant.trialExtensionDays,
    expiresAt: iso(grant.expiresAt),
    note: grant.note,
    grantedAt: grant.grantedAt.toISOString(),
    revokedAt: iso(grant.revokedAt),
    live: now === null || isLive(grant, now),
  };
}

export function toEntitlementBody(entitlement: AccountEntitlement): Schemas["Entitlement"] {
  return { ...entitlementFields(entitlement), source: entitlement.source };
}

export function toCustomerEntitlementBody(entitlement: CustomerEntitlement): Schemas["CustomerEntitlement"] {
  return {
    ...entitlementFields(entitlement),
    customerId: entitlement.customerId,
    sources: entitlement.sources,
  };
}

export function toHistoryEntryBody(entry: HistoryEntry & { features?: string[] }): Schemas["HistoryEntry"] {
  return {
    ...(entry.features ? { features: entry.features } : {}),
    eventId: entry.event.id,
    type: entry.event.eventType,
    source: entry.event.source,
    receivedAt: entry.event.receivedAt.toISOString(),
    applyStatus: entry.event.status,
    applyError: entry.event.applyError,
    conflictsWith: entry.event.conflictsWith ?? null,
    changes: entry.changes,
  };
}

export function toSeatBody(seat: Seat): Schemas["Seat"] {
  return { userId: seat.userId, claimedAt: seat.claimedAt.toISOString() };
}

export function toSubscriptionSummary(
  subscription: Subscription,
  status: SubscriptionStatus,
): Schemas["SubscriptionSummary"] {
  return {
    marketplace: subscription.marketplace,
    accountId: subscription.accountId,
    subscriptionId: subscription.subscriptionId,
    status,
    entitled: isEntitledStatus(status),
    plan: subscription.planId === null ? null : { planId: subscription.planId, name: subscription.planName },
    seats: subscription.units,
    trialEndsAt: iso(subscription.trialEndsAt),
    currentPeriodEnd: iso(subscription.currentPeriodEnd),
    endsAt: iso(subscription.endsAt),
    updatedAt: subscription.updatedAt.toISOString(),
  };
}

export function toCustomerBody(customer: Customer): Schemas["Customer"] {
  return {
    id: customer.id,
    externalId: customer.externalId,
    name: customer.name,
    links: customer.links,
    createdAt: customer.createdAt.toISOString(),
  };
}

export function toPlanVersionBody(version: PlanMappingVersion): Schemas["PlanVersion"] {
  return {
    version: version.version,
    features: version.features,
    seatRules: { seatLimit: version.seatLimit },
    effectiveFrom: version.effectiveFrom.toISOString(),
  };
}

export function toPlanBody(plan: CatalogPlan): Schemas["Plan"] {
  return {
    marketplace: plan.marketplace,
    planId: plan.planId,
    name: plan.name,
    description: plan.description,
    priceModel: plan.priceModel,
    monthlyPriceCents: plan.monthlyPriceCents,
    yearlyPriceCents: plan.yearlyPriceCents,
    unitName: plan.unitName,
    hasFreeTrial: plan.hasFreeTrial,
    bullets: plan.bullets,
    mapped: plan.mapping !== null,
    features: plan.mapping?.features ?? [],
    seatRules: { seatLimit: plan.mapping?.seatLimit ?? null },
    firstSeenAt: plan.firstSeenAt.toISOString(),
    lastSeenAt: plan.lastSeenAt.toISOString(),
  };
}
