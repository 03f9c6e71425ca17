import { createEntitlementsClient } from "@marketplace-billing/contracts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hashApiKey } from "../../src/domain/entitlements/api-keys.js";
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

const team = listingPlan(435, { name: "Team", price_model: "FLAT_RATE" });
const buyer = { id: 583231, login: "octocat", type: "User" };
const org = { id: 18404719, login: "Octo-Org", type: "Organization" as const };
const MEMBERS = [1, 2, 3, 4, 5].map((id) => ({ id: 9000 + id, login: `member-${id}`, type: "User" }));

const api = (key = TEST_SECRETS.adminApiKey) =>
  createEntitlementsClient({ baseUrl: server.url, apiKey: key, retries: 0 }).api;

/** The buyer signs in through the setup URL; returns the token the fake GitHub gave it. */
async function buyerOnboards(account: { id: number; login: string; type: "User" | "Organization" } = org) {
  const code = fake.authorize(buyer, [userPurchase(account, team, null)]);
  const flow = await startFlow(context.app);
  expect(flow.authorizeUrl.searchParams.get("scope")).toBe("read:org");
  const { location } = await callback(context.app, { code, state: flow.state }, flow.cookie);
  expect(location?.searchParams.get("onboarding_code")).toBeTruthy();
  return [...fake.users.keys()].find((token) => fake.users.get(token)?.id === buyer.id) ?? "";
}

const members = (accountId = String(org.id), key?: string) =>
  api(key).GET("/v1/entitlements/github/{accountId}/members", { params: { path: { accountId } } });

describe("GET /v1/entitlements/github/{accountId}/members", () => {
  it("lists every member of the organization, following GitHub's pages, with the buyer's token", async () => {
    const token = await buyerOnboards();
    fake.orgMembers.set("octo-org", MEMBERS);
    fake.requests.length = 0;

    const { data, response } = await members();
    expect(response.status).toBe(200);
    expect(data).toEqual({
      accountId: String(org.id),
      login: "Octo-Org",
      members: MEMBERS.map((member) => ({ id: String(member.id), login: member.login, type: "User" })),
    });
    // Five members at two per page: three pages, each asked with the buyer's own token.
    const pages = fake.requests.filter((request) => request.path === "/orgs/Octo-Org/members");
    expect(pages.map((request) => request.query.page)).toEqual(["1", "2", "3"]);
    expect(pages.every((request) => request.authorization === `Bearer ${token}`)).toBe(true);
  });

  it("asks the buyer to sign in again when no token is held", async () => {
    // The purchase arrived by webhook; nobody went through onboarding.
    await deliver(context.app, purchasePayload("purchased", "2026-03-01T00:00:00Z", { planId: 435 })).expect(
      202,
    );
    const { error, response } = await members();
    expect(response.status).toBe(409);
    expect(error).toMatchObject({
      type: expect.stringMatching(/github-sign-in-required$/),
      reason: "no_token",
      detail: expect.stringContaining("sign in again"),
    });
  });

  it("takes a 401 from GitHub for an expired token and asks for a new sign-in", async () => {
    const token = await buyerOnboards();
    fake.orgMembers.set("octo-org", MEMBERS);
    fake.users.delete(token); // GitHub no longer accepts it.
    const { error, response } = await members();
    expect(response.status).toBe(409);
    expect(error).toMatchObject({ reason: "token_expired" });
  });

  it("says so when GitHub refuses the listing to the token (no read:org)", async () => {
    const token = await buyerOnboards();
    fake.orgMembers.set("octo-org", MEMBERS);
    fake.withoutReadOrg.add(token);
    const { error, response } = await members();
    expect(response.status).toBe(409);
    expect(error).toMatchObject({ reason: "access_denied" });
  });

  it("answers 502 while GitHub is down, and 409 for a personal account", async () => {
    await buyerOnboards();
    fake.orgMembers.set("octo-org", MEMBERS);
    fake.failWith = 503;
    expect((await members()).response.status).toBe(502);
    fake.failWith = null;

    const personal = await members(String(buyer.id));
    expect(personal.response.status).toBe(409);
    expect(personal.error).toMatchObject({ type: expect.stringMatching(/not-an-organization$/) });
  });

  it("is not for read keys", async () => {
    await context.deps.apiKeys.create({
      id: "00000000-0000-4000-8000-000000000001",
      name: "product",
      scopes: ["read"],
      createdAt: new Date(),
      revokedAt: null,
      hash: hashApiKey("mbk_read_key"),
    });
    expect((await members(String(org.id), "mbk_read_key")).response.status).toBe(403);
  });
});
