import type { PriceModel } from "../plans/plan.js";

/**
 * GitHub has sent `FLAT_RATE`, `flat-rate`, `free`, `PER_UNIT`, `per-unit` … over the years; case and the
 * separator are not meaningful. Anything else is kept as unknown (null) rather than rejected.
 */
export function normalizePriceModel(value: string | null | undefined): PriceModel | null {
  if (typeof value !== "string") {
    return null;
  }
  const key = value.trim().toLowerCase().replaceAll("-", "_").replaceAll(" ", "_");
  switch (key) {
    case "free":
      return "free";
    case "flat_rate":
    case "flatrate":
      return "flat_rate";
    case "per_unit":
    case "perunit":
      return "per_unit";
    default:
      return null;
  }
}
