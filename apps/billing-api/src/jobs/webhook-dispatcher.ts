import { type DispatchDeps, dispatchDue } from "../domain/outbound/dispatch.js";
import type { Logger } from "../logger.js";

/** Dispatcher loops per process: a slow endpoint (up to the 10 s timeout) holds up one lane only. */
const LANES = 3;
/** Deliveries one lane claims at a time. */
const BATCH = 10;

/**
 * The dispatcher of one process: each lane attempts due deliveries until none is due, then sleeps until woken
 * (an event was committed here) or `pollMs` passes (events other replicas wrote, retries coming due).
 */
export function startWebhookDispatcher(options: { deps: DispatchDeps; pollMs: number; logger: Logger }): {
  wake(): void;
  stop(): Promise<void>;
} {
  const lanes = Array.from({ length: LANES }, () => startLane(options));
  return {
    // One idle lane is enough for a commit's events; the others keep polling.
    wake() {
      (lanes.find((lane) => lane.idle()) ?? lanes[0])?.wake();
    },
    async stop() {
      await Promise.all(lanes.map((lane) => lane.stop()));
    },
  };
}

function startLane(options: { deps: DispatchDeps; pollMs: number; logger: Logger }): {
  idle(): boolean;
  wake(): void;
  stop(): Promise<void>;
} {
  let stopping = false;
  let wakeUp: (() => void) | undefined;
  let woken = false;
  const sleep = () =>
    new Promise<void>((resolve) => {
      if (woken) {
        woken = false;
        resolve();
        return;
      }
      const timer = setTimeout(done, options.pollMs);
      timer.unref();
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });
  const loop = (async () => {
    while (!stopping) {
      let attempted = 0;
      try {
        attempted = await dispatchDue(options.deps, BATCH);
      } catch (error) {
        options.logger.error({ err: error }, "webhook dispatcher could not reach the delivery queue");
      }
      if (attempted === 0 && !stopping) {
        await sleep();
      }
    }
  })();
  return {
    idle: () => wakeUp !== undefined,
    wake() {
      if (wakeUp) {
        wakeUp();
      } else {
        woken = true;
      }
    },
    async stop() {
      stopping = true;
      wakeUp?.();
      await loop;
    },
  };
}
