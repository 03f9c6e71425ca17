import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { installationPayload, subscriptionPayload } from "../../../test/support/evotor-fixtures.js";
import { purchasePayload } from "../../../test/support/github-deliveries.js";
import {
  arrivalsOf,
  evotorLife,
  githubLife,
  type Delivery as LifeDelivery,
  propertyRuns,
} from "../../../test/support/lifecycles.js";
import { evotorAdapter } from "../evotor/evotor-adapter.js";
import { githubAdapter } from "../github/github-adapter.js";
import { projectorOf } from "../marketplaces/fold-account.js";
import type { FoldCheckpoint } from "../marketplaces/fold-checkpoint.js";
import type { MarketplaceAdapter } from "../marketplaces/marketplace-adapter.js";
import { ObservedPlans } from "../plans/observed-plans.js";
import type { Subscription } from "../subscriptions/subscription.js";
import { ManualClock } from "../time/clock.js";
import { EventProcessor, retryDelayMs } from "./event-processor.js";
import type { AccountBatch, EventQueue } from "./event-queue.js";
import type { InboundEvent, Marketplace } from "./inbound-event.js";

const NOW = "2026-06-01T00:00:00.000Z";

/** The queue, log, checkpoints and subscriptions in memory; checkpoints go through JSON as in the database. */
class MemoryQueue implements EventQueue {
  readonly events: InboundEvent[] = [];
  readonly subscriptions = new Map<string, Subscription>();
  private readonly checkpoints = new Map<string, string>();
  /** How many times a batch asked for the whole history (a re-fold from the start). */
  fullFolds = 0;

  add(
    marketplace: Marketplace,
    eventType: string,
    dedupeKey: string,
    accountId: string,
    payload: unknown,
    receivedAt = new Date("2026-01-01T00:00:00Z"),
  ) {
    const event: InboundEvent = {
      id: String(this.events.length + 1),
      marketplace,
      source: "webhook",
      eventType,
      dedupeKey,
      accountId,
      headers: {},
      rawBody: new Uint8Array(),
      payload,
      receivedAt,
      status: "received",
      appliedAt: null,
      applyError: null,
      applyAttempts: 0,
      nextAttemptAt: null,
    };
    this.events.push(event);
    return event;
  }

  async markFailed(id: string, error: string, nextAttemptAt: Date) {
    const event = this.events.find((candidate) => candidate.id === id);
    Object.assign(event ?? {}, {
      status: "failed",
      applyError: error,
      nextAttemptAt,
      applyAttempts: (event?.applyAttempts ?? 0) + 1,
    });
  }

  async markDead(id: string, error: string) {
    const event = this.events.find((candidate) => candidate.id === id);
    Object.assign(event ?? {}, {
      status: "dead",
      applyError: error,
      nextAttemptAt: null,
      applyAttempts: (event?.applyAttempts ?? 0) + 1,
    });
  }

  reviveDead(now: Date) {
    for (const event of this.events.filter((candidate) => candidate.status === "dead")) {
      Object.assign(event, { status: "failed", applyAttempts: 0, nextAttemptAt: now });
    }
  }

  async withNextDueAccount<T>(now: Date, work: (batch: AccountBatch) => Promise<T>) {
    const head = this.events.find((event) => due(event, now));
    if (!head || head.accountId === null) {
      return null;
    }
    return { value: await this.withAccount(head.marketplace, head.accountId, now, work) };
  }

  async withAccount<T>(
    marketplace: Marketplace,
    accountId: string,
    now: Date,
    work: (batch: AccountBatch) => Promise<T>,
  ): Promise<T> {
    const mine = (event: InboundEvent) => event.marketplace === marketplace && event.accountId === accountId;
    const claimed = this.events.filter((event) => mine(event) && due(event, now));
    const key = `${marketplace}:${accountId}`;
    const mark = (ids: readonly string[], status: "applied" | "ignored") => {
      for (const event of this.events) {
        if (ids.includes(event.id)) {
          event.status = status;
        }
      }
    };
    return work({
      marketplace,
      accountId,
      claimed,
      checkpoint: async () => {
        const stored = this.checkpoints.get(key);
        return stored === undefined ? null : (JSON.parse(stored) as FoldCheckpoint);
      },
      appliedAndClaimed: async () => {
        this.fullFolds += 1;
        return this.events.filter(
          (event) => mine(event) && (event.status === "applied" || claimed.includes(event)),
        );
      },
      saveSubscriptions: async (subscriptions) => {
        for (const subscription of subscriptions) {
          this.subscriptions.set(`${marketplace}:${subscription.subscriptionId}`, subscription);
        }
      },
      saveCheckpoint: async (checkpoint) => {
        this.checkpoints.set(key, JSON.stringify(checkpoint));
      },
      markApplied: async (ids) => mark(ids, "applied"),
      markIgnored: async (ids) => mark(ids, "ignored"),
      markFailed: (id, error, nextAttemptAt) => this.markFailed(id, error, nextAttemptAt),
      markDead: (id, error) => this.markDead(id, error),
    });
  }
}

