import type { BillingEvent as WireEvent } from "@marketplace-billing/contracts";
import type { BillingEvent, BillingEventEncoder } from "../../domain/outbound/billing-event.js";
import { toCustomerEntitlementBody, toEntitlementBody } from "../entitlements/entitlement-mapping.js";

/**
 * The provider's event builder: domain events → the `webhooks:` payloads of specs/entitlements.yaml. The
 * message pact (test/contract/product-events.provider.test.ts) verifies exactly this function.
 */
export function toBillingEventBody(event: BillingEvent, sequence: number): WireEvent {
  const timestamp = event.at.toISOString();
  switch (event.type) {
    case "entitlement.updated":
      return {
        type: event.type,
        timestamp,
        data: {
          account: event.account,
          customerId: event.customerId,
          sequence,
          entitlement: toEntitlementBody(event.entitlement),
          changes: event.changes,
          customerEntitlement: event.customerEntitlement
            ? toCustomerEntitlementBody(event.customerEntitlement)
            : null,
        },
      };
    case "trial.will_end":
      return {
        type: event.type,
        timestamp,
        data: {
          account: event.account,
          customerId: event.customerId,
          sequence,
          trial: { endsAt: event.trial.endsAt.toISOString(), daysLeft: event.trial.daysLeft },
          plan: event.plan,
        },
      };
    case "seat.limit_reached":
      return {
        type: event.type,
        timestamp,
        data: {
          account: event.account,
          customerId: event.customerId,
          sequence,
          userId: event.userId,
          limit: event.limit,
          used: event.used,
        },
      };
    case "double_purchase.detected":
      return {
        type: event.type,
        timestamp,
        data: {
          account: event.account,
          customerId: event.customerId,
          sequence,
          subscriptionIds: event.subscriptionIds,
        },
      };
    case "event.dead_lettered":
      return {
        type: event.type,
        timestamp,
        data: {
          eventId: event.eventId,
          marketplace: event.marketplace,
          eventType: event.eventType,
          accountId: event.accountId,
          receivedAt: event.receivedAt.toISOString(),
          attempts: event.attempts,
          error: event.error,
        },
      };
  }
}

export const billingEventEncoder: BillingEventEncoder = {
  encode: (event, sequence) => JSON.stringify(toBillingEventBody(event, sequence)),
};
