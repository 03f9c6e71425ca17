import { Webhook, WebhookVerificationError } from "standardwebhooks";
import type { components } from "./generated/entitlements.js";

type Schemas = components["schemas"];

export type EntitlementUpdatedEvent = Schemas["EntitlementUpdatedEvent"];
export type TrialWillEndEvent = Schemas["TrialWillEndEvent"];
export type SeatLimitReachedEvent = Schemas["SeatLimitReachedEvent"];
export type DoublePurchaseDetectedEvent = Schemas["DoublePurchaseDetectedEvent"];
export type EventDeadLetteredEvent = Schemas["EventDeadLetteredEvent"];

/** Every event billing-api sends to a webhook endpoint; `switch (event.type)` narrows `data`. */
export type BillingEvent =
  | EntitlementUpdatedEvent
  | TrialWillEndEvent
  | SeatLimitReachedEvent
  | DoublePurchaseDetectedEvent
  | EventDeadLetteredEvent;

export type BillingEventType = BillingEvent["type"];

/** Thrown for a bad signature, missing headers, a timestamp outside 5 minutes, or a body that is no event. */
export { WebhookVerificationError };

const EVENT_TYPES: ReadonlySet<string> = new Set<BillingEventType>([
  "entitlement.updated",
  "trial.will_end",
  "seat.limit_reached",
  "double_purchase.detected",
  "event.dead_lettered",
]);

/** Node's `req.headers`, a Fetch `Headers`, or a plain record. */
export type WebhookHeaders = Headers | Record<string, string | readonly string[] | undefined>;

function signatureHeaders(headers: WebhookHeaders): Record<string, string> {
  const entries: Array<[string, string]> = [];
  if (headers instanceof Headers) {
    headers.forEach((value, name) => {
      entries.push([name, value]);
    });
  } else {
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined) {
        // A repeated header arrives as an array in Node; Standard Webhooks signatures are space-separated.
        entries.push([name.toLowerCase(), typeof value === "string" ? value : value.join(" ")]);
      }
    }
  }
  return Object.fromEntries(
    entries.filter(
      ([name]) => name === "webhook-id" || name === "webhook-timestamp" || name === "webhook-signature",
    ),
  );
}

function isBillingEvent(value: unknown): value is BillingEvent {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  const { type, timestamp, data } = value as Record<string, unknown>;
  return (
    typeof type === "string" &&
    EVENT_TYPES.has(type) &&
    typeof timestamp === "string" &&
    typeof data === "object" &&
    data !== null
  );
}

/**
 * Verifies a billing-api delivery (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`)
 * and returns the typed event. `body` must be the raw bytes as received, not re-serialized JSON. `secret` is
 * the endpoint's `whsec_…` secret, or a list of them while a rotation is in progress (any one may match).
 * Throws `WebhookVerificationError` when nothing matches or the timestamp is more than 5 minutes off.
 */
export function verifyBillingEvent(
  body: string | Uint8Array,
  headers: WebhookHeaders,
  secret: string | readonly string[],
): BillingEvent {
  // A Node Buffer is a Uint8Array: express.raw() bodies pass as they are.
  const payload =
    typeof body === "string" || Buffer.isBuffer(body)
      ? body
      : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const secrets = typeof secret === "string" ? [secret] : secret;
  if (secrets.length === 0) {
    throw new TypeError("verifyBillingEvent needs at least one secret");
  }
  const wanted = signatureHeaders(headers);
  let failure: unknown;
  for (const candidate of secrets) {
    let verified: unknown;
    try {
      verified = new Webhook(candidate).verify(payload, wanted);
    } catch (error) {
      failure = error;
      continue;
    }
    if (!isBillingEvent(verified)) {
      throw new WebhookVerificationError(
        "Signed body is not a known billing event (a newer billing-api? update @marketplace-billing/contracts)",
      );
    }
    return verified;
  }
  throw failure;
}
