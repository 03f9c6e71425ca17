import type { EventProcessor } from "../domain/events/event-processor.js";
import type { Logger } from "../logger.js";

/** Wakes idle apply workers of this process; a wake-up with nobody waiting is kept for the next wait. */
export class WakeSignal {
  private pending = 0;
  private waiters: Array<() => void> = [];

  notify(): void {
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter();
    } else {
      this.pending = Math.min(this.pending + 1, 1_000);
    }
  }

  /** Resolves on the next notify, or after `ms`. */
  wait(ms: number): Promise<void> {
    if (this.pending > 0) {
      this.pending -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((waiter) => waiter !== done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.waiters.push(done);
    });
  }

  /** Wakes every waiter (shutdown). */
  wakeAll(): void {
    for (const waiter of [...this.waiters]) {
      waiter();
    }
  }
}

export interface ApplyWorkersOptions {
  processor: EventProcessor;
  signal: WakeSignal;
  /** Workers in this process; each holds at most one database connection at a time. */
  count: number;
  /**
   * How often an idle worker looks for due events it was not told about: deliveries other replicas took, and
   * failed events whose next attempt has come.
   */
  pollMs: number;
  logger: Logger;
}

/**
 * The apply workers: each applies one account's due events at a time until nothing is due, then waits to be
 * woken (a delivery was committed in this process) or for the poll interval. Several workers, on every
 * replica, share the queue through `FOR UPDATE SKIP LOCKED`.
 */
export function startApplyWorkers(options: ApplyWorkersOptions): { stop(): Promise<void> } {
  let stopping = false;
  const loop = async () => {
    while (!stopping) {
      let worked = false;
      try {
        worked = (await options.processor.processNext()) !== null;
      } catch (error) {
        options.logger.error({ err: error }, "apply worker could not reach the queue");
      }
      if (!worked && !stopping) {
        await options.signal.wait(options.pollMs);
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, options.count) }, () => loop());
  return {
    async stop() {
      stopping = true;
      options.signal.wakeAll();
      await Promise.all(workers);
    },
  };
}