function due(event: InboundEvent, now: Date): boolean {
  return (
    (event.status === "received" || event.status === "failed") &&
    (event.nextAttemptAt === null || event.nextAttemptAt <= now)
  );
}

function processorOn(
  queue: MemoryQueue,
  adapter: MarketplaceAdapter,
  clock = new ManualClock(NOW),
  maxAttempts?: number,
) {
  return new EventProcessor({
    log: queue,
    queue,
    adapters: { [adapter.marketplace]: adapter },
    plans: new ObservedPlans({ recordSeen: async () => {} }),
    clock,
    ...(maxAttempts === undefined ? {} : { maxAttempts }),
  });
}

/** A stored delivery before it has a log position (the position is its arrival). */
interface Delivery {
  eventType: string;
  dedupeKey: string;
  accountId: string;
  payload: Record<string, unknown>;
}

const day = (n: number) => `2026-01-${String(n).padStart(2, "0")}T00:00:00.000Z`;

const githubDelivery = fc
  .record({
    action: fc.constantFrom(
      "purchased",
      "changed",
      "pending_change",
      "pending_change_cancelled",
      "cancelled",
    ),
    effectiveDay: fc.integer({ min: 1, max: 12 }),
    planId: fc.integer({ min: 1, max: 3 }),
    unitCount: fc.integer({ min: 1, max: 4 }),
    onFreeTrial: fc.boolean(),
    priceModel: fc.constantFrom("PER_UNIT", "FLAT_RATE", "FREE"),
  })
  .map(
    (fields): Omit<Delivery, "dedupeKey"> => ({
      eventType: `marketplace_purchase.${fields.action}`,
      accountId: "18404719",
      payload: purchasePayload(fields.action, day(fields.effectiveDay), {
        planId: fields.planId,
        unitCount: fields.unitCount,
        onFreeTrial: fields.onFreeTrial,
        priceModel: fields.priceModel,
        freeTrialEndsOn: fields.onFreeTrial ? day(fields.effectiveDay + 14) : null,
      }),
    }),
  );

const EVOTOR_TYPES = [
  "SubscriptionCreated",
  "SubscriptionActivated",
  "SubscriptionRenewed",
  "SubscriptionTermsChanged",
  "SubscriptionTerminationRequested",
  "SubscriptionTerminated",
  "AddonsUpdated",
  "SubscriptionPaused",
] as const;

/** Two subscriptions of one user, each a set of sequence numbers (gaps allowed), and installation events. */
const evotorHistory = fc
  .record({
    first: fc.uniqueArray(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 6 }),
    second: fc.uniqueArray(fc.integer({ min: 1, max: 8 }), { maxLength: 4 }),
    types: fc.array(fc.constantFrom(...EVOTOR_TYPES), { minLength: 10, maxLength: 10 }),
    plans: fc.array(fc.constantFrom("basic", "pro"), { minLength: 10, maxLength: 10 }),
    installs: fc.array(fc.record({ day: fc.integer({ min: 1, max: 20 }), installed: fc.boolean() }), {
      maxLength: 3,
    }),
  })
  .map(({ first, second, types, plans, installs }) => {
    const deliveries: Delivery[] = [];
    for (const [subscriptionId, sequences] of [
      ["s-1", first],
      ["s-2", second],
    ] as const) {
      for (const [index, sequence] of sequences.entries()) {
        const type = sequence === 1 ? "SubscriptionCreated" : (types[index] ?? "SubscriptionRenewed");
        const extra =
          type === "SubscriptionCreated"
            ? { planId: plans[index], deviceNumber: index + 1, trialPeriodDuration: "P7DT" }
            : type === "SubscriptionTermsChanged"
              ? { planId: plans[index], deviceNumber: sequence }
              : type === "SubscriptionActivated" || type === "SubscriptionRenewed"
                ? { nextBillingDate: day(sequence * 2 + 1) }
                : type === "AddonsUpdated"
                  ? { addons: [{ id: `addon-${sequence}`, quantity: 1 }] }
                  : {};
        deliveries.push({
          eventType: type,
          dedupeKey: `subscription:${subscriptionId}:${sequence}`,
          accountId: "01-000000000000001",
          payload: subscriptionPayload(type, sequence, day(sequence * 2), extra, subscriptionId),
        });
      }
    }
    for (const [index, install] of installs.entries()) {
      const id = `00000000-0000-4000-8000-00000000000${index}`;
      const type = install.installed ? "ApplicationInstalled" : "ApplicationUninstalled";
      deliveries.push({
        eventType: type,
        dedupeKey: `installation:${id}`,
        accountId: "01-000000000000001",
        payload: installationPayload(id, type, Date.parse(day(install.day))),
      });
    }
    return deliveries;
  });

