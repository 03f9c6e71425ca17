import type { Schemas } from "./api.js";

/**
 * The values the console offers in its filters. Records keyed by the spec's enums: when the spec gains a
 * value, type-checking fails here until the console names it.
 */
export const MARKETPLACES: Record<Schemas["MarketplaceName"], string> = {
  github: "GitHub Marketplace",
  evotor: "Evotor",
};

export const STATUSES: Record<Schemas["Status"], string> = {
  trialing: "Trialing",
  active: "Active",
  past_due: "Past due",
  pending_cancellation: "Pending cancellation",
  cancelled: "Cancelled",
  expired: "Expired",
  none: "None",
};

/** An entitlement's status: a subscription's, or `granted` by the vendor alone. */
export const ENTITLEMENT_STATUSES: Record<Schemas["EntitlementStatus"], string> = {
  ...STATUSES,
  granted: "Granted",
};

/** Which apply statuses the events page offers, and how it names them. */
export const APPLY_STATUSES: Record<Schemas["ApplyStatus"], string> = {
  failed: "Failed (retrying with backoff)",
  dead: "Dead (gave up; retry by hand)",
  received: "Received, not applied yet",
  ignored: "Ignored",
  applied: "Applied",
  conflict: "Conflicting redelivery (never applied)",
};

export const API_KEY_SCOPES: Record<Schemas["ApiKeyScope"], string> = {
  read: "read: reads only (dashboards)",
  seats: "seats: the product (reads, seat claims and releases)",
  admin: "admin: everything, including this console",
};

export function options<T extends string>(
  labels: Record<T, string>,
  selected: string | null,
  anyLabel?: string,
): [string, string, boolean][] {
  const entries = Object.entries(labels) as [T, string][];
  return [
    ...(anyLabel === undefined ? [] : [["", anyLabel, !selected] as [string, string, boolean]]),
    ...entries.map(([value, label]) => [value, label, value === selected] as [string, string, boolean]),
  ];
}
