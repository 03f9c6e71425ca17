import { createEntitlementsClient } from "@marketplace-billing/contracts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeGithub, listingPlan, userPurchase } from "../support/fake-github.js";
import { deliver, purchasePayload } from "../support/github-deliveries.js";
import { callback, fakeGithubConfig, startFlow } from "../support/github-onboarding-flow.js";
import { useListeningApp } from "../support/listening.js";
import { TEST_SECRETS, useTestApp } from "../support/test-app.js";

const fake = new FakeGithub();
beforeAll(() => fake.start());
afterAll(() => fake.stop());
const context = useTestApp({ github: () => fakeGithubConfig(fake), sleep: async () => {} });
const server = useListeningApp(() => context.app);
beforeEach(() => fake.reset());

const team = listingPlan(435, { name: "Team", price_model: "PER_UNIT" });
const buyer = { id: 583231, login: "octocat", type: "User" };
const org = { id: 18404719, login: "octo-org", type: "Organization" as const };

/** A buyer goes through the setup URL; returns the code the product receives on its onboarding page. */
async function buyerOnboards(): Promise<string> {
  const code = fake.authorize(buyer, [userPurchase(org, team, 3)]);
  const flow = await startFlow(context.app);
  const { location } = await callback(context.app, { code, state: flow.state }, flow.cookie);
  return location?.searchParams.get("onboarding_code") ?? "";
}

const admin = () =>
  createEntitlementsClient({ baseUrl: server.url, apiKey: TEST_SECRETS.adminApiKey, retries: 0 });

describe("POST /v1/onboarding/github/exchange", () => {
  it("ends a purchase made through the setup URL with a linked customer and its entitlement", async () => {
    const onboardingCode = await buyerOnboards();
    const api = admin().api;
    const customer = await api.POST("/v1/customers", { body: { externalId: "acme", name: "Acme" } });
    const customerId = customer.data?.id ?? "";

    const exchange = await api.POST("/v1/onboarding/github/exchange", {
      body: { code: onboardingCode, customerId },
    });
    expect(exchange.response.status).toBe(200);
    expect(exchange.data).toMatchObject({
      githubUser: { id: String(buyer.id), login: "octocat" },
      customerId,
    });
    // The organization it bought for, and the buyer's own account (which bought nothing itself).
    expect(exchange.data?.accounts).toEqual([
      expect.objectContaining({
        accountId: String(org.id),
        type: "Organization",
        planId: "435",
        seatsClaimable: true,
        entitlement: expect.objectContaining({
          entitled: true,
          status: "active",
          seats: { limit: 3, used: 0 },
        }),
      }),
      expect.objectContaining({
        accountId: String(buyer.id),
        planId: null,
        seatsClaimable: false,
        entitlement: expect.objectContaining({ entitled: false, status: "none" }),
      }),
    ]);
    const entitlement = await api.GET("/v1/customers/{customerId}/entitlement", {
      params: { path: { customerId } },
    });
    expect(entitlement.data).toMatchObject({ entitled: true, seats: { limit: 3 } });
    expect(entitlement.data?.sources.map((source) => source.accountId).sort()).toEqual(
      [String(buyer.id), String(org.id)].sort(),
    );

    // The buyer's product users claim the organization's seats.
    const client = admin();
    for (const user of ["u1", "u2", "u3"]) {
      expect((await client.claimSeat("github", String(org.id), user)).granted).toBe(true);
    }
    expect(await client.claimSeat("github", String(org.id), "u4")).toMatchObject({
      granted: false,
      limit: 3,
    });

    // The webhook arriving after onboarding is the same purchase, not a second one.
    await deliver(
      context.app,
      purchasePayload("purchased", "2026-03-01T00:00:00+00:00", { unitCount: 3 }),
    ).expect(202);
    const after = await client.getEntitlement("github", String(org.id));
    expect(after.doublePurchase).toBe(false);
  });

  it("is single use and refuses codes it never issued", async () => {
    const onboardingCode = await buyerOnboards();
    const api = admin().api;
    expect(
      (await api.POST("/v1/onboarding/github/exchange", { body: { code: onboardingCode } })).response.status,
    ).toBe(200);
    const again = await api.POST("/v1/onboarding/github/exchange", { body: { code: onboardingCode } });
    expect(again.response.status).toBe(410);
    const forged = await api.POST("/v1/onboarding/github/exchange", { body: { code: "not-a-code" } });
    expect(forged.response.status).toBe(400);
  });

  it("expires codes after a few minutes", async () => {
    const onboardingCode = await buyerOnboards();
    context.clock.advance(60 * 60 * 1000);
    const late = await admin().api.POST("/v1/onboarding/github/exchange", { body: { code: onboardingCode } });
    expect(late.response.status).toBe(410);
  });

  it("says who bought what when an account already belongs to another customer", async () => {
    const api = admin().api;
    const other = await api.POST("/v1/customers", { body: { externalId: "globex" } });
    await api.POST("/v1/customers/{customerId}/links", {
      params: { path: { customerId: other.data?.id ?? "" } },
      body: { marketplace: "github", accountId: String(org.id) },
    });
    const mine = await api.POST("/v1/customers", { body: { externalId: "acme" } });
    const onboardingCode = await buyerOnboards();
    const conflict = await api.POST("/v1/onboarding/github/exchange", {
      body: { code: onboardingCode, customerId: mine.data?.id ?? "" },
    });
    expect(conflict.response.status).toBe(409);
    expect(conflict.error).toMatchObject({ githubUser: { login: "octocat" } });
    expect((conflict.error as unknown as { accountIds: string[] }).accountIds).toContain(String(org.id));
    // All or nothing: the buyer's own account was not linked either.
    const customer = await api.GET("/v1/customers/{customerId}", {
      params: { path: { customerId: mine.data?.id ?? "" } },
    });
    expect(customer.data?.links).toEqual([]);
  });

  it("needs an admin key", async () => {
    const { generateApiKey } = await import("../../src/domain/entitlements/api-keys.js");
    const key = generateApiKey();
    await context.deps.apiKeys.create({
      ...key,
      name: "product",
      scopes: ["read"],
      createdAt: context.clock.now(),
      revokedAt: null,
    });
    const read = createEntitlementsClient({ baseUrl: server.url, apiKey: key.secret, retries: 0 });
    const answer = await read.api.POST("/v1/onboarding/github/exchange", { body: { code: "x" } });
    expect(answer.response.status).toBe(403);
  });
});

describe("pruning onboarding records", () => {
  it("forgets expired states and codes, keeping codes a day so a late exchange is told it expired", async () => {
    const onboardingCode = await buyerOnboards();
    expect(await context.deps.pruneGithubOnboarding()).toEqual({ codes: 0, nonces: 0 });

    context.clock.advance(60 * 60 * 1000);
    expect(await context.deps.pruneGithubOnboarding()).toEqual({ codes: 0, nonces: 1 });
    const late = await admin().api.POST("/v1/onboarding/github/exchange", { body: { code: onboardingCode } });
    expect(late.response.status).toBe(410);

    context.clock.advance(2 * 86_400_000);
    expect(await context.deps.pruneGithubOnboarding()).toEqual({ codes: 1, nonces: 0 });
  });
});
