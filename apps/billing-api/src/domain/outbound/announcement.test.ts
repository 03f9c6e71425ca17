import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeEntitlement, type PlanTerms } from "../entitlements/entitlement.js";
import type { Subscription } from "../subscriptions/subscription.js";
import { type AnnouncedState, announce, announcedForm } from "./announcement.js";

const DAY = 86_400_000;
const START = Date.parse("2026-03-01T00:00:00Z");

const plans: PlanTerms[] = [
  {
    marketplace: "github",
    planId: "team",
    priceModel: "per_unit",
    mapping: { features: ["sso"], seatLimit: null },
  },
  { marketplace: "github", planId: "free", priceModel: "free", mapping: { features: [], seatLimit: 1 } },
];

/** One stored state of the account's subscription (null: none yet), as successive folds could leave it. */
const subscriptionState = fc.option(
  fc.record({
    planId: fc.constantFrom("team", "free"),
    units: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
    trialDays: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
    endsInDays: fc.option(fc.integer({ min: -5, max: 40 }), { nil: null }),
    pendingInDays: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
  }),
  { nil: null },
);

function toSubscriptions(
  state: fc.Arbitrary<unknown> extends never ? never : Record<string, number | string | null> | null,
): Subscription[] {
  if (state === null) {
    return [];
  }
  const day = (offset: number | null) => (offset === null ? null : new Date(START + Number(offset) * DAY));
  return [
    {
      marketplace: "github",
      accountId: "1",
      subscriptionId: "1",
      planId: String(state.planId),
      planName: String(state.planId),
      units: state.units as number | null,
      billingCycle: "monthly",
      startedAt: new Date(START),
      trialEndsAt: day(state.trialDays as number | null),
      currentPeriodEnd: new Date(START + 30 * DAY),
      lapsesAt: null,
      endsAt: day(state.endsInDays as number | null),
      pendingChange:
        state.pendingInDays === null
          ? null
          : {
              planId: "free",
              planName: "free",
              units: null,
              effectiveAt: day(state.pendingInDays as number) as Date,
            },
      billedBy: "marketplace",
      details: {},
      lastEventId: "1",
      updatedAt: new Date(START),
    },
  ];
}

function entitlementOf(subscriptions: Subscription[], now: Date) {
  return {
    ...computeEntitlement(subscriptions, plans, 0, now),
    source: {
      marketplace: "github" as const,
      accountId: "1",
      subscriptionIds: subscriptions.map((s) => s.subscriptionId),
    },
  };
}

/** Runs announcements over a history of (state, time step) like deliveries and sweeps would, keeping what was announced. */
function run(
  steps: Array<{ state: Record<string, number | string | null> | null; hours: number; checks: number }>,
) {
  let previous: AnnouncedState | null = null;
  let now = START;
  const log: Array<{ now: number; types: string[]; changed: boolean }> = [];
  for (const step of steps) {
    now += step.hours * 3_600_000;
    const subscriptions = toSubscriptions(step.state);
    // The same state checked several times (a delivery, then the sweep, on any replica) announces at most once.
    for (let check = 0; check < step.checks; check += 1) {
      const entitlement = entitlementOf(subscriptions, new Date(now));
      const result = announce({
        previous,
        entitlement,
        customer: null,
        subscriptions,
        now: new Date(now),
        trialWillEndDays: 3,
      });
      const before = previous?.entitlement ?? announcedForm(entitlementOf([], new Date(now)));
      const changed = JSON.stringify(before) !== JSON.stringify(result.state.entitlement);
      log.push({ now, types: result.events.map((event) => event.type), changed });
      previous = result.state;
      if (result.nextCheckAt) {
        expect(result.nextCheckAt.getTime()).toBeGreaterThan(now);
      }
    }
  }
  return log;
}

const history = fc.array(
  fc.record({
    state: subscriptionState,
    hours: fc.integer({ min: 0, max: 24 * 12 }),
    checks: fc.integer({ min: 1, max: 3 }),
  }),
  { minLength: 1, maxLength: 12 },
);

describe("announce", () => {
  it("announces entitlement.updated exactly when the announced entitlement changes, never twice for one state", () => {
    fc.assert(
      fc.property(history, (steps) => {
        for (const entry of run(steps)) {
          expect(entry.types.includes("entitlement.updated")).toBe(entry.changed);
          expect(entry.types.filter((type) => type === "entitlement.updated").length).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it("announces a trial's end at most once per trial end, and only inside the window", () => {
    fc.assert(
      fc.property(history, (steps) => {
        const log = run(steps);
        const notices = log.filter((entry) => entry.types.includes("trial.will_end"));
        const ends = new Set<number>();
        const previous: AnnouncedState | null = null;
        void previous;
        for (const step of steps) {
          if (step.state?.trialDays !== null && step.state !== null) {
            ends.add(Number(step.state.trialDays));
          }
        }
        expect(notices.length).toBeLessThanOrEqual(ends.size);
      }),
    );
  });

  it("asks to be checked again when the trial notice window opens and when the trial ends", () => {
    const subscriptions = toSubscriptions({
      planId: "team",
      units: 5,
      trialDays: 10,
      endsInDays: null,
      pendingInDays: null,
    });
    const now = new Date(START);
    const first = announce({
      previous: null,
      entitlement: entitlementOf(subscriptions, now),
      customer: null,
      subscriptions,
      now,
      trialWillEndDays: 3,
    });
    expect(first.events.map((event) => event.type)).toEqual(["entitlement.updated"]);
    expect(first.nextCheckAt?.toISOString()).toBe(new Date(START + 7 * DAY).toISOString());
    const inWindow = new Date(START + 7 * DAY);
    const second = announce({
      previous: first.state,
      entitlement: entitlementOf(subscriptions, inWindow),
      customer: null,
      subscriptions,
      now: inWindow,
      trialWillEndDays: 3,
    });
    expect(second.events.map((event) => event.type)).toEqual(["trial.will_end"]);
    expect(second.nextCheckAt?.toISOString()).toBe(new Date(START + 10 * DAY).toISOString());
    // Checked again (another delivery, the sweep on another replica): nothing more.
    const later = new Date(START + 8 * DAY);
    const third = announce({
      previous: second.state,
      entitlement: entitlementOf(subscriptions, later),
      customer: null,
      subscriptions,
      now: later,
      trialWillEndDays: 3,
    });
    expect(third.events).toEqual([]);
  });
});
