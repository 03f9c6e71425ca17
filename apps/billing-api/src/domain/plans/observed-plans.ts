import type { ObservedPlan, PlanCatalogue } from "./plan.js";

/**
 * Records the plans applied events mention, after the account's transaction has committed. A plan row is
 * shared by every account on the plan: written inside each account's transaction (as it once was), it made
 * unrelated deliveries wait on each other and deadlock when two accounts shared two plans. Here each plan is
 * its own short statement, in key order, and the catalogue only writes a row when something in it changes
 * (see `PlanCatalogue.recordSeen`).
 */
export class ObservedPlans {
  constructor(private readonly catalogue: PlanCatalogue) {}

  async record(plans: readonly ObservedPlan[]): Promise<void> {
    const ordered = [...plans].sort(
      (a, b) => compare(a.marketplace, b.marketplace) || compare(a.planId, b.planId),
    );
    for (const plan of ordered) {
      await this.catalogue.recordSeen(plan);
    }
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
