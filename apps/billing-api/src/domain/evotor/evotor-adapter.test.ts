import { describe, expect, it } from "vitest";
import {
  FULL_LIFE,
  SUBSCRIPTION_ID,
  subscriptionPayload,
  USER_ID,
} from "../../../test/support/evotor-fixtures.js";
import type { InboundEvent } from "../events/inbound-event.js";
import { projectorOf } from "../marketplaces/fold-account.js";
import { evotorAdapter } from "./evotor-adapter.js";

function logged(payload: Record<string, unknown>, id: number): InboundEvent {
  return {
    id: String(id),
    marketplace: "evotor",
    source: "webhook",
    eventType: String(payload.type),
    dedupeKey: `subscription:${SUBSCRIPTION_ID}:${payload.sequenceNumber}`,
    accountId: USER_ID,
    headers: {},
    rawBody: new TextEncoder().encode(JSON.stringify(payload)),
    payload,
    receivedAt: new Date("2026-03-01T00:00:00Z"),
    status: "applied",
    appliedAt: null,
    applyError: null,
    applyAttempts: 0,
    nextAttemptAt: null,
  };
}

describe("evotorAdapter", () => {
  it("folds an event type it does not know into the sequence, listing it instead of reporting a gap", () => {
    const unknown = subscriptionPayload("SubscriptionPaused", 2, "2026-01-10T00:00:00Z");
    const events = [
      logged(FULL_LIFE.created, 1),
      logged(unknown, 2),
      logged({ ...FULL_LIFE.renewed, sequenceNumber: 3 }, 3),
    ];

    const { subscriptions, plans } = projectorOf(evotorAdapter).project(
      events,
      new Date("2026-03-01T00:00:00Z"),
    );

    expect(subscriptions).toHaveLength(1);
    expect(subscriptions[0]?.details.ignoredEventTypes).toEqual(["SubscriptionPaused"]);
    expect(subscriptions[0]?.details.missingSequenceNumbers).toBeUndefined();
    expect(plans.map((plan) => plan.planId)).toEqual(["basic"]);
    // Every event that came through the subscription endpoint applies: unknown types too hold their place.
    expect(events.every((event) => evotorAdapter.appliesTo(event))).toBe(true);
  });
});
