import request from "supertest";
import { describe, expect, it } from "vitest";
import { deliver, purchasePayload } from "../support/github-deliveries.js";
import { TEST_SECRETS, useTestApp } from "../support/test-app.js";

const context = useTestApp();
const ADMIN = `Bearer ${TEST_SECRETS.adminApiKey}`;
const ORG = "18404719";

function map(features: string[], seatLimit: number | null = null) {
  return request(context.app)
    .put("/v1/plans/github/435")
    .set("Authorization", ADMIN)
    .send({ features, seatRules: { seatLimit } })
    .expect(200);
}

describe("plan mapping versions", () => {
  it("records each change of a plan's mapping with its date, and the history says which features an account had when", async () => {
    await map(["export"]);
    await map(["export"]); // the same mapping again: no new version
    await deliver(
      context.app,
      purchasePayload("purchased", "2026-03-01T12:00:00+00:00", { unitCount: 3 }),
    ).expect(202);

    context.clock.set("2026-03-05T00:00:00Z");
    await map(["export", "sso"], 10);
    context.clock.set("2026-03-06T00:00:00Z");
    await deliver(
      context.app,
      purchasePayload("changed", "2026-03-06T00:00:00+00:00", { unitCount: 4 }),
    ).expect(202);

    const versions = await request(context.app)
      .get("/v1/plans/github/435/versions")
      .set("Authorization", ADMIN)
      .expect(200);
    expect(versions.body.versions).toEqual([
      {
        version: 1,
        features: ["export"],
        seatRules: { seatLimit: null },
        effectiveFrom: "2026-03-01T12:00:00.000Z",
      },
      {
        version: 2,
        features: ["export", "sso"],
        seatRules: { seatLimit: 10 },
        effectiveFrom: "2026-03-05T00:00:00.000Z",
      },
    ]);

    const history = await request(context.app)
      .get(`/v1/entitlements/github/${ORG}/history`)
      .set("Authorization", ADMIN)
      .expect(200);
    expect(
      history.body.events.map((entry: { type: string; features: string[] }) => [entry.type, entry.features]),
    ).toEqual([
      ["marketplace_purchase.purchased", ["export"]],
      ["marketplace_purchase.changed", ["export", "sso"]],
    ]);
    // The entitlement itself follows the current mapping.
    const entitlement = await request(context.app)
      .get(`/v1/entitlements/github/${ORG}`)
      .set("Authorization", ADMIN)
      .expect(200);
    expect(entitlement.body.features).toEqual(["export", "sso"]);

    const never = await request(context.app)
      .get("/v1/plans/github/999/versions")
      .set("Authorization", ADMIN)
      .expect(200);
    expect(never.body).toEqual({ versions: [] });
  });
});
