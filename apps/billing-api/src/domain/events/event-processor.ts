import type { Clock } from "../time/clock.js";
import type { EventObserver } from "./event-observer.js";
import type { EventLog, InboundEvent, InboundEventStatus, Marketplace } from "./inbound-event.js";

/**
 * What applying one event did. `rejected`: its account was derived from its other events, but the fold could
 * not interpret this one (a value out of every range the model can hold); it counts as a failed attempt.
 */
export type ApplyOutcome =
  | { kind: "applied" }
  | { kind: "ignored"; reason: string }
  | { kind: "rejected"; reason: string };

/** Attempts before an event is quarantined as `dead`, unless configured (EVENT_MAX_ATTEMPTS). */
export const DEFAULT_MAX_ATTEMPTS = 12;

/** A marketplace adapter's use case that turns one stored event into subscription state. */
export interface EventApplier {
  apply(event: InboundEvent): Promise<ApplyOutcome>;
}

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

/**
 * Applies stored events. Called right after an event is committed (so the state is current when the
 * webhook is answered) and by the retry loop for events whose apply failed. An apply error never
 * propagates: the event stays in the log as `failed` with the error and a time for the next attempt, and after
 * `maxAttempts` failed attempts it becomes `dead`, so a poison event is not retried forever.
 */
export class EventProcessor {
  constructor(
    private readonly log: EventLog,
    private readonly appliers: Partial<Record<Marketplace, EventApplier>>,
    private readonly clock: Clock,
    private readonly maxAttempts = DEFAULT_MAX_ATTEMPTS,
    private readonly observer?: EventObserver,
  ) {}

  async process(event: InboundEvent): Promise<InboundEventStatus> {
    if (event.status === "conflict") {
      // A redelivery that contradicts a stored event is kept for inspection only: applying it would count twice.
      return "conflict";
    }
    const status = await this.attempt(event);
    this.observer?.processed(event, status, this.clock.now());
    return status;
  }

  private async attempt(event: InboundEvent): Promise<InboundEventStatus> {
    const applier = this.appliers[event.marketplace];
    if (!applier) {
      await this.log.markIgnored(
        event.id,
        this.clock.now(),
        `no applier for marketplace ${event.marketplace}`,
      );
      return "ignored";
    }
    let failure: string;
    try {
      const outcome = await applier.apply(event);
      if (outcome.kind === "ignored") {
        await this.log.markIgnored(event.id, this.clock.now(), outcome.reason);
        return "ignored";
      }
      if (outcome.kind === "applied") {
        await this.log.markApplied(event.id, this.clock.now());
        return "applied";
      }
      failure = `rejected: ${outcome.reason}`;
    } catch (error) {
      failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    return this.recordFailure(event, failure);
  }

  private async recordFailure(event: InboundEvent, failure: string): Promise<"failed" | "dead"> {
    const attempts = event.applyAttempts + 1;
    // If even the bookkeeping fails (the database is away), the event stays as it was and is due again: an
    // outage therefore never uses up attempts. The caller, who already answered 2xx, is not told.
    if (attempts >= this.maxAttempts) {
      await this.log
        .markDead(event.id, `after ${attempts} attempts: ${failure}`.slice(0, 4000))
        .catch(() => undefined);
      return "dead";
    }
    const nextAttemptAt = new Date(this.clock.now().getTime() + retryDelayMs(attempts));
    await this.log.markFailed(event.id, failure, nextAttemptAt).catch(() => undefined);
    return "failed";
  }

  /** Applies every due event, oldest first, in batches of `batchSize`. */
  async processDue(batchSize = 100): Promise<ProcessSummary> {
    const summary: ProcessSummary = { applied: 0, ignored: 0, failed: 0, dead: 0 };
    const due = await this.log.listDue(this.clock.now(), batchSize);
    for (const event of due) {
      const status = await this.process(event);
      // listDue never returns conflicting deliveries; `received` cannot come back from process().
      if (status !== "received" && status !== "conflict") {
        summary[status] += 1;
      }
    }
    return summary;
  }
}
