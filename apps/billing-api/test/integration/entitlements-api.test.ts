import { createEntitlementsClient } from "@marketplace-billing/contracts";
import { describe, expect, it } from "vitest";
import { type ApiKeyScope, generateApiKey } from "../../src/domain/entitlements/api-keys.js";
import type { Marketplace } from "../../src/domain/events/inbound-event.js";
import { deliver, purchasePayload } from "../support/github-deliveries.js";
import { useListeningApp } from "../support/listening.js";
import { TEST_SECRETS, useTestApp } from "../support/test-app.js";

const context = useTestApp();
const server = useListeningApp(() => context.app);

const ORG = "18404719";
const admin = () =>
  createEntitlementsClient({ baseUrl: server.url, apiKey: TEST_SECRETS.adminApiKey, retries: 0 });

/** A key made the way the CLI makes one; `seats` is what the product gets. */
async function keyClient(scope: ApiKeyScope = "seats", marketplace: Marketplace | null = null) {
  const key = generateApiKey();
  await context.deps.apiKeys.create({
    id: key.id,
    name: "product",
    scopes: [scope],
    marketplace,
    hash: key.hash,
    createdAt: context.clock.now(),
    revokedAt: null,
  });
  return {
    client: createEntitlementsClient({ baseUrl: server.url, apiKey: key.secret, retries: 0 }),
    id: key.id,
    secret: key.secret,
  };
}

async function buySeats(units: number, extra: Parameters<typeof purchasePayload>[2] = {}) {
  await deliver(
    context.app,
    purchasePayload("purchased", "2026-03-01T00:00:00+00:00", { unitCount: units, ...extra }),
  ).expect(202);
}

