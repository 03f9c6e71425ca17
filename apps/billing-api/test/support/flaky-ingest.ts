import type { AppDeps, Ingest } from "../../src/app.js";
import { EventProcessor } from "../../src/domain/events/event-processor.js";
import { receiveEvent } from "../../src/domain/events/receive-event.js";
import { githubAdapter } from "../../src/domain/github/github-adapter.js";
import type { MarketplaceAdapter } from "../../src/domain/marketplaces/marketplace-adapter.js";
import { ObservedPlans } from "../../src/domain/plans/observed-plans.js";
import { WakeSignal } from "../../src/jobs/apply-workers.js";
import { TypeOrmEventQueue } from "../../src/persistence/repositories/typeorm-event-queue.js";
import { TypeOrmPlanCatalogue } from "../../src/persistence/repositories/typeorm-plan-catalogue.js";
import type { TestContext } from "./test-app.js";

/**
 * The real ingest pipeline with a GitHub adapter whose fold throws while `state.failing` is set, so a test has
 * failed events to look at and retry.
 */
export function flakyIngest(context: TestContext, state: { failing: boolean }, maxAttempts?: number): Ingest {
  const adapter: MarketplaceAdapter = {
    ...githubAdapter,
    fold: {
      ...githubAdapter.fold,
      step: (fold, event) => {
        if (state.failing) {
          throw new Error("database hiccup");
        }
        return githubAdapter.fold.step(fold as never, event as never);
      },
    },
  };
  const adapters = { github: adapter };
  const processor = new EventProcessor({
    log: context.deps.eventLog,
    queue: new TypeOrmEventQueue(context.database.dataSource),
    adapters,
    plans: new ObservedPlans(new TypeOrmPlanCatalogue(context.database.dataSource)),
    clock: context.clock,
    ...(maxAttempts === undefined ? {} : { maxAttempts }),
  });
  const signal = new WakeSignal();
  return {
    processor,
    signal,
    receive: (draft, mode) =>
      receiveEvent(
        { eventLog: context.deps.eventLog, adapters, processor, clock: context.clock, notify: () => {} },
        draft,
        mode,
      ),
  };
}

/** `deps` with the flaky pipeline in place of the real one. */
export function withFlakyIngest(
  context: TestContext,
  state: { failing: boolean },
  maxAttempts?: number,
): AppDeps {
  return { ...context.deps, ingest: flakyIngest(context, state, maxAttempts) };
}
