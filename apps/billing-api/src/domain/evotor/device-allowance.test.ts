import { describe, expect, it } from "vitest";
import { arrived, subscriptionPayload } from "../../../test/support/evotor-fixtures.js";
import { deviceAllowance } from "./device-allowance.js";
import { foldEvotorAccount } from "./evotor-subscription-fold.js";

const FIRST = "11111111-1111-4111-8111-111111111111";
const SECOND = "22222222-2222-4222-8222-222222222222";

function twoSubscriptions() {
  return foldEvotorAccount(
    arrived([
      subscriptionPayload(
        "SubscriptionCreated",
        1,
        "2026-01-01T00:00:00Z",
        { planId: "basic", trialPeriodDuration: "P14DT", deviceNumber: 2 },
        FIRST,
      ),
      subscriptionPayload(
        "SubscriptionCreated",
        1,
        "2026-01-05T00:00:00+0000",
        { planId: "pro", trialPeriodDuration: "P30DT", deviceNumber: 3 },
        SECOND,
      ),
      subscriptionPayload("SubscriptionTerminationRequested", 2, "2026-01-10T00:00:00Z", {}, FIRST),
    ]),
    new Date("2026-01-10T00:00:00Z"),
  );
}

describe("deviceAllowance", () => {
  it("sums the devices of every live subscription of a user", () => {
    const subscriptions = twoSubscriptions();
    expect(subscriptions).toHaveLength(2);
    expect(deviceAllowance(subscriptions, new Date("2026-01-12T00:00:00Z"))).toBe(5);
  });

  it("drops a subscription once it ends", () => {
    const subscriptions = twoSubscriptions();
    // The first one's trial (and so its access, termination having been requested) ends on 15 January.
    expect(deviceAllowance(subscriptions, new Date("2026-01-15T00:00:01Z"))).toBe(3);
    // The second one's trial ended on 4 February and no payment came: expired after the 5 retry days.
    expect(deviceAllowance(subscriptions, new Date("2026-02-09T00:00:01Z"))).toBe(0);
  });

  it("counts a live subscription without a device count as one device", () => {
    const subscriptions = foldEvotorAccount(
      arrived([
        subscriptionPayload(
          "SubscriptionCreated",
          1,
          "2026-01-01T00:00:00Z",
          { planId: "basic", trialPeriodDuration: "P14DT" },
          FIRST,
        ),
      ]),
      new Date("2026-01-01T00:00:00Z"),
    );
    expect(deviceAllowance(subscriptions, new Date("2026-01-02T00:00:00Z"))).toBe(1);
  });
});
