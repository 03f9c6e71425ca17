import type { MarketplacePurchaseEvent } from "@marketplace-billing/contracts";
import type { EventSource, InboundEvent } from "../events/inbound-event.js";
import { isStorableCount, isStorableId, isStorableInstant } from "../events/storable-values.js";
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

/** A logged delivery read for the fold, or why it cannot be. */
export type ReadPurchase = { ok: true; value: PurchaseEvent } | { ok: false; reason: string };

class Unreadable extends Error {}

/**
 * Reads a logged delivery. The HTTP layer validated it against the spec, but the log also holds events stored
 * by older versions and by reconciliation, so every field is checked again: what the model cannot hold (a
 * count past `integer`, a date no database takes, an id too long to index) makes the event unreadable, never
 * an exception for the whole account.
 */
export function readPurchaseEvent(event: InboundEvent): ReadPurchase {
  try {
    const payload = object(event.payload, "payload");
    const action = payload.action;
    if (typeof action !== "string" || !ACTIONS.has(action)) {
      throw new Unreadable(`unknown marketplace_purchase action ${JSON.stringify(action)?.slice(0, 100)}`);
    }
    const previous = payload.previous_marketplace_purchase;
    return {
      ok: true,
      value: {
        eventId: event.id,
        source: event.source,
        action: action as PurchaseAction,
        effectiveAt: date(payload.effective_date, "effective_date") ?? event.receivedAt,
        receivedAt: event.receivedAt,
        purchase: toFacts(
          object(payload.marketplace_purchase, "marketplace_purchase"),
          "marketplace_purchase",
        ),
        previous:
          previous === undefined || previous === null
            ? null
            : toFacts(object(previous, "previous_marketplace_purchase"), "previous_marketplace_purchase"),
      },
    };
  } catch (error) {
    if (error instanceof Unreadable) {
      return { ok: false, reason: error.message };
    }
    throw error;
  }
}

function object(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Unreadable(`${field} is not an object`);
  }
  return value as Record<string, unknown>;
}

/** A GitHub id: an integer (exact, as the HTTP layer refuses any it could not keep exactly) or a string. */
function id(value: unknown, field: string): string {
  const text =
    typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 2 ** 53
      ? String(value)
      : typeof value === "string"
        ? value
        : null;
  if (text === null || !isStorableId(text)) {
    throw new Unreadable(`${field} is not an id the model can hold`);
  }
  return text;
}

/** Optional text: anything but a string is read as absent. */
function text(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function count(value: unknown, field: string): number | null {
  if (value === undefined || value === null) {
    return null;
  }
  if (!isStorableCount(value)) {
    throw new Unreadable(`${field} ${JSON.stringify(value)?.slice(0, 40)} is not a count the model can hold`);
  }
  return value;
}

function toFacts(purchase: Record<string, unknown>, field: string): PurchaseFacts {
  const account = object(purchase.account, `${field}.account`);
  const plan = object(purchase.plan, `${field}.plan`);
  const planId = id(plan.id, `${field}.plan.id`);
  const priceModel = normalizePriceModel(text(plan.price_model));
  const bullets = Array.isArray(plan.bullets) ? plan.bullets : [];
  return {
    accountId: id(account.id, `${field}.account.id`),
    accountType: text(account.type),
    accountLogin: text(account.login),
    planId,
    planName: text(plan.name),
    priceModel,
    billingCycle: text(purchase.billing_cycle),
    unitCount: count(purchase.unit_count, `${field}.unit_count`),
    onFreeTrial: purchase.on_free_trial === true,
    freeTrialEndsOn: date(purchase.free_trial_ends_on, `${field}.free_trial_ends_on`),
    nextBillingDate: date(purchase.next_billing_date, `${field}.next_billing_date`),
    plan: {
      marketplace: "github",
      planId,
      name: text(plan.name),
      description: text(plan.description),
      priceModel,
      monthlyPriceCents: count(plan.monthly_price_in_cents, `${field}.plan.monthly_price_in_cents`),
      yearlyPriceCents: count(plan.yearly_price_in_cents, `${field}.plan.yearly_price_in_cents`),
      unitName: text(plan.unit_name),
      hasFreeTrial: typeof plan.has_free_trial === "boolean" ? plan.has_free_trial : null,
      bullets: bullets.filter((bullet): bullet is string => typeof bullet === "string"),
    },
  };
}

/** Absent or unparseable: null (the caller decides the default). A real date no database can hold: unreadable. */
function date(value: unknown, field: string): Date | null {
  if (typeof value !== "string" || value.length === 0) {
    return null;
  }
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) {
    return null;
  }
  if (!isStorableInstant(parsed)) {
    throw new Unreadable(`${field} ${value.slice(0, 40)} is out of the range the model can hold`);
  }
  return parsed;
}
