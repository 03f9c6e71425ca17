import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonths, rollForward } from "./billing-period.js";

const instant = fc.date({
  min: new Date("2020-01-01T00:00:00Z"),
  max: new Date("2035-01-01T00:00:00Z"),
  noInvalidDate: true,
});

describe("rollForward", () => {
  it("gives the first period end after now, whole cycles from the last one, for every date and cycle", () => {
    fc.assert(
      fc.property(instant, instant, fc.constantFrom("monthly", "yearly"), (periodEnd, now, cycle) => {
        const next = rollForward(periodEnd, cycle, now);
        const step = cycle === "monthly" ? 1 : 12;
        if (periodEnd > now) {
          expect(next).toEqual(periodEnd);
          return;
        }
        expect(next.getTime()).toBeGreaterThan(now.getTime());
        // It is periodEnd plus n cycles, and n - 1 cycles would not have reached past now.
        let cycles = 1;
        while (addMonths(periodEnd, cycles * step).getTime() < next.getTime()) {
          cycles += 1;
        }
        expect(addMonths(periodEnd, cycles * step)).toEqual(next);
        expect(addMonths(periodEnd, (cycles - 1) * step).getTime()).toBeLessThanOrEqual(now.getTime());
      }),
    );
  });

  it("keeps the billing day across short months and leaves unknown cycles alone", () => {
    const end = new Date("2026-01-31T00:00:00Z");
    expect(rollForward(end, "monthly", new Date("2026-02-10T00:00:00Z"))).toEqual(
      new Date("2026-02-28T00:00:00Z"),
    );
    expect(rollForward(end, "monthly", new Date("2026-03-05T00:00:00Z"))).toEqual(
      new Date("2026-03-31T00:00:00Z"),
    );
    expect(rollForward(end, "yearly", new Date("2027-06-01T00:00:00Z"))).toEqual(
      new Date("2028-01-31T00:00:00Z"),
    );
    expect(rollForward(end, null, new Date("2027-06-01T00:00:00Z"))).toEqual(end);
  });
});
