import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  FULL_LIFE,
  installationPayload,
  parse,
  SUBSCRIPTION_ID,
  subscriptionPayload,
  USER_ID,
} from "../../../test/support/evotor-fixtures.js";
import { everyFieldEveryExtreme, mutated, storedEvent } from "../../../test/support/fuzz.js";
import { propertyRuns } from "../../../test/support/lifecycles.js";
import { isStorableCount, isStorableInstant } from "../events/storable-values.js";
import { projectorOf } from "../marketplaces/fold-account.js";
import { evotorAdapter } from "./evotor-adapter.js";
import type { EvotorSubscriptionEvent } from "./evotor-events.js";
import { parseInstallationEvent, parseSubscriptionEvent } from "./evotor-events.js";
import { foldSubscription, type LoggedEvotorEvent, MISSING_LISTED } from "./evotor-subscription-fold.js";

/** The adapter as a whole-history projector, as replay and history use it. */
const evotorProjector = projectorOf(evotorAdapter);

const NOW = new Date("2026-03-01T00:00:00Z");

/** One template per event type, with every field Evotor may send. */
const TEMPLATES = [
  subscriptionPayload("SubscriptionCreated", 1, "2026-01-01T10:00:00.000Z", {
    planId: "basic",
    trialPeriodDuration: "P14DT",
    deviceNumber: 2,
  }),
  subscriptionPayload("SubscriptionRenewed", 2, "2026-01-15T10:00:00.000Z", {
    nextBillingDate: "2026-02-15T10:00:00.000Z",
    chargedSum: { amount: 100, currency: "RUB" },
  }),
  subscriptionPayload("SubscriptionTermsChanged", 3, "2026-01-20T10:00:00.000Z", {
    planId: "pro",
    deviceNumber: 5,
    nextBillingDate: "2026-02-20T10:00:00.000Z",
  }),
  subscriptionPayload("AddonsUpdated", 4, "2026-01-21T10:00:00.000Z", { addons: [{ id: "a", quantity: 1 }] }),
  subscriptionPayload("SubscriptionTerminated", 5, "2026-01-22T10:00:00.000Z"),
];
const INSTALLATION = installationPayload("i-1", "ApplicationInstalled", Date.parse("2026-01-01T10:00:01Z"));

const hostileSubscriptionEvent = fc.constantFrom(...TEMPLATES).chain((template) => mutated(template));

/** A hostile value as text, whatever it is (`String` throws on an object whose `toString` is not a function). */
const text = (value: unknown) => (typeof value === "string" ? value : (JSON.stringify(value) ?? "undefined"));

function stored(payload: unknown, index: number) {
  const body = (typeof payload === "object" && payload !== null ? payload : {}) as Record<string, unknown>;
  return storedEvent("evotor", index + 1, {
    eventType: text(body.type),
    // The key the HTTP layer would give it; hostile values make odd keys, as an older version could have.
    dedupeKey: `subscription:${text(body.subscriptionId)}:${text(body.sequenceNumber)}:${index}`,
    accountId: USER_ID,
    payload,
  });
}

/** The gaps the fold reports for one subscription whose events carry `sorted` sequence numbers. */
function missingSequences(sorted: readonly number[]): { listed: number[]; count: number } {
  const events = sorted.map(
    (sequence, index): LoggedEvotorEvent<EvotorSubscriptionEvent> => ({
      logId: String(index + 1),
      event: parse(
        subscriptionPayload("SubscriptionTerminationRequested", sequence, "2026-01-15T10:00:00.000Z"),
      ) as EvotorSubscriptionEvent,
    }),
  );
  const state = foldSubscription(events);
  return { listed: state?.missingSequenceNumbers ?? [], count: state?.missingSequenceCount ?? 0 };
}

