import { describe, expect, it } from "vitest";
import { subscriptionPayload, USER_ID } from "../../../test/support/evotor-fixtures.js";
import { storedEvent } from "../../../test/support/fuzz.js";
import { evotorProjector } from "../evotor/evotor-projector.js";
import { explainHistory } from "./explain-history.js";

const NOW = new Date("2026-04-01T00:00:00Z");

describe("explainHistory", () => {
  it("shows an Evotor subscription ending at its termination and coming back at its renewal", () => {
    const payloads = [
      subscriptionPayload("SubscriptionCreated", 1, "2026-01-01T00:00:00Z", {
        planId: "basic",
        deviceNumber: 2,
      }),
      subscriptionPayload("SubscriptionActivated", 2, "2026-01-01T01:00:00Z", {
        nextBillingDate: "2026-02-01T00:00:00Z",
      }),
      subscriptionPayload("SubscriptionTerminated", 3, "2026-02-06T00:00:00Z"),
      subscriptionPayload("SubscriptionRenewed", 4, "2026-02-08T00:00:00Z", {
        nextBillingDate: "2026-03-08T00:00:00Z",
      }),
    ];
    const events = payloads.map((payload, index) =>
      storedEvent("evotor", index + 1, {
        eventType: String(payload.type),
        dedupeKey: `subscription:${String(payload.subscriptionId)}:${index + 1}`,
        accountId: USER_ID,
        payload,
      }),
    );
    const [, , terminated, renewed] = explainHistory(events, evotorProjector, NOW);
    expect(terminated?.changes).toContainEqual({
      field: "endsAt",
      from: null,
      to: "2026-02-06T00:00:00.000Z",
    });
    expect(renewed?.changes).toEqual(
      expect.arrayContaining([
        { field: "endsAt", from: "2026-02-06T00:00:00.000Z", to: null },
        { field: "currentPeriodEnd", from: "2026-02-01T00:00:00.000Z", to: "2026-03-08T00:00:00.000Z" },
      ]),
    );
  });
});
