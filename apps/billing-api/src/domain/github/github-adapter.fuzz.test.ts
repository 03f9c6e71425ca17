import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { everyFieldEveryExtreme, mutated, storedEvent } from "../../../test/support/fuzz.js";
import { purchasePayload } from "../../../test/support/github-deliveries.js";
import { propertyRuns } from "../../../test/support/lifecycles.js";
import { isStorableCount, isStorableInstant } from "../events/storable-values.js";
import { projectorOf } from "../marketplaces/fold-account.js";
import { githubAdapter } from "./github-adapter.js";
import { readPurchaseEvent } from "./purchase-event.js";

/** The adapter as a whole-history projector, as replay and history use it. */
const githubProjector = projectorOf(githubAdapter);

/** A hostile value as text, whatever it is (`String` throws on an object whose `toString` is not a function). */
const text = (value: unknown) => (typeof value === "string" ? value : (JSON.stringify(value) ?? "undefined"));

const NOW = new Date("2026-03-01T00:00:00Z");
const TEMPLATE = purchasePayload("changed", "2026-02-01T00:00:00+00:00", { accountId: 7 });
const ACTIONS = ["purchased", "changed", "pending_change", "pending_change_cancelled", "cancelled"] as const;

/** A stored delivery: a valid template with arbitrary JSON in some of its fields. */
const delivery = fc.tuple(fc.constantFrom(...ACTIONS), mutated(TEMPLATE)).map(([action, payload]) => ({
  action,
  payload,
}));

describe("GitHub purchase reading and folding, fuzzed", () => {
  it("reads every payload into facts the model can hold, or a reason; never throws", () => {
    fc.assert(
      fc.property(delivery, ({ action, payload }) => {
        const read = readPurchaseEvent(
          storedEvent("github", 1, {
            eventType: `marketplace_purchase.${action}`,
            dedupeKey: "d",
            accountId: "7",
            payload,
          }),
        );
        if (read.ok) {
          for (const facts of [read.value.purchase, read.value.previous]) {
            if (facts) {
              expect(facts.unitCount === null || isStorableCount(facts.unitCount)).toBe(true);
              expect(facts.planId.length).toBeLessThanOrEqual(255);
              for (const date of [facts.freeTrialEndsOn, facts.nextBillingDate]) {
                expect(date === null || isStorableInstant(date)).toBe(true);
              }
            }
          }
          expect(isStorableInstant(read.value.effectiveAt)).toBe(true);
        } else {
          expect(read.reason.length).toBeGreaterThan(0);
        }
      }),
      {
        numRuns: 500,
        // Plus every field of the template set to every extreme value, deterministically.
        examples: everyFieldEveryExtreme(TEMPLATE).map(
          (payload): [{ action: (typeof ACTIONS)[number]; payload: unknown }] => [
            { action: "changed", payload },
          ],
        ),
      },
    );
  });

  it("projects any mix of good and hostile events without throwing; each bad one is rejected, alone", () => {
    const valid = (action: (typeof ACTIONS)[number], day: number) =>
      purchasePayload(action, `2026-02-${String(day).padStart(2, "0")}T00:00:00+00:00`, { accountId: 7 });
    fc.assert(
      fc.property(fc.array(delivery, { maxLength: 8 }), fc.boolean(), (hostile, withValid) => {
        const payloads = [
          ...(withValid ? [valid("purchased", 1), valid("changed", 20)] : []),
          ...hostile.map((item) => item.payload),
        ];
        const events = payloads.map((payload, index) =>
          storedEvent("github", index + 1, {
            eventType: `marketplace_purchase.${text((payload as { action?: unknown }).action)}`,
            dedupeKey: `d${index}`,
            accountId: "7",
            payload,
          }),
        );
        const projection = githubProjector.project(events, NOW);

        const rejected = new Set(projection.rejected.map((item) => item.eventId));
        for (const event of events) {
          expect(rejected.has(event.id)).toBe(!readPurchaseEvent(event).ok);
        }
        // Valid events still give a subscription whatever hostile ones sit beside them.
        if (withValid) {
          expect(projection.subscriptions).toHaveLength(1);
        }
        // Bounded output: at most one subscription and two plans per event, each small beside its input.
        expect(projection.subscriptions.length).toBeLessThanOrEqual(1);
        expect(projection.plans.length).toBeLessThanOrEqual(2 * events.length);
        const inputSize = JSON.stringify(payloads).length;
        expect(JSON.stringify(projection).length).toBeLessThanOrEqual(4 * inputSize + 10_000);
      }),
      { numRuns: propertyRuns() },
    );
  });
});