/** A history, the order it arrives in, and how arrivals group between two passes of the workers. */
function arrivals(history: fc.Arbitrary<Delivery[]>) {
  return history.chain((deliveries) =>
    fc.record({
      deliveries: fc.shuffledSubarray(deliveries, {
        minLength: deliveries.length,
        maxLength: deliveries.length,
      }),
      groups: fc.array(fc.integer({ min: 1, max: 3 }), {
        minLength: deliveries.length,
        maxLength: deliveries.length,
      }),
    }),
  );
}

/** Delivers in arrival order, running the workers after each group; returns the state they leave. */
async function deliverIncrementally(
  adapter: MarketplaceAdapter,
  { deliveries, groups }: { deliveries: Delivery[]; groups: number[] },
) {
  const queue = new MemoryQueue();
  const processor = processorOn(queue, adapter);
  let next = 0;
  for (const size of groups) {
    for (const delivery of deliveries.slice(next, next + size)) {
      queue.add(
        adapter.marketplace,
        delivery.eventType,
        delivery.dedupeKey,
        delivery.accountId,
        delivery.payload,
      );
    }
    next += size;
    await processor.processDue();
    if (next >= deliveries.length) {
      break;
    }
  }
  return queue;
}

/**
 * A valid life (test/support/lifecycles.ts) arriving in any order with 1-5 copies of each delivery, the log
 * refusing the copies on their dedupe key as it does, and the workers running after each group of arrivals.
 */
async function deliverLife(adapter: MarketplaceAdapter, arrivals: LifeDelivery[], groups: number[]) {
  const queue = new MemoryQueue();
  const processor = processorOn(queue, adapter);
  const stored = new Set<string>();
  let next = 0;
  for (const size of groups) {
    for (const delivery of arrivals.slice(next, next + size)) {
      if (stored.has(delivery.dedupeKey)) {
        continue;
      }
      stored.add(delivery.dedupeKey);
      queue.add(
        adapter.marketplace,
        delivery.eventType,
        delivery.dedupeKey,
        delivery.accountId,
        delivery.payload,
        delivery.receivedAt,
      );
    }
    next += size;
    await processor.processDue();
    if (next >= arrivals.length) {
      break;
    }
  }
  return queue;
}

