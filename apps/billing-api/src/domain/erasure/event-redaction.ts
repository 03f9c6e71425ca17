import type { InboundEvent, Marketplace } from "../events/inbound-event.js";
import { keepOnly, type Shape } from "./keep-only.js";

/*
 * What an event body keeps after its account's personal data are erased: exactly what the marketplace's fold
 * reads (ids, plans, prices, dates, units), so replaying the redacted log gives the same subscriptions.
 * Logins, e-mails, names, the sender, node ids and anything a marketplace adds later are dropped.
 */

const GITHUB_PLAN: Shape = {
  id: true,
  name: true,
  description: true,
  monthly_price_in_cents: true,
  yearly_price_in_cents: true,
  price_model: true,
  has_free_trial: true,
  unit_name: true,
  bullets: true,
};

const GITHUB_PURCHASE: Shape = {
  account: { id: true, type: true },
  billing_cycle: true,
  unit_count: true,
  on_free_trial: true,
  free_trial_ends_on: true,
  next_billing_date: true,
  plan: GITHUB_PLAN,
};

const GITHUB_PURCHASE_EVENT: Shape = {
  action: true,
  effective_date: true,
  marketplace_purchase: GITHUB_PURCHASE,
  previous_marketplace_purchase: GITHUB_PURCHASE,
};

const EVOTOR_SUBSCRIPTION_EVENT: Shape = {
  subscriptionId: true,
  productId: true,
  userId: true,
  userUuid: true,
  timestamp: true,
  sequenceNumber: true,
  type: true,
  planId: true,
  trialPeriodDuration: true,
  deviceNumber: true,
  nextBillingDate: true,
  chargedSum: { amount: true, currency: true },
  addons: { id: true, quantity: true },
};

const EVOTOR_INSTALLATION_EVENT: Shape = {
  id: true,
  timestamp: true,
  type: true,
  data: { productId: true, userId: true },
};

function shapeOf(marketplace: Marketplace, eventType: string, payload: unknown): Shape {
  if (marketplace === "github") {
    return eventType.startsWith("marketplace_purchase.") ? GITHUB_PURCHASE_EVENT : { hook_id: true };
  }
  const body = payload as { data?: unknown } | null;
  return typeof body === "object" && body !== null && "data" in body
    ? EVOTOR_INSTALLATION_EVENT
    : EVOTOR_SUBSCRIPTION_EVENT;
}

export interface RedactedEvent {
  payload: unknown;
  /** The body as stored from now on: the redacted payload as JSON (the original bytes carried the personal data). */
  rawBody: Uint8Array;
  /** The stored headers, saying the body is now JSON (a form-encoded GitHub delivery's no longer is). */
  headers: Record<string, string>;
  /** What was dropped from the payload, as paths. */
  erased: string[];
}

/** The event's body without personal data; null when there was nothing to erase (already redacted). */
export function redactEvent(event: InboundEvent): RedactedEvent | null {
  const { value, erased } = keepOnly(
    event.payload,
    shapeOf(event.marketplace, event.eventType, event.payload),
  );
  const rawBody = new TextEncoder().encode(JSON.stringify(value));
  const unchanged = erased.length === 0 && Buffer.from(rawBody).equals(Buffer.from(event.rawBody));
  const headers =
    "content-type" in event.headers
      ? { ...event.headers, "content-type": "application/json" }
      : event.headers;
  return unchanged ? null : { payload: value, rawBody, headers, erased };
}
