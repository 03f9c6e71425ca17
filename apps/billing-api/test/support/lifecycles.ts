import fc from "fast-check";
import type { InboundEvent, Marketplace } from "../../src/domain/events/inbound-event.js";
import { evotorAdapter } from "../../src/domain/evotor/evotor-adapter.js";
import { githubAdapter } from "../../src/domain/github/github-adapter.js";
import { projectorOf } from "../../src/domain/marketplaces/fold-account.js";
import type { Subscription } from "../../src/domain/subscriptions/subscription.js";
import { installationPayload, subscriptionPayload, USER_ID } from "./evotor-fixtures.js";
import { purchasePayload } from "./github-deliveries.js";

/**
 * Random but valid subscription lives, as the deliveries a marketplace sends (each with the time it was
 * received), for property tests of the folds: any arrival order, with duplicates, must reach the state the
 * in-order arrival gives.
 */

/**
 * Generated cases per property: PROPERTY_RUNS when set (a nightly-sized run), else `ciDefault` (10,000 unless a
 * property is too slow for that in CI).
 */
export function propertyRuns(ciDefault = 10_000): number {
  const configured = Number(process.env.PROPERTY_RUNS);
  return Number.isInteger(configured) && configured > 0 ? configured : ciDefault;
}

export interface Delivery {
  eventType: string;
  /** What the log dedupes on: a redelivery carries the same key. */
  dedupeKey: string;
  accountId: string;
  receivedAt: Date;
  payload: Record<string, unknown>;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const START = Date.parse("2026-01-01T00:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString();

type GithubStep =
  | { kind: "upgrade"; units: number; plan: number }
  | { kind: "announce"; units: number; plan: number }
  | { kind: "withdraw"; datedNow: boolean }
  | { kind: "takeEffect" }
  | { kind: "cancel"; trial: boolean }
  | { kind: "buyAgain"; trial: boolean };

const githubStep: fc.Arbitrary<GithubStep> = fc.oneof(
  fc.record({
    kind: fc.constant("upgrade" as const),
    units: fc.integer({ min: 1, max: 20 }),
    plan: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({
    kind: fc.constant("announce" as const),
    units: fc.integer({ min: 1, max: 20 }),
    plan: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({ kind: fc.constant("withdraw" as const), datedNow: fc.boolean() }),
  fc.record({ kind: fc.constant("takeEffect" as const) }),
  fc.record({ kind: fc.constant("cancel" as const), trial: fc.boolean() }),
  fc.record({ kind: fc.constant("buyAgain" as const), trial: fc.boolean() }),
);

/**
 * A GitHub account's life: a purchase, then upgrades, pending changes announced and withdrawn (the
 * withdrawal dated now or at the change's date: GitHub does not say which), changes taking effect at the
 * cycle's end, cancellations and purchases after them. Every delivery is received a few minutes after it is
 * sent, and no two take their place at the same instant (that would be the documented ambiguity).
 */
export const githubLifeWithModel: fc.Arbitrary<{ deliveries: Delivery[]; model: GithubModel }> = fc
  .record({
    trial: fc.boolean(),
    steps: fc.array(fc.tuple(githubStep, fc.integer({ min: 1, max: 9 })), { maxLength: 8 }),
    delays: fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 10, maxLength: 10 }),
  })
  .map(({ trial, steps, delays }) => {
    const deliveries: Delivery[] = [];
    let clock = START;
    let cycleEnd = START + 31 * DAY;
    let live = true;
    let plan = 1;
    let units = 5;
    let pending: { plan: number; units: number } | null = null;
    const send = (
      action: string,
      effective: number,
      facts: { plan: number; units: number; trial?: boolean },
    ) => {
      // Received a few minutes after it was sent (sent at the later of now and, for a change, its date).
      const sentAt = Math.max(
        clock,
        action === "pending_change" || action === "pending_change_cancelled" ? clock : effective,
      );
      const receivedAt = sentAt + (delays[deliveries.length % delays.length] ?? 1) * MINUTE;
      deliveries.push({
        eventType: `marketplace_purchase.${action}`,
        dedupeKey: `delivery-${deliveries.length + 1}`,
        accountId: "18404719",
        receivedAt: new Date(receivedAt),
        payload: purchasePayload(action, iso(effective), {
          planId: 430 + facts.plan,
          unitCount: facts.units,
          onFreeTrial: facts.trial ?? false,
          freeTrialEndsOn: facts.trial ? iso(effective + 14 * DAY) : null,
          nextBillingDate: facts.trial ? null : iso(cycleEnd),
        }),
      });
    };
    send("purchased", clock, { plan, units, trial });
    for (const [step, days] of steps) {
      clock += days * DAY + deliveries.length * MINUTE;
      while (cycleEnd <= clock) {
        cycleEnd += 31 * DAY;
      }
      if (!live) {
        if (step.kind === "buyAgain") {
          live = true;
          pending = null;
          send("purchased", clock, { plan, units, trial: step.trial });
        }
        continue;
      }
      switch (step.kind) {
        case "upgrade":
          plan = step.plan;
          units = step.units;
          pending = null;
          send("changed", clock, { plan, units });
          break;
        case "announce":
          pending = { plan: step.plan, units: step.units };
          send("pending_change", cycleEnd, pending);
          break;
        case "withdraw":
          if (pending) {
            send("pending_change_cancelled", step.datedNow ? clock : cycleEnd, { plan, units });
            pending = null;
          }
          break;
        case "takeEffect":
          if (pending) {
            clock = cycleEnd;
            ({ plan, units } = pending);
            pending = null;
            send("changed", clock, { plan, units });
            cycleEnd += 31 * DAY;
          }
          break;
        case "cancel":
          pending = null;
          live = false;
          send("cancelled", step.trial ? clock : cycleEnd, { plan, units: 0, trial: step.trial });
          if (!step.trial) {
            clock = cycleEnd;
            cycleEnd += 31 * DAY;
          }
          break;
        case "buyAgain":
          break;
      }
    }
    return {
      deliveries,
      model: live
        ? {
            live,
            planId: String(430 + plan),
            units,
            pendingPlanId: pending ? String(430 + pending.plan) : null,
          }
        : { live, planId: null, units: null, pendingPlanId: null },
    };
  });

/** What the life above ends in, tracked while it was generated: the model the fold must agree with. */
export interface GithubModel {
  live: boolean;
  planId: string | null;
  units: number | null;
  pendingPlanId: string | null;
}

export const githubLife: fc.Arbitrary<Delivery[]> = githubLifeWithModel.map(({ deliveries }) => deliveries);

type EvotorStep =
  | "SubscriptionActivated"
  | "SubscriptionRenewed"
  | "SubscriptionTermsChanged"
  | "SubscriptionTerminationRequested"
  | "SubscriptionTerminated"
  | "AddonsUpdated";

const evotorSteps = fc.array(
  fc.tuple(
    fc.constantFrom<EvotorStep>(
      "SubscriptionActivated",
      "SubscriptionRenewed",
      "SubscriptionTermsChanged",
      "SubscriptionTerminationRequested",
      "SubscriptionTerminated",
      "AddonsUpdated",
    ),
    fc.integer({ min: 1, max: 40 }),
    fc.constantFrom("basic", "pro"),
    fc.integer({ min: 1, max: 9 }),
  ),
  { maxLength: 7 },
);

/**
 * An Evotor user's life: one or two subscriptions, each a Created then random lifecycle events in
 * `sequenceNumber` order (a termination may be followed by a renewal, which brings it back), and a few
 * installation events.
 */
export const evotorLifeWithModel: fc.Arbitrary<{ deliveries: Delivery[]; model: EvotorModel[] }> = fc
  .record({
    subscriptions: fc.array(fc.tuple(fc.boolean(), evotorSteps), { minLength: 1, maxLength: 2 }),
    installs: fc.array(fc.tuple(fc.integer({ min: 0, max: 90 }), fc.boolean()), { maxLength: 3 }),
  })
  .map(({ subscriptions, installs }) => {
    const deliveries: Delivery[] = [];
    const model: EvotorModel[] = [];
    for (const [index, [trial, steps]] of subscriptions.entries()) {
      const subscriptionId = `00000000-0000-4000-8000-00000000000${index + 1}`;
      const life = { subscriptionId, planId: "basic", units: 2, terminated: false, leaving: false };
      let at = START + index * 3 * DAY;
      let sequence = 1;
      const push = (type: string, extra: Record<string, unknown>) => {
        deliveries.push({
          eventType: type,
          dedupeKey: `subscription:${USER_ID}:${subscriptionId}:${sequence}`,
          accountId: USER_ID,
          receivedAt: new Date(at + MINUTE),
          payload: subscriptionPayload(type, sequence, iso(at), extra, subscriptionId),
        });
        sequence += 1;
      };
      push("SubscriptionCreated", {
        planId: "basic",
        deviceNumber: 2,
        trialPeriodDuration: trial ? "P14DT" : "P0DT",
      });
      for (const [type, days, planId, devices] of steps) {
        at += days * DAY;
        // Evotor's lifecycle: a renewal (or activation) brings a terminated subscription back and resumes one
        // whose removal was requested; a change of terms only counts while it has not been terminated.
        if (type === "SubscriptionActivated" || type === "SubscriptionRenewed") {
          life.terminated = false;
          life.leaving = false;
        } else if (type === "SubscriptionTermsChanged" && !life.terminated) {
          life.planId = planId;
          life.units = devices;
        } else if (type === "SubscriptionTerminationRequested" && !life.terminated) {
          life.leaving = true;
        } else if (type === "SubscriptionTerminated") {
          life.terminated = true;
        }
        push(
          type,
          type === "SubscriptionActivated" || type === "SubscriptionRenewed"
            ? { nextBillingDate: iso(at + 30 * DAY) }
            : type === "SubscriptionTermsChanged"
              ? { planId, deviceNumber: devices }
              : type === "AddonsUpdated"
                ? { addons: [{ id: `addon-${devices}`, quantity: devices }] }
                : {},
        );
      }
      model.push({
        subscriptionId,
        planId: life.planId,
        units: life.units,
        ending: life.terminated || life.leaving,
      });
    }
    for (const [index, [day, installed]] of installs.entries()) {
      const id = `10000000-0000-4000-8000-00000000000${index}`;
      const at = START + day * DAY;
      deliveries.push({
        eventType: installed ? "ApplicationInstalled" : "ApplicationUninstalled",
        dedupeKey: `installation:${USER_ID}:${id}`,
        accountId: USER_ID,
        receivedAt: new Date(at + MINUTE),
        payload: installationPayload(id, installed ? "ApplicationInstalled" : "ApplicationUninstalled", at),
      });
    }
    return { deliveries: deliveries.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime()), model };
  });

/** Where one subscription of the life above ends up. */
export interface EvotorModel {
  subscriptionId: string;
  planId: string;
  units: number;
  /** Terminated, or its removal requested: access has an end. */
  ending: boolean;
}

export const evotorLife: fc.Arbitrary<Delivery[]> = evotorLifeWithModel.map(({ deliveries }) => deliveries);

/**
 * The same deliveries arriving in another order, each sent 1–5 times (a redelivery arrives anywhere after
 * the first copy; it is the same delivery, so it keeps the time the log first received it).
 */
export function arrivalsOf(life: fc.Arbitrary<Delivery[]>) {
  return life.chain((deliveries) =>
    fc
      .tuple(
        fc.constant(deliveries),
        fc.array(fc.integer({ min: 1, max: 5 }), {
          minLength: deliveries.length,
          maxLength: deliveries.length,
        }),
      )
      .chain(([inOrder, copies]) =>
        fc.tuple(
          fc.constant(inOrder),
          fc.shuffledSubarray(
            inOrder.flatMap((delivery, index) => Array.from({ length: copies[index] ?? 1 }, () => delivery)),
            { minLength: copies.reduce((sum, count) => sum + count, 0) },
          ),
        ),
      ),
  );
}

/** The event log after these arrivals: duplicates refused on their dedupe key, ids in arrival order. */
export function logOf(marketplace: Marketplace, arrivals: readonly Delivery[]): InboundEvent[] {
  const events: InboundEvent[] = [];
  const stored = new Set<string>();
  for (const delivery of arrivals) {
    if (stored.has(delivery.dedupeKey)) {
      continue;
    }
    stored.add(delivery.dedupeKey);
    events.push({
      id: String(events.length + 1),
      marketplace,
      source: "webhook",
      eventType: delivery.eventType,
      dedupeKey: delivery.dedupeKey,
      accountId: delivery.accountId,
      headers: {},
      rawBody: new Uint8Array(),
      payload: delivery.payload,
      receivedAt: delivery.receivedAt,
      status: "applied",
      appliedAt: delivery.receivedAt,
      applyError: null,
      applyAttempts: 0,
      nextAttemptAt: null,
    });
  }
  return events;
}

const PROJECTORS = { github: projectorOf(githubAdapter), evotor: projectorOf(evotorAdapter) };

/** The account's subscriptions folded from the whole log, without what names log positions. */
export function foldedFromLog(marketplace: Marketplace, events: readonly InboundEvent[], now: Date) {
  const projector = PROJECTORS[marketplace as keyof typeof PROJECTORS];
  return projector.project(events, now).subscriptions.map(withoutLogPositions);
}

function withoutLogPositions({ lastEventId: _lastEventId, ...rest }: Subscription) {
  return rest;
}