describe("entitlements API through the generated client", () => {
  it("answers an account it has never seen with status none", async () => {
    const { client } = await keyClient();
    const entitlement = await client.getEntitlement("github", "999");
    expect(entitlement).toMatchObject({
      entitled: false,
      status: "none",
      plan: null,
      source: { accountId: "999" },
    });
    expect(await client.isEntitled("evotor", "01-000000000000001")).toBe(false);
  });

  it("reads a GitHub account's entitlement after its webhook, with features once its plan is mapped", async () => {
    const { client } = await keyClient();
    await buySeats(5);
    expect(await client.getEntitlement("github", ORG)).toMatchObject({
      entitled: true,
      status: "active",
      plan: { planId: "435", name: "Plan 435" },
      features: [],
      seats: { limit: 5, used: 0 },
      billedBy: "marketplace",
      source: { marketplace: "github", accountId: ORG, subscriptionIds: [ORG] },
    });

    const plans = await admin().api.GET("/v1/plans", { params: { query: { marketplace: "github" } } });
    expect(plans.data?.items).toEqual([
      expect.objectContaining({ planId: "435", mapped: false, priceModel: "per_unit" }),
    ]);

    const mapped = await admin().api.PUT("/v1/plans/{marketplace}/{planId}", {
      params: { path: { marketplace: "github", planId: "435" } },
      body: { features: ["sso", "export", "sso"] },
    });
    expect(mapped.data).toMatchObject({
      mapped: true,
      features: ["export", "sso"],
      bullets: ["Fast", "Friendly"],
    });
    expect((await client.getEntitlement("github", ORG)).features).toEqual(["export", "sso"]);
    expect(await client.isEntitled("github", ORG, "sso")).toBe(true);
    expect(await client.isEntitled("github", ORG, "audit-log")).toBe(false);
  });

  it("shows a trial with the days left, and lists trials ending this week", async () => {
    const { client } = await keyClient();
    await buySeats(3, {
      onFreeTrial: true,
      freeTrialEndsOn: "2026-03-05T00:00:00+00:00",
      nextBillingDate: null,
    });
    await deliver(
      context.app,
      purchasePayload("purchased", "2026-03-01T00:00:00+00:00", {
        accountId: 77,
        onFreeTrial: true,
        freeTrialEndsOn: "2026-03-30T00:00:00+00:00",
      }),
    ).expect(202);

    expect(await client.getEntitlement("github", ORG)).toMatchObject({
      status: "trialing",
      trial: { endsAt: "2026-03-05T00:00:00.000Z", daysLeft: 4 },
    });
    const week = await client.api.GET("/v1/subscriptions", {
      params: { query: { trialEndsBefore: "2026-03-08T12:00:00.000Z" } },
    });
    expect(week.data?.items.map((item) => item.accountId)).toEqual([ORG]);
    const trialing = await client.api.GET("/v1/subscriptions", { params: { query: { status: "trialing" } } });
    expect(trialing.data?.items.map((item) => item.accountId).sort()).toEqual(["77", ORG].sort());

    context.clock.set("2026-03-06T00:00:00Z");
    expect((await client.getEntitlement("github", ORG)).status).toBe("active");
  });

  it("pages through subscriptions with a cursor", async () => {
    const { client } = await keyClient();
    for (const accountId of [1, 2, 3, 4, 5]) {
      await deliver(
        context.app,
        purchasePayload("purchased", "2026-03-01T00:00:00+00:00", { accountId }),
      ).expect(202);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.api.GET("/v1/subscriptions", {
        params: { query: { marketplace: "github", limit: 2, ...(cursor ? { cursor } : {}) } },
      });
      seen.push(...(page.data?.items.map((item) => item.accountId) ?? []));
      cursor = page.data?.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual(["1", "2", "3", "4", "5"]);

    const bad = await client.api.GET("/v1/subscriptions", { params: { query: { cursor: "nonsense" } } });
    expect(bad.response.status).toBe(400);
  });

  it("explains the state with the history of events, oldest first", async () => {
    const { client } = await keyClient();
    await buySeats(2);
    await deliver(
      context.app,
      purchasePayload("changed", "2026-03-02T00:00:00+00:00", { unitCount: 6 }),
    ).expect(202);
    await deliver(
      context.app,
      purchasePayload("cancelled", "2026-04-01T00:00:00+00:00", { unitCount: 0 }),
    ).expect(202);

    const history = await client.api.GET("/v1/entitlements/{marketplace}/{accountId}/history", {
      params: { path: { marketplace: "github", accountId: ORG } },
    });
    const events = history.data?.events ?? [];
    expect(events.map((event) => event.type)).toEqual([
      "marketplace_purchase.purchased",
      "marketplace_purchase.changed",
      "marketplace_purchase.cancelled",
    ]);
    expect(events[0]?.changes).toEqual(expect.arrayContaining([{ field: "planId", from: null, to: "435" }]));
    expect(events[1]?.changes).toEqual([{ field: "units", from: 2, to: 6 }]);
    expect(events[2]?.changes).toEqual([{ field: "endsAt", from: null, to: "2026-04-01T00:00:00.000Z" }]);
    expect(events.every((event) => event.source === "webhook" && event.applyStatus === "applied")).toBe(true);
  });

  it("claims seats up to the limit, refuses past it, and never revokes silently", async () => {
    const { client } = await keyClient();
    await buySeats(2);
    expect(await client.claimSeat("github", ORG, "alice")).toMatchObject({
      granted: true,
      seat: { userId: "alice" },
    });
    expect(await client.claimSeat("github", ORG, "alice")).toMatchObject({ granted: true });
    expect(await client.claimSeat("github", ORG, "bob")).toMatchObject({ granted: true });
    const refused = await client.claimSeat("github", ORG, "carol");
    expect(refused).toMatchObject({ granted: false, reason: "seat-limit-reached", limit: 2, used: 2 });
    expect(refused.granted ? "" : refused.detail).toMatch(/must upgrade/);

    // A downgrade to one seat keeps both users; the entitlement shows the overage.
    await deliver(
      context.app,
      purchasePayload("changed", "2026-03-05T00:00:00+00:00", { unitCount: 1 }),
    ).expect(202);
    expect((await client.getEntitlement("github", ORG)).seats).toEqual({ limit: 1, used: 2 });

    await client.releaseSeat("github", ORG, "alice");
    await client.releaseSeat("github", ORG, "bob");
    expect(await client.claimSeat("github", ORG, "carol")).toMatchObject({ granted: true });
  });

  it("never over-allocates under concurrent claims", async () => {
    const { client } = await keyClient();
    await buySeats(3);
    const claims = await Promise.all(
      Array.from({ length: 12 }, (_, index) => client.claimSeat("github", ORG, `user-${index}`)),
    );
    expect(claims.filter((claim) => claim.granted)).toHaveLength(3);
    const seats = await client.api.GET("/v1/entitlements/{marketplace}/{accountId}/seats", {
      params: { path: { marketplace: "github", accountId: ORG } },
    });
    expect(seats.data).toMatchObject({ limit: 3, used: 3 });
  });

  it("refuses a seat on an account without a live subscription", async () => {
    const { client } = await keyClient();
    expect(await client.claimSeat("github", "12345", "alice")).toMatchObject({
      granted: false,
      reason: "not-entitled",
    });
  });

  it("answers If-None-Match with 304 until the entitlement changes", async () => {
    const { client } = await keyClient();
    await buySeats(2);
    const first = await client.api.GET("/v1/entitlements/{marketplace}/{accountId}", {
      params: { path: { marketplace: "github", accountId: ORG } },
    });
    const etag = first.response.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await client.api.GET("/v1/entitlements/{marketplace}/{accountId}", {
      params: { path: { marketplace: "github", accountId: ORG }, header: { "If-None-Match": etag ?? "" } },
    });
    expect(again.response.status).toBe(304);

    await client.claimSeat("github", ORG, "alice");
    const changed = await client.api.GET("/v1/entitlements/{marketplace}/{accountId}", {
      params: { path: { marketplace: "github", accountId: ORG }, header: { "If-None-Match": etag ?? "" } },
    });
    expect(changed.response.status).toBe(200);
    expect(changed.response.headers.get("etag")).not.toBe(etag);
  });

  it("answers 401 without a valid key and 403 when the scope is too small", async () => {
    const none = createEntitlementsClient({ baseUrl: server.url, apiKey: "", retries: 0 });
    const wrong = createEntitlementsClient({ baseUrl: server.url, apiKey: "mbk_not-a-key", retries: 0 });
    for (const client of [none, wrong]) {
      const answer = await client.api.GET("/v1/plans");
      expect(answer.response.status).toBe(401);
      expect(answer.response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    }
    const { client, id, secret } = await keyClient();
    const mapping = await client.api.PUT("/v1/plans/{marketplace}/{planId}", {
      params: { path: { marketplace: "github", planId: "1" } },
      body: { features: [] },
    });
    expect(mapping.response.status).toBe(403);
    expect((mapping.error as { detail?: string }).detail).toMatch(/admin scope/);

    await context.deps.apiKeys.revoke(id, context.clock.now());
    // Revocation is honoured once the short verification cache expires; a fresh app has no cache.
    const { createApp } = await import("../../src/app.js");
    const fresh = createApp(context.deps);
    const request = (await import("supertest")).default;
    await request(fresh).get("/v1/plans").set("Authorization", `Bearer ${secret}`).expect(401);
  });

  it("lets a read key only read, a seats key also claim and release seats, and an admin key do everything", async () => {
    await buySeats(3);
    const read = (await keyClient("read")).client;
    const seats = (await keyClient("seats")).client;
    const admin = (await keyClient("admin")).client;
    const claim = (client: typeof read, userId: string) =>
      client.api.POST("/v1/entitlements/{marketplace}/{accountId}/seats", {
        params: { path: { marketplace: "github", accountId: ORG } },
        body: { userId },
      });
    const release = (client: typeof read, userId: string) =>
      client.api.DELETE("/v1/entitlements/{marketplace}/{accountId}/seats/{userId}", {
        params: { path: { marketplace: "github", accountId: ORG, userId } },
      });

    // A read-only consumer cannot squat a seat, nor free someone else's.
    const squat = await claim(read, "squatter");
    expect(squat.response.status).toBe(403);
    expect(squat.error).toMatchObject({ requiredScope: "seats" });
    expect((await claim(seats, "alice")).response.status).toBe(201);
    expect((await release(read, "alice")).response.status).toBe(403);
    expect((await read.getEntitlement("github", ORG)).seats).toEqual({ limit: 3, used: 1 });

    // seats implies read; admin implies seats.
    expect((await seats.api.GET("/v1/plans")).response.status).toBe(200);
    expect((await claim(admin, "bob")).response.status).toBe(201);
    expect((await release(seats, "alice")).response.status).toBe(204);

    // Neither read nor seats may change the plan mapping or customers; admin may.
    for (const client of [read, seats]) {
      const mapping = await client.api.PUT("/v1/plans/{marketplace}/{planId}", {
        params: { path: { marketplace: "github", planId: "1" } },
        body: { features: [] },
      });
      expect(mapping.response.status).toBe(403);
      expect(mapping.error).toMatchObject({ requiredScope: "admin" });
      expect(
        (await client.api.POST("/v1/customers", { body: { externalId: "x", name: "x" } })).response.status,
      ).toBe(403);
    }
    expect(
      (await admin.api.POST("/v1/customers", { body: { externalId: "x", name: "x" } })).response.status,
    ).toBe(201);
  });

  it("keeps a key restricted to one marketplace to requests that name it", async () => {
    await buySeats(3);
    const github = (await keyClient("admin", "github")).client;
    const evotor = (await keyClient("admin", "evotor")).client;

    expect((await github.getEntitlement("github", ORG)).entitled).toBe(true);
    expect((await github.claimSeat("github", ORG, "alice")).granted).toBe(true);
    const other = await evotor.api.GET("/v1/entitlements/{marketplace}/{accountId}", {
      params: { path: { marketplace: "github", accountId: ORG } },
    });
    expect(other.response.status).toBe(403);
    expect(other.error).toMatchObject({ allowedMarketplace: "evotor" });
    const squat = await evotor.api.POST("/v1/entitlements/{marketplace}/{accountId}/seats", {
      params: { path: { marketplace: "github", accountId: ORG } },
      body: { userId: "mallory" },
    });
    expect(squat.response.status).toBe(403);

    // Lists only with the key's own marketplace as filter.
    const own = await evotor.api.GET("/v1/subscriptions", { params: { query: { marketplace: "evotor" } } });
    expect(own.response.status).toBe(200);
    expect((await evotor.api.GET("/v1/subscriptions")).response.status).toBe(403);
    expect(
      (await evotor.api.GET("/v1/subscriptions", { params: { query: { marketplace: "github" } } })).response
        .status,
    ).toBe(403);
    const mapping = await evotor.api.PUT("/v1/plans/{marketplace}/{planId}", {
      params: { path: { marketplace: "github", planId: "1" } },
      body: { features: ["all"] },
    });
    expect(mapping.response.status).toBe(403);

    // Customers span marketplaces: out of reach of a restricted key, even an admin one.
    const customer = await admin().api.POST("/v1/customers", { body: { externalId: "acme", name: "Acme" } });
    const customerId = customer.data?.id ?? "";
    const read = await github.api.GET("/v1/customers/{customerId}", { params: { path: { customerId } } });
    expect(read.response.status).toBe(403);
    const link = await evotor.api.POST("/v1/customers/{customerId}/links", {
      params: { path: { customerId } },
      body: { marketplace: "github", accountId: ORG },
    });
    expect(link.response.status).toBe(403);
    const exchange = await evotor.api.POST("/v1/onboarding/github/exchange", {
      body: { code: "x".repeat(43) },
    });
    expect(exchange.response.status).toBe(403);
  });

  it("accepts an admin-scoped key made like the CLI makes it on /admin/accounts, and no smaller scope", async () => {
    const request = (await import("supertest")).default;
    for (const scope of ["read", "seats"] as const) {
      const { secret } = await keyClient(scope);
      const refused = await request(context.app)
        .get("/admin/accounts")
        .set("Authorization", `Bearer ${secret}`);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ requiredScope: "admin" });
    }
    const { secret } = await keyClient("admin");
    await request(context.app)
      .post("/admin/accounts")
      .set("Authorization", `Bearer ${secret}`)
      .send({ username: "v.pupkin", password: "superpassword", hasBilling: false })
      .expect(201);
    const list = await request(context.app).get("/admin/accounts").set("Authorization", `Bearer ${secret}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { username: string }) => item.username)).toEqual(["v.pupkin"]);
  });

  it("combines a customer's linked accounts and flags a double purchase", async () => {
    await buySeats(2);
    await deliver(
      context.app,
      purchasePayload("purchased", "2026-03-01T00:00:00+00:00", { accountId: 55, unitCount: 4 }),
    ).expect(202);

    const created = await admin().api.POST("/v1/customers", { body: { externalId: "acme", name: "Acme" } });
    expect(created.response.status).toBe(201);
    const customerId = created.data?.id ?? "";
    for (const accountId of [ORG, "55"]) {
      const linked = await admin().api.POST("/v1/customers/{customerId}/links", {
        params: { path: { customerId } },
        body: { marketplace: "github", accountId },
      });
      expect(linked.response.status).toBe(200);
    }
    const duplicate = await admin().api.POST("/v1/customers", { body: { externalId: "acme" } });
    expect(duplicate.response.status).toBe(409);

    const other = await admin().api.POST("/v1/customers", { body: { externalId: "globex" } });
    const stolen = await admin().api.POST("/v1/customers/{customerId}/links", {
      params: { path: { customerId: other.data?.id ?? "" } },
      body: { marketplace: "github", accountId: ORG },
    });
    expect(stolen.response.status).toBe(409);

    const combined = await admin().api.GET("/v1/customers/{customerId}/entitlement", {
      params: { path: { customerId } },
    });
    expect(combined.data).toMatchObject({
      customerId,
      entitled: true,
      seats: { limit: 6, used: 0 },
      doublePurchase: true,
      sources: [
        { marketplace: "github", accountId: ORG, subscriptionIds: [ORG] },
        { marketplace: "github", accountId: "55", subscriptionIds: ["55"] },
      ],
    });

    const unlinked = await admin().api.DELETE("/v1/customers/{customerId}/links/{marketplace}/{accountId}", {
      params: { path: { customerId, marketplace: "github", accountId: "55" } },
    });
    expect(unlinked.response.status).toBe(204);
    const single = await admin().api.GET("/v1/customers/{customerId}/entitlement", {
      params: { path: { customerId } },
    });
    expect(single.data).toMatchObject({ doublePurchase: false, seats: { limit: 2 } });

    const missing = await admin().api.GET("/v1/customers/{customerId}", {
      params: { path: { customerId: "00000000-0000-4000-8000-000000000000" } },
    });
    expect(missing.response.status).toBe(404);
  });
});
