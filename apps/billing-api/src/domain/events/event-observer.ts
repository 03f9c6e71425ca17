import type { InboundEvent, InboundEventStatus } from "./inbound-event.js";

/** Told about every apply attempt (metrics); must not throw, and is not awaited. */
export interface EventObserver {
  /**
   * `event` is as it was before the attempt (its `appliedAt` is null the first time it takes effect);
   * `at` is when the attempt finished.
   */
  processed(event: InboundEvent, status: InboundEventStatus, at: Date): void;
}
