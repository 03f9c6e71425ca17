import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FULL_LIFE_IN_ORDER, subscriptionPayload, USER_ID } from "../../../test/support/evotor-fixtures.js";
import { storedEvent } from "../../../test/support/fuzz.js";
import type { InboundEvent } from "../events/inbound-event.js";
import { evotorAdapter } from "../evotor/evotor-adapter.js";
import { projectorOf } from "../marketplaces/fold-account.js";
import type { AccountProjector } from "../subscriptions/account-projector.js";
import type { Subscription } from "../subscriptions/subscription.js";
import { explainHistory } from "./explain-history.js";

/** A projector where every folded event counts: one more unit per event, the plan of the latest. */
const countingProjector: AccountProjector = {
  project: (events) => ({
    subscriptions:
      events.length === 0
        ? []
        : [
            {
              subscriptionId: "s",
              units: events.length,
              planId: String(
                (events.at(-1)?.payload as Record<string, unknown> | undefined)?.planId ?? "none",
              ),
            } as Subscription,
          ],
    plans: [],
    rejected: [],
  }),
};

const NOW = new Date("2026-03-01T00:00:00Z");

function logged(payload: Record<string, unknown>, conflictsWith: string | null = null): InboundEvent {
  return {
    id: "0",
    marketplace: "evotor",
    source: "webhook",
    eventType: String(payload.type),
    dedupeKey: "key",
    accountId: USER_ID,
    headers: {},
    rawBody: new TextEncoder().encode(JSON.stringify(payload)),
    payload,
    receivedAt: NOW,
    status: conflictsWith === null ? "applied" : "conflict",
    appliedAt: null,
    applyError: null,
    applyAttempts: 0,
    nextAttemptAt: null,
    conflictsWith,
  };
}

/** A forged redelivery of `payload`: same key, a body that would grant more if it were folded. */
function forged(payload: Record<string, unknown>): InboundEvent {
  return logged({ ...payload, planId: "enterprise", deviceNumber: 500 }, "1");
}

describe("explainHistory with conflicting deliveries", () => {
  it("lists every conflict where it arrived, with no change, and explains the rest exactly as without them", () => {
    const genuine = FULL_LIFE_IN_ORDER.map((payload) => logged(payload));
    const withoutConflicts = explainHistory(genuine, countingProjector, NOW).map((entry) => entry.changes);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(genuine.length), fc.constantFrom(...FULL_LIFE_IN_ORDER)), { maxLength: 6 }),
        (insertions) => {
          const events = [...genuine];
          for (const [position, payload] of insertions) {
            events.splice(Math.min(position, events.length), 0, forged(payload));
          }
          const entries = explainHistory(events, countingProjector, NOW);
          expect(entries).toHaveLength(events.length);
          const conflicts = entries.filter((entry) => entry.event.status === "conflict");
          expect(conflicts).toHaveLength(insertions.length);
          expect(conflicts.every((entry) => entry.changes.length === 0)).toBe(true);
          expect(
            entries.filter((entry) => entry.event.status !== "conflict").map((entry) => entry.changes),
          ).toEqual(withoutConflicts);
        },
      ),
      { numRuns: 50 },
    );
  });
});

const LATER = new Date("2026-04-01T00:00:00Z");

describe("explainHistory of a terminated Evotor subscription", () => {
  it("shows an Evotor subscription ending at its termination and coming back at its renewal", () => {
    const payloads = [
      subscriptionPayload("SubscriptionCreated", 1, "2026-01-01T00:00:00Z", {
        planId: "basic",
        deviceNumber: 2,
      }),
      subscriptionPayload("SubscriptionActivated", 2, "2026-01-01T01:00:00Z", {
        nextBillingDate: "2026-02-01T00:00:00Z",
      }),
      subscriptionPayload("SubscriptionTerminated", 3, "2026-02-06T00:00:00Z"),
      subscriptionPayload("SubscriptionRenewed", 4, "2026-02-08T00:00:00Z", {
        nextBillingDate: "2026-03-08T00:00:00Z",
      }),
    ];
    const events = payloads.map((payload, index) =>
      storedEvent("evotor", index + 1, {
        eventType: String(payload.type),
        dedupeKey: `subscription:${String(payload.subscriptionId)}:${index + 1}`,
        accountId: USER_ID,
        payload,
      }),
    );
    const [, , terminated, renewed] = explainHistory(events, projectorOf(evotorAdapter), LATER);
    expect(terminated?.changes).toContainEqual({
      field: "endsAt",
      from: null,
      to: "2026-02-06T00:00:00.000Z",
    });
    expect(renewed?.changes).toEqual(
      expect.arrayContaining([
        { field: "endsAt", from: "2026-02-06T00:00:00.000Z", to: null },
        { field: "currentPeriodEnd", from: "2026-02-01T00:00:00.000Z", to: "2026-03-08T00:00:00.000Z" },
      ]),
    );
  });
});
