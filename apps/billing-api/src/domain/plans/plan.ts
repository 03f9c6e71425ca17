import type { Marketplace } from "../events/inbound-event.js";

/** GitHub's price models, normalized (GitHub sends FLAT_RATE, flat-rate, free … in any casing). */
export type PriceModel = "free" | "flat_rate" | "per_unit";

/** A marketplace plan as the marketplace describes it; recorded whenever an event mentions it. */
export interface ObservedPlan {
  marketplace: Marketplace;
  planId: string;
  name: string | null;
  description: string | null;
  priceModel: PriceModel | null;
  monthlyPriceCents: number | null;
  yearlyPriceCents: number | null;
  unitName: string | null;
  hasFreeTrial: boolean | null;
  bullets: string[];
  seenAt: Date;
}

/** The plan catalogue: what each marketplace plan is, and (once an admin maps it) what it grants. */
export interface PlanCatalogue {
  /** Inserts a plan seen for the first time, or refreshes what the marketplace says about it; never touches the vendor's mapping. */
  recordSeen(plan: ObservedPlan): Promise<void>;
}
