import { type DispatchDeps, dispatchDue } from "../domain/outbound/dispatch.js";
import type { Logger } from "../logger.js";

/**
 * The dispatcher loop of one process: attempts due deliveries until none is due, then sleeps until woken (an
 * event was committed here) or `pollMs` passes (events other replicas wrote, retries coming due).
 */
export function startWebhookDispatcher(options: { deps: DispatchDeps; pollMs: number; logger: Logger }): {
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
        attempted = await dispatchDue(options.deps);
      } catch (error) {
        options.logger.error({ err: error }, "webhook dispatcher could not reach the delivery queue");
      }
      if (attempted === 0 && !stopping) {
        await sleep();
      }
    }
  })();
  return {
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