describe("Evotor event parsing and folding, fuzzed", () => {
  it("parses any JSON in any field to an event the model can hold, or Evotor's 2002/2003; never throws", () => {
    const sweep = TEMPLATES.flatMap((template) => everyFieldEveryExtreme(template));
    fc.assert(
      fc.property(fc.oneof(hostileSubscriptionEvent, fc.constantFrom(...sweep)), (payload) => {
        const parsed = parseSubscriptionEvent(payload);
        if (parsed.ok) {
          const event = parsed.value;
          expect(Number.isSafeInteger(event.sequenceNumber)).toBe(true);
          expect(event.subscriptionId.length).toBeLessThanOrEqual(255);
          expect(event.deviceNumber == null || isStorableCount(event.deviceNumber)).toBe(true);
          expect(isStorableInstant(event.timestamp)).toBe(true);
          expect(event.nextBillingDate == null || isStorableInstant(event.nextBillingDate)).toBe(true);
        } else {
          expect([2002, 2003]).toContain(parsed.error.code);
        }
      }),
      { numRuns: 500, examples: sweep.map((payload) => [payload]) },
    );
    fc.assert(
      fc.property(mutated(INSTALLATION), (payload) => {
        const parsed = parseInstallationEvent(payload);
        expect(parsed.ok || [2002, 2003].includes(parsed.error.code)).toBe(true);
        if (parsed.ok) {
          expect(isStorableInstant(parsed.value.timestamp)).toBe(true);
        }
      }),
      { numRuns: 300, examples: everyFieldEveryExtreme(INSTALLATION).map((payload) => [payload]) },
    );
  });

  it("projects any mix of valid and hostile stored events without throwing; the valid ones still count", () => {
    fc.assert(
      fc.property(
        fc.array(hostileSubscriptionEvent, { maxLength: 8 }),
        fc.boolean(),
        (hostile, withValid) => {
          const payloads = [...(withValid ? [FULL_LIFE.created, FULL_LIFE.activated] : []), ...hostile];
          const events = payloads.map(stored);
          const projection = evotorProjector.project(events, NOW);

          const rejected = new Set(projection.rejected.map((item) => item.eventId));
          for (const [index, payload] of payloads.entries()) {
            expect(rejected.has(String(index + 1))).toBe(!parseSubscriptionEvent(payload).ok);
          }
          if (withValid) {
            const subscription = projection.subscriptions.find(
              (item) => item.subscriptionId === SUBSCRIPTION_ID,
            );
            expect(subscription?.startedAt).not.toBeNull();
          }
          // Bounded by the events, not by the numbers inside them: at most one subscription per event, and
          // details of a bounded size beside the input.
          expect(projection.subscriptions.length).toBeLessThanOrEqual(events.length);
          for (const subscription of projection.subscriptions) {
            const missing = subscription.details.missingSequenceNumbers as number[] | undefined;
            expect(missing?.length ?? 0).toBeLessThanOrEqual(MISSING_LISTED);
          }
          expect(JSON.stringify(projection).length).toBeLessThanOrEqual(
            4 * JSON.stringify(payloads).length + 10_000,
          );
        },
      ),
      { numRuns: propertyRuns() },
    );
  });

  it("counts gaps arithmetically: any sequence numbers up to 2^53, a short list, the exact count", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), { maxLength: 20 }),
        (numbers) => {
          const sorted = [...numbers].sort((a, b) => a - b);
          const gaps = missingSequences(sorted);
          const highest = sorted.at(-1) ?? 0;
          expect(gaps.count).toBe(Math.max(highest - sorted.length, 0));
          expect(gaps.listed.length).toBeLessThanOrEqual(MISSING_LISTED);
          for (const listed of gaps.listed) {
            expect(sorted.includes(listed)).toBe(false);
          }
        },
      ),
    );
    // Against brute force on small numbers.
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 30 }), (numbers) => {
        const sorted = [...numbers].sort((a, b) => a - b);
        const highest = sorted.at(-1) ?? 0;
        const brute = Array.from({ length: Math.max(highest - 1, 0) }, (_, index) => index + 1).filter(
          (sequence) => !sorted.includes(sequence),
        );
        expect(missingSequences(sorted)).toEqual({
          listed: brute.slice(0, MISSING_LISTED),
          count: brute.length,
        });
      }),
    );
  });
});
