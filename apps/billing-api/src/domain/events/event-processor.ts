import { decodeAll, foldFromStart, resumeFold } from "../marketplaces/fold-account.js";
import { decodeFoldState, encodeFoldState } from "../marketplaces/fold-checkpoint.js";
import type { MarketplaceAdapter, MarketplaceAdapters } from "../marketplaces/marketplace-adapter.js";
import type { ObservedPlans } from "../plans/observed-plans.js";
import type { ObservedPlan } from "../plans/plan.js";
import type { Clock } from "../time/clock.js";
import type { AccountBatch, EventQueue } from "./event-queue.js";
import type { EventLog, InboundEvent, Marketplace } from "./inbound-event.js";

export type ApplyStatus = "applied" | "ignored" | "failed" | "dead";

/** Attempts before an event is quarantined as `dead`, unless configured (EVENT_MAX_ATTEMPTS). */
export const DEFAULT_MAX_ATTEMPTS = 12;

/** Delay before the next attempt after `attempts` failures: 1 s, 2 s, 4 s … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 12);
  return Math.min(1000 * 2 ** exponent, 60 * 60 * 1000);
}

export interface ProcessSummary {
  applied: number;
  ignored: number;
  failed: number;
  dead: number;
}

export interface EventProcessorDeps {
  log: Pick<EventLog, "markFailed" | "markDead">;
  queue: EventQueue;
  adapters: MarketplaceAdapters;
  plans: ObservedPlans;
  clock: Clock;
  /** Failed attempts after which an event is `dead` (DEFAULT_MAX_ATTEMPTS when absent). */
  maxAttempts?: number;
  /** Told about every event a batch settled, after its commit (metrics: apply lag, counts). */
  onSettled?: (events: ReadonlyArray<{ event: InboundEvent; status: ApplyStatus }>, at: Date) => void;
}

/**
 * Applies stored events, one account at a time: the account's due events are folded onto its checkpoint (or,
 * when one of them sorts before what the checkpoint folded, the account is re-folded from the start), and the
 * subscriptions, the checkpoint and the events' status commit together. An apply error never propagates: the
 * events stay in the log as `failed` with the error and a time for the next attempt, and after `maxAttempts`
 * failed attempts an event becomes `dead`: quarantined, left out of its account, which its other events derive.
 * An event the adapter cannot interpret counts as a failed attempt of its own, without holding up the others.
 */
export class EventProcessor {
  constructor(private readonly deps: EventProcessorDeps) {}

  /** Applies the due events of the next account no other worker holds; null when nothing is due. */
  async processNext(): Promise<Map<string, ApplyStatus> | null> {
    let claimed: InboundEvent[] = [];
    const run = await this.guard(
      () =>
        this.deps.queue.withNextDueAccount(this.deps.clock.now(), (batch) => {
          claimed = batch.claimed;
          return this.applyBatch(batch);
        }),
      () => claimed,
    );
    if (run.kind === "failed") {
      return run.statuses;
    }
    if (run.value === null) {
      return null;
    }
    return this.finish(run.value.value);
  }

  /** Applies the due events of one account now (onboarding, reconciliation and the CLI wait for it). */
  async processAccount(
    marketplace: Marketplace,
    accountId: string,
    options: { evenIfWaiting?: boolean } = {},
  ): Promise<Map<string, ApplyStatus>> {
    let claimed: InboundEvent[] = [];
    // An operator's "retry now" also takes failed events still waiting for their back-off.
    const dueBy = options.evenIfWaiting ? new Date(8.64e15) : this.deps.clock.now();
    const run = await this.guard(
      () =>
        this.deps.queue.withAccount(marketplace, accountId, dueBy, (batch) => {
          claimed = batch.claimed;
          return this.applyBatch(batch);
        }),
      () => claimed,
    );
    return run.kind === "failed" ? run.statuses : this.finish(run.value);
  }

  /**
   * Re-derives one account from the start, ignoring its checkpoint (after a fix to a fold, or to check a
   * state): every applied event and the due ones are folded again.
   */
  async replayAccount(marketplace: Marketplace, accountId: string): Promise<Map<string, ApplyStatus>> {
    let claimed: InboundEvent[] = [];
    const run = await this.guard(
      () =>
        this.deps.queue.withAccount(marketplace, accountId, this.deps.clock.now(), (batch) => {
          claimed = batch.claimed;
          return this.applyBatch(batch, { fromStart: true });
        }),
      () => claimed,
    );
    return run.kind === "failed" ? run.statuses : this.finish(run.value);
  }

  /** Applies due events until none is left (or `limit` accounts were processed). */
  async processDue(limit = Number.POSITIVE_INFINITY): Promise<ProcessSummary> {
    const summary: ProcessSummary = { applied: 0, ignored: 0, failed: 0, dead: 0 };
    for (let accounts = 0; accounts < limit; accounts += 1) {
      const statuses = await this.processNext();
      if (statuses === null) {
        break;
      }
      for (const status of statuses.values()) {
        summary[status] += 1;
      }
    }
    return summary;
  }

  private async finish(outcome: BatchOutcome): Promise<Map<string, ApplyStatus>> {
    this.settled(outcome.claimed, outcome.statuses);
    // After the commit, outside the account's lock: the plan catalogue is shared by every account.
    await this.deps.plans.record(outcome.plans);
    return outcome.statuses;
  }

  private settled(claimed: readonly InboundEvent[], statuses: Map<string, ApplyStatus>): void {
    this.deps.onSettled?.(
      claimed.flatMap((event) => {
        const status = statuses.get(event.id);
        return status ? [{ event, status }] : [];
      }),
      this.deps.clock.now(),
    );
  }

