import type { AccountRef } from "../entitlements/customers.js";
import type { AccountEntitlement, CustomerEntitlement } from "../entitlements/entitlement-service.js";
import type { Marketplace } from "../events/inbound-event.js";

/** A field of the announced entitlement that changed, with its old and new values as the product saw them. */
export interface EntitlementChange {
  field: string;
  from: unknown;
  to: unknown;
}

/**
 * What billing-api tells the vendor's endpoints (specs/entitlements.yaml `webhooks:`), before it is encoded.
 * `at` is when the change happened; the sequence is assigned when the event is written to the outbox.
 */
export type BillingEvent =
  | {
      type: "entitlement.updated";
      at: Date;
      account: AccountRef;
      customerId: string | null;
      entitlement: AccountEntitlement;
      changes: EntitlementChange[];
      customerEntitlement: CustomerEntitlement | null;
    }
  | {
      type: "trial.will_end";
      at: Date;
      account: AccountRef;
      customerId: string | null;
      trial: { endsAt: Date; daysLeft: number };
      plan: { planId: string; name: string | null } | null;
    }
  | {
      type: "seat.limit_reached";
      at: Date;
      account: AccountRef;
      customerId: string | null;
      userId: string;
      limit: number;
      used: number;
    }
  | {
      type: "double_purchase.detected";
      at: Date;
      account: AccountRef;
      customerId: string | null;
      subscriptionIds: string[];
    }
  | {
      type: "event.dead_lettered";
      at: Date;
      eventId: string;
      marketplace: Marketplace;
      eventType: string;
      accountId: string | null;
      receivedAt: Date;
      attempts: number;
      error: string;
    };

export type BillingEventType = BillingEvent["type"];

export const BILLING_EVENT_TYPES: readonly BillingEventType[] = [
  "entitlement.updated",
  "trial.will_end",
  "seat.limit_reached",
  "double_purchase.detected",
  "event.dead_lettered",
];

/** Turns an event into the exact body sent (the wire format lives outside the domain). */
export interface BillingEventEncoder {
  encode(event: BillingEvent, sequence: number): string;
}

/** An event to write, and an optional key that lets it be written only once. */
export interface OutboxEntry {
  event: BillingEvent;
  dedupeKey?: string;
}

/** Writes events for the vendor in a transaction of their own (for events that report no state change). */
export interface Outbox {
  write(entries: readonly OutboxEntry[]): Promise<void>;
}
