import request from "supertest";
import { describe, expect, it } from "vitest";
import { generateApiKey } from "../../src/domain/entitlements/api-keys.js";
import { deliver, purchasePayload } from "../support/github-deliveries.js";
import { TEST_SECRETS, useTestApp } from "../support/test-app.js";

const context = useTestApp();
const ADMIN = `Bearer ${TEST_SECRETS.adminApiKey}`;
const ORG = "18404719";
const GRANTS = `/v1/entitlements/github/${ORG}/grants`;

const as = (authorization: string) => ({
  get: (path: string) => request(context.app).get(path).set("Authorization", authorization),
  post: (path: string, body: object) =>
    request(context.app).post(path).set("Authorization", authorization).send(body),
  delete: (path: string) => request(context.app).delete(path).set("Authorization", authorization),
});
const admin = as(ADMIN);

async function entitlement(path = `/v1/entitlements/github/${ORG}`) {
  return (await admin.get(path).expect(200)).body as Record<string, unknown>;
}

describe("grants", () => {
  it("entitles an account by a grant alone, lists it, shows it in the history, and ends it on revoke", async () => {
    const created = await admin
      .post(GRANTS, { features: ["sso", "audit-log"], seats: 3, note: "design partner" })
      .expect(201);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      appliesTo: { marketplace: "github", accountId: ORG },
      features: ["sso", "audit-log"],
      seats: 3,
      trialExtensionDays: null,
      expiresAt: null,
      note: "design partner",
      revokedAt: null,
      live: true,
    });
    expect(await entitlement()).toMatchObject({
      entitled: true,
      status: "granted",
      features: ["audit-log", "sso"],
      seats: { limit: 3, used: 0 },
      grants: [{ id: created.body.id, note: "design partner" }],
    });

    await admin.delete(`${GRANTS}/${created.body.id}`).expect(204);
    await admin.delete(`${GRANTS}/${created.body.id}`).expect(204); // idempotent
    expect(await entitlement()).toMatchObject({ entitled: false, status: "none", features: [], grants: [] });
    const listed = await admin.get(GRANTS).expect(200);
    expect(listed.body.grants).toEqual([
      expect.objectContaining({
        id: created.body.id,
        live: false,
        revokedAt: context.clock.now().toISOString(),
      }),
    ]);

    const history = await admin.get(`/v1/entitlements/github/${ORG}/history`).expect(200);
    expect(history.body.events).toMatchObject([
      {
        type: "grant.created",
        source: "admin",
        applyStatus: "applied",
        changes: [
          { field: `grant.${created.body.id}`, from: null, to: { features: ["sso", "audit-log"], seats: 3 } },
        ],
      },
      {
        type: "grant.revoked",
        changes: [
          { field: `grant.${created.body.id}`, to: { revokedAt: context.clock.now().toISOString() } },
        ],
      },
    ]);
  });

  it("adds to a subscription's features and seats until the grant expires", async () => {
    await deliver(
      context.app,
      purchasePayload("purchased", "2026-03-01T00:00:00+00:00", { unitCount: 5 }),
    ).expect(202);
    await admin.post(GRANTS, { seats: 2, features: ["beta"], expiresAt: "2026-03-10T00:00:00Z" }).expect(201);
    expect(await entitlement()).toMatchObject({
      entitled: true,
      status: "active",
      features: ["beta"],
      seats: { limit: 7 },
    });
    context.clock.set("2026-03-10T00:00:00Z");
    expect(await entitlement()).toMatchObject({
      status: "active",
      features: [],
      seats: { limit: 5 },
      grants: [],
    });
    expect((await admin.get(GRANTS).expect(200)).body.grants[0]).toMatchObject({
      live: false,
      revokedAt: null,
    });
  });

  it("extends a running trial by the days granted", async () => {
    await deliver(
      context.app,
      purchasePayload("purchased", "2026-03-01T00:00:00+00:00", {
        onFreeTrial: true,
        freeTrialEndsOn: "2026-03-15T00:00:00+00:00",
        nextBillingDate: null,
      }),
    ).expect(202);
    await admin.post(GRANTS, { trialExtensionDays: 7, note: "more time to evaluate" }).expect(201);
    context.clock.set("2026-03-20T00:00:00Z");
    expect(await entitlement()).toMatchObject({
      entitled: true,
      status: "trialing",
      trial: { endsAt: "2026-03-22T00:00:00.000Z", daysLeft: 2 },
    });
    // A trial extension alone entitles nobody.
    await admin.post("/v1/entitlements/github/42/grants", { trialExtensionDays: 7 }).expect(201);
    expect(await entitlement("/v1/entitlements/github/42")).toMatchObject({
      entitled: false,
      status: "none",
    });
  });

  it("applies a customer's grant to every account linked to it", async () => {
    const customer = await admin.post("/v1/customers", { externalId: "acme" }).expect(201);
    const id = customer.body.id as string;
    await admin.post(`/v1/customers/${id}/links`, { marketplace: "github", accountId: ORG }).expect(200);
    await admin
      .post(`/v1/customers/${id}/links`, { marketplace: "evotor", accountId: "01-000000000000001" })
      .expect(200);
    const grant = await admin
      .post(`/v1/customers/${id}/grants`, { features: ["priority-support"] })
      .expect(201);
    expect(grant.body.appliesTo).toEqual({ customerId: id });

    for (const path of [`/v1/entitlements/github/${ORG}`, "/v1/entitlements/evotor/01-000000000000001"]) {
      expect(await entitlement(path)).toMatchObject({ entitled: true, features: ["priority-support"] });
    }
    expect(await entitlement(`/v1/customers/${id}/entitlement`)).toMatchObject({
      entitled: true,
      status: "granted",
      features: ["priority-support"],
    });
    expect((await admin.get(`/v1/customers/${id}/grants`).expect(200)).body.grants).toHaveLength(1);
    await admin.delete(`/v1/customers/${id}/grants/${grant.body.id}`).expect(204);
    expect(await entitlement()).toMatchObject({ entitled: false });
  });

  it("refuses bad requests with a problem, and writes only with the admin scope", async () => {
    for (const body of [
      {},
      { note: "nothing granted" },
      { seats: 0 },
      { features: [] },
      { seats: 2, extra: 1 },
    ]) {
      const refused = await admin.post(GRANTS, body).expect(400);
      expect(refused.headers["content-type"]).toContain("application/problem+json");
    }
    await admin.delete(`${GRANTS}/00000000-0000-4000-8000-000000000000`).expect(404);
    await admin.post("/v1/customers/00000000-0000-4000-8000-000000000000/grants", { seats: 1 }).expect(404);

    const key = generateApiKey();
    await context.deps.apiKeys.create({
      id: key.id,
      name: "product",
      scopes: ["read"],
      hash: key.hash,
      createdAt: context.clock.now(),
      revokedAt: null,
    });
    const reader = as(`Bearer ${key.secret}`);
    await reader.post(GRANTS, { seats: 1 }).expect(403);
    await reader.get(GRANTS).expect(200);
  });
});
