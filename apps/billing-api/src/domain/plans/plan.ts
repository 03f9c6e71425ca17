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
  /**
   * Inserts a plan seen for the first time, or refreshes what the marketplace says about it; never touches the
   * vendor's mapping. Writes nothing when nothing changes and `lastSeenAt` is less than an hour old.
   */
  recordSeen(plan: ObservedPlan): Promise<void>;
}

/**
 * A plan's number within its GitHub listing (what upgrade URLs name). Only the listing's REST answers carry it,
 * not webhooks, so it is kept apart from what events record.
 */
export interface PlanNumbers {
  /** Sets each plan's number, adding plans not seen in an event yet (with their name). */
  recordNumbers(
    marketplace: Marketplace,
    plans: ReadonlyArray<{ planId: string; name: string | null; number: number }>,
    at: Date,
  ): Promise<void>;
}

/** The vendor's mapping of a plan: the features it grants and its seat rules. */
export interface PlanMapping {
  features: string[];
  /** Seats a flat-rate or free plan allows (per-unit plans use the units bought); null: no limit. */
  seatLimit: number | null;
}

/** A plan in the catalogue: what the marketplace says, plus the vendor's mapping (null until mapped). */
export interface CatalogPlan extends Omit<ObservedPlan, "seenAt"> {
  /** The plan's number in its GitHub listing; null until reconciliation or onboarding saw it. */
  number: number | null;
  mapping: PlanMapping | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/** One of the mappings a plan has had: a change of features or seat rules records a new version. */
export interface PlanMappingVersion extends PlanMapping {
  version: number;
  effectiveFrom: Date;
}

/** The version in force at `at` (versions in any order); null before the plan was first mapped. */
export function mappingAt(versions: readonly PlanMappingVersion[], at: Date): PlanMappingVersion | null {
  let current: PlanMappingVersion | null = null;
  for (const version of versions) {
    if (version.effectiveFrom <= at && (current === null || version.version > current.version)) {
      current = version;
    }
  }
  return current;
}

export interface PlanKey {
  marketplace: Marketplace;
  planId: string;
}

export interface PlanDirectory {
  find(keys: readonly PlanKey[]): Promise<CatalogPlan[]>;
  list(marketplace?: Marketplace): Promise<CatalogPlan[]>;
  /**
   * Sets the vendor's mapping, creating the plan when no event mentioned it yet; a mapping that differs from
   * the current one is recorded as a new version effective `at`.
   */
  map(key: PlanKey, mapping: PlanMapping, at: Date): Promise<CatalogPlan>;
  /** Every version of the plan's mapping, oldest first. */
  versions(key: PlanKey): Promise<PlanMappingVersion[]>;
}