describe("EventProcessor with fold checkpoints", () => {
  for (const [adapter, life] of [
    [githubAdapter, githubLife],
    [evotorAdapter, evotorLife],
  ] as const) {
    it(`${adapter.marketplace}: checkpointed and full folds agree for any valid life, arrival order, copies and batching`, async () => {
      const lives = arrivalsOf(life).chain(([, arrivals]) =>
        fc.tuple(
          fc.constant(arrivals),
          fc.array(fc.integer({ min: 1, max: 3 }), {
            minLength: arrivals.length,
            maxLength: arrivals.length,
          }),
        ),
      );
      await fc.assert(
        fc.asyncProperty(lives, async ([arrivals, groups]) => {
          const queue = await deliverLife(adapter as MarketplaceAdapter, arrivals, groups);
          const expected = projectorOf(adapter as MarketplaceAdapter).project(queue.events, new Date(NOW));
          const actual = [...queue.subscriptions.values()].sort((a, b) =>
            a.subscriptionId < b.subscriptionId ? -1 : 1,
          );
          expect(actual).toEqual(expected.subscriptions);
          expect(queue.events.every((event) => event.status === "applied")).toBe(true);
        }),
        { numRuns: propertyRuns() },
      );
    });
  }

  for (const [adapter, history] of [
    [
      githubAdapter,
      fc
        .array(githubDelivery, { minLength: 1, maxLength: 8 })
        .map((list) => list.map((delivery, index) => ({ ...delivery, dedupeKey: `delivery-${index}` }))),
    ],
    [evotorAdapter, evotorHistory],
  ] as const) {
    it(`${adapter.marketplace}: folding from checkpoints equals a full re-fold, for any history and arrival order`, async () => {
      await fc.assert(
        fc.asyncProperty(arrivals(history as fc.Arbitrary<Delivery[]>), async (arrival) => {
          const queue = await deliverIncrementally(adapter as MarketplaceAdapter, arrival);
          const expected = projectorOf(adapter as MarketplaceAdapter).project(queue.events, new Date(NOW));
          const actual = [...queue.subscriptions.values()].sort((a, b) =>
            a.subscriptionId < b.subscriptionId ? -1 : 1,
          );
          expect(actual).toEqual(expected.subscriptions);
          expect(queue.events.every((event) => event.status === "applied")).toBe(true);
        }),
        { numRuns: 300 },
      );
    });
  }

  it("folds a delivery that sorts after the checkpoint without reading the history", async () => {
    const queue = new MemoryQueue();
    const processor = processorOn(queue, githubAdapter);
    for (let index = 1; index <= 40; index += 1) {
      const action = index === 1 ? "purchased" : "changed";
      queue.add("github", `marketplace_purchase.${action}`, `d-${index}`, "1", {
        ...purchasePayload(action, new Date(Date.UTC(2026, 0, 1, index)).toISOString(), { accountId: 1 }),
      });
      await processor.processDue();
    }
    expect(queue.fullFolds).toBe(1); // only the first delivery, which had no checkpoint

    // A late delivery (it takes effect before the last one folded) re-folds from the start.
    queue.add("github", "marketplace_purchase.changed", "late", "1", {
      ...purchasePayload("changed", "2026-01-01T05:30:00.000Z", { accountId: 1, unitCount: 9 }),
    });
    await processor.processDue();
    expect(queue.fullFolds).toBe(2);
  });

  it("keeps a failing batch in the log and retries it once it is due", async () => {
    const queue = new MemoryQueue();
    const clock = new ManualClock(NOW);
    let failuresLeft = 2;
    const flaky: MarketplaceAdapter = {
      ...githubAdapter,
      fold: {
        ...githubAdapter.fold,
        step: (state, event) => {
          if (failuresLeft > 0) {
            failuresLeft -= 1;
            throw new Error("database hiccup");
          }
          return githubAdapter.fold.step(state as never, event as never);
        },
      },
    };
    const processor = processorOn(queue, flaky, clock);
    queue.add("github", "marketplace_purchase.purchased", "a", "1", purchasePayload("purchased", NOW));

    expect(await processor.processDue()).toEqual({ applied: 0, ignored: 0, failed: 1, dead: 0 });
    expect(queue.events[0]).toMatchObject({
      status: "failed",
      applyAttempts: 1,
      applyError: "Error: database hiccup",
    });
    expect(await processor.processDue()).toEqual({ applied: 0, ignored: 0, failed: 0, dead: 0 });

    clock.advance(retryDelayMs(1));
    expect(await processor.processDue()).toEqual({ applied: 0, ignored: 0, failed: 1, dead: 0 });
    clock.advance(retryDelayMs(2));
    expect(await processor.processDue()).toEqual({ applied: 1, ignored: 0, failed: 0, dead: 0 });
    expect(queue.events[0]?.status).toBe("applied");
  });

  it("makes an event it cannot interpret dead after the configured attempts, while the account's others apply", async () => {
    const queue = new MemoryQueue();
    const clock = new ManualClock(NOW);
    const processor = processorOn(queue, githubAdapter, clock, 3);
    queue.add("github", "marketplace_purchase.purchased", "good", "1", purchasePayload("purchased", NOW));
    queue.add("github", "marketplace_purchase.changed", "poison", "1", {
      ...purchasePayload("changed", NOW),
      marketplace_purchase: "not an object",
    });

    expect(await processor.processDue()).toEqual({ applied: 1, ignored: 0, failed: 1, dead: 0 });
    for (const attempt of [2, 3]) {
      clock.advance(retryDelayMs(attempt - 1));
      expect(await processor.processDue()).toEqual({
        applied: 0,
        ignored: 0,
        failed: attempt < 3 ? 1 : 0,
        dead: attempt < 3 ? 0 : 1,
      });
    }
    expect(queue.events[1]).toMatchObject({ status: "dead", applyAttempts: 3 });
    expect(queue.events[1]?.applyError).toContain("rejected: marketplace_purchase");
    expect(queue.subscriptions.size).toBe(1);

    // Dead: never retried by itself, however long one waits; an operator revives it after a fix.
    clock.advance(24 * 3_600_000);
    expect(await processor.processDue()).toEqual({ applied: 0, ignored: 0, failed: 0, dead: 0 });
    queue.reviveDead(clock.now());
    expect(await processor.processDue()).toEqual({ applied: 0, ignored: 0, failed: 1, dead: 0 });
  });

  it("does not use up attempts while the bookkeeping itself fails (an outage)", async () => {
    const queue = new MemoryQueue();
    const broken: MarketplaceAdapter = {
      ...githubAdapter,
      fold: {
        ...githubAdapter.fold,
        step: () => {
          throw new Error("connection refused");
        },
      },
    };
    const processor = processorOn(queue, broken, new ManualClock(NOW), 2);
    queue.add("github", "marketplace_purchase.purchased", "a", "1", purchasePayload("purchased", NOW));
    queue.markFailed = () => Promise.reject(new Error("connection refused"));
    queue.markDead = () => Promise.reject(new Error("connection refused"));
    for (let round = 0; round < 5; round += 1) {
      await processor.processNext();
    }
    expect(queue.events[0]).toMatchObject({ status: "received", applyAttempts: 0 });
  });
});
