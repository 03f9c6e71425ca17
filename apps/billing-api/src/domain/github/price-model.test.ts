import { describe, expect, it } from "vitest";
import { normalizePriceModel } from "./price-model.js";

describe("normalizePriceModel", () => {
  it.each([
    ["FLAT_RATE", "flat_rate"],
    ["flat-rate", "flat_rate"],
    ["Flat-Rate", "flat_rate"],
    ["PER_UNIT", "per_unit"],
    ["per-unit", "per_unit"],
    ["FREE", "free"],
    ["free", "free"],
  ] as const)("reads %s as %s", (input, expected) => {
    expect(normalizePriceModel(input)).toBe(expected);
  });

  it("keeps unknown or missing models as null instead of rejecting the delivery", () => {
    expect(normalizePriceModel("tiered")).toBeNull();
    expect(normalizePriceModel(null)).toBeNull();
    expect(normalizePriceModel(undefined)).toBeNull();
  });
});
