import type { MarketplacePurchase, MarketplacePurchaseEvent } from "@marketplace-billing/contracts";
import type { EventSource, InboundEvent } from "../events/inbound-event.js";
import type { ObservedPlan, PriceModel } from "../plans/plan.js";
import { normalizePriceModel } from "./price-model.js";

export type PurchaseAction = MarketplacePurchaseEvent["action"];

/** A `marketplace_purchase` object with dates parsed and the price model normalized. */
export interface PurchaseFacts {
  accountId: string;
  accountType: string | null;
  accountLogin: string | null;
  planId: string;
  planName: string | null;
  priceModel: PriceModel | null;
  billingCycle: string | null;
  unitCount: number | null;
  onFreeTrial: boolean;
  freeTrialEndsOn: Date | null;
  nextBillingDate: Date | null;
  plan: Omit<ObservedPlan, "seenAt">;
}

/** One stored `marketplace_purchase` delivery, ready to fold. */
export interface PurchaseEvent {
  /** Event log id; its order is the arrival order. */
  eventId: string;
  /** Webhook deliveries are GitHub's word; reconciliation and onboarding events are what its API showed us. */
  source: EventSource;
  action: PurchaseAction;
  /** When the action takes effect; the delivery time when GitHub left it out. */
  effectiveAt: Date;
  receivedAt: Date;
  purchase: PurchaseFacts;
  previous: PurchaseFacts | null;
}

const ACTIONS: ReadonlySet<string> = new Set([
  "purchased",
  "pending_change",
  "pending_change_cancelled",
  "changed",
  "cancelled",
]);

/** The event type under which `marketplace_purchase` deliveries are logged. */
export function purchaseEventType(action: string): string {
  return `marketplace_purchase.${action}`;
}

export function isPurchaseEventType(eventType: string): boolean {
  return eventType.startsWith("marketplace_purchase.");
}

/** Reads a logged delivery. The HTTP layer validated it against the spec; this only converts. */
export function toPurchaseEvent(event: InboundEvent): PurchaseEvent {
  const payload = event.payload as MarketplacePurchaseEvent;
  if (!ACTIONS.has(payload.action)) {
    throw new Error(`unknown marketplace_purchase action ${String(payload.action)}`);
  }
  return {
    eventId: event.id,
    source: event.source,
    action: payload.action,
    effectiveAt: parseDate(payload.effective_date) ?? event.receivedAt,
    receivedAt: event.receivedAt,
    purchase: toFacts(payload.marketplace_purchase),
    previous: payload.previous_marketplace_purchase ? toFacts(payload.previous_marketplace_purchase) : null,
  };
}

function toFacts(purchase: MarketplacePurchase): PurchaseFacts {
  const plan = purchase.plan;
  const priceModel = normalizePriceModel(plan.price_model);
  return {
    accountId: String(purchase.account.id),
    accountType: purchase.account.type ?? null,
    accountLogin: purchase.account.login ?? null,
    planId: String(plan.id),
    planName: plan.name ?? null,
    priceModel,
    billingCycle: purchase.billing_cycle ?? null,
    unitCount: purchase.unit_count ?? null,
    onFreeTrial: purchase.on_free_trial === true,
    freeTrialEndsOn: parseDate(purchase.free_trial_ends_on),
    nextBillingDate: parseDate(purchase.next_billing_date),
    plan: {
      marketplace: "github",
      planId: String(plan.id),
      name: plan.name ?? null,
      description: plan.description ?? null,
      priceModel,
      monthlyPriceCents: plan.monthly_price_in_cents ?? null,
      yearlyPriceCents: plan.yearly_price_in_cents ?? null,
      unitName: plan.unit_name ?? null,
      hasFreeTrial: plan.has_free_trial ?? null,
      bullets: (plan.bullets ?? []).filter((bullet): bullet is string => typeof bullet === "string"),
    },
  };
}

function parseDate(value: string | null | undefined): Date | null {
  if (typeof value !== "string" || value.length === 0) {
    return null;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