  private async guard<T>(
    work: () => Promise<T>,
    claimed: () => InboundEvent[],
  ): Promise<{ kind: "done"; value: T } | { kind: "failed"; statuses: Map<string, ApplyStatus> }> {
    try {
      return { kind: "done", value: await work() };
    } catch (error) {
      const events = claimed();
      if (events.length === 0) {
        throw error; // nothing was claimed: the queue itself is unreachable, the caller retries later
      }
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const statuses = new Map<string, ApplyStatus>();
      for (const event of events) {
        // If even the bookkeeping fails (the database is away), the event stays as it was and is due again: an
        // outage therefore never uses up attempts.
        const failure = this.failure(event, message);
        await (failure.status === "dead"
          ? this.deps.log.markDead(event.id, failure.error)
          : this.deps.log.markFailed(event.id, failure.error, failure.nextAttemptAt)
        ).catch(() => undefined);
        statuses.set(event.id, failure.status);
      }
      this.settled(events, statuses);
      return { kind: "failed", statuses };
    }
  }

  /** What one more failed attempt makes of `event`. */
  private failure(
    event: InboundEvent,
    error: string,
  ): { status: "dead"; error: string } | { status: "failed"; error: string; nextAttemptAt: Date } {
    const attempts = event.applyAttempts + 1;
    if (attempts >= (this.deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)) {
      return { status: "dead", error: `after ${attempts} attempts: ${error}`.slice(0, 4000) };
    }
    return {
      status: "failed",
      error: error.slice(0, 4000),
      nextAttemptAt: new Date(this.deps.clock.now().getTime() + retryDelayMs(attempts)),
    };
  }

  private async applyBatch(batch: AccountBatch, options = { fromStart: false }): Promise<BatchOutcome> {
    const now = this.deps.clock.now();
    const statuses = new Map<string, ApplyStatus>();
    const adapter = this.deps.adapters[batch.marketplace];
    const ignore = async (events: InboundEvent[], reason: (event: InboundEvent) => string) => {
      for (const event of events) {
        await batch.markIgnored([event.id], now, reason(event));
        statuses.set(event.id, "ignored");
      }
    };
    if (!adapter) {
      await ignore(batch.claimed, () => `no adapter for marketplace ${batch.marketplace}`);
      return { claimed: batch.claimed, statuses, plans: [] };
    }
    const applicable = batch.claimed.filter((event) => adapter.appliesTo(event));
    await ignore(
      batch.claimed.filter((event) => !adapter.appliesTo(event)),
      (event) => `${batch.marketplace} event ${event.eventType} has no effect on subscriptions`,
    );
    if (batch.accountId === null) {
      await ignore(
        applicable,
        (event) => `a ${event.eventType} event without an account id cannot be applied`,
      );
      return { claimed: batch.claimed, statuses, plans: [] };
    }
    const fresh = decodeAll(adapter, applicable);
    // An event the adapter cannot interpret is a failed attempt of its own; the others apply without it.
    const rejected = new Map(fresh.rejected.map((entry) => [entry.eventId, entry.reason]));
    for (const event of applicable.filter((candidate) => rejected.has(candidate.id))) {
      const failure = this.failure(event, `rejected: ${rejected.get(event.id)}`);
      if (failure.status === "dead") {
        await batch.markDead(event.id, failure.error);
      } else {
        await batch.markFailed(event.id, failure.error, failure.nextAttemptAt);
      }
      statuses.set(event.id, failure.status);
    }
    const folded = applicable.filter((event) => !rejected.has(event.id));
    if (folded.length === 0 && !options.fromStart) {
      return { claimed: batch.claimed, statuses, plans: [] };
    }

    const state = await this.foldOnto(batch, adapter, fresh.decoded, options.fromStart);
    await batch.saveSubscriptions(adapter.fold.subscriptions(state.state, now));
    await batch.saveCheckpoint({
      state: encodeFoldState(state.state),
      lastEventId: maxId([state.lastEventId, ...folded.map((event) => event.id)]),
      eventCount: state.eventCount + folded.length,
    });
    await batch.markApplied(
      folded.map((event) => event.id),
      now,
    );
    for (const event of folded) {
      statuses.set(event.id, "applied");
    }
    return { claimed: batch.claimed, statuses, plans: adapter.plansObserved(fresh.decoded) };
  }

  /** The fold state with the new events in it: from the checkpoint when they all sort after it. */
  private async foldOnto<D, S>(
    batch: AccountBatch,
    adapter: MarketplaceAdapter<D, S>,
    fresh: readonly D[],
    fromStart: boolean,
  ): Promise<{ state: S; lastEventId: string; eventCount: number }> {
    const checkpoint = fromStart ? null : await batch.checkpoint();
    if (checkpoint !== null) {
      const resumed = resumeFold(adapter, decodeFoldState<S>(checkpoint.state), fresh);
      if (resumed !== null) {
        return { state: resumed, lastEventId: checkpoint.lastEventId, eventCount: checkpoint.eventCount };
      }
    }
    // No checkpoint yet, or a late event: fold everything applied so far together with the new events.
    const all = await batch.appliedAndClaimed();
    const { decoded } = decodeAll(adapter, all);
    return {
      state: foldFromStart(adapter, decoded),
      lastEventId: maxId(all.map((event) => event.id)),
      eventCount: decoded.length - fresh.length,
    };
  }
}

interface BatchOutcome {
  claimed: InboundEvent[];
  statuses: Map<string, ApplyStatus>;
  plans: ObservedPlan[];
}

/** The highest log position among `ids` ("0" for none); ids are bigints as decimal strings. */
function maxId(ids: readonly string[]): string {
  let max = "0";
  for (const id of ids) {
    if (id.length > max.length || (id.length === max.length && id > max)) {
      max = id;
    }
  }
  return max;
}
