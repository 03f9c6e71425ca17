import { createEntitlementsClient } from "@marketplace-billing/contracts";
import request from "supertest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FULL_LIFE, USER_ID } from "../support/evotor-fixtures.js";
import { FakeGithub, listingAccount, listingPlan } from "../support/fake-github.js";
import { deliver, purchasePayload } from "../support/github-deliveries.js";
import { fakeGithubConfig } from "../support/github-onboarding-flow.js";
import { useListeningApp } from "../support/listening.js";
import { TEST_SECRETS, useTestApp } from "../support/test-app.js";

const fake = new FakeGithub();
beforeAll(() => fake.start());
afterAll(() => fake.stop());
const context = useTestApp({
  github: () => fakeGithubConfig(fake, { marketplaceListing: "acme-ci" }),
  sleep: async () => {},
});
const server = useListeningApp(() => context.app);
beforeEach(() => fake.reset());

const ORG = "18404719";
const client = () =>
  createEntitlementsClient({ baseUrl: server.url, apiKey: TEST_SECRETS.adminApiKey, retries: 0 });
const assign = (userIds: string[], marketplace: "github" | "evotor" = "github", accountId = ORG) =>
  client().api.PUT("/v1/entitlements/{marketplace}/{accountId}/seats", {
    params: { path: { marketplace, accountId } },
    body: { userIds },
  });
const seats = async (marketplace: "github" | "evotor" = "github", accountId = ORG) =>
  (
    await client().api.GET("/v1/entitlements/{marketplace}/{accountId}/seats", {
      params: { path: { marketplace, accountId } },
    })
  ).data;

/** A per-unit organization purchase of three seats (plan 435, number 5 in the listing once reconciled). */
async function purchaseThreeSeats() {
  await deliver(
    context.app,
    purchasePayload("purchased", "2026-03-01T00:00:00Z", { planId: 435, unitCount: 3 }),
  ).expect(202);
}

describe("PUT /v1/entitlements/{marketplace}/{accountId}/seats", () => {
  it("assigns a whole set at the limit, keeping the claim time of users who stay", async () => {
    await purchaseThreeSeats();
    const first = await assign(["ann", "bob", "cid"]);
    expect(first.response.status).toBe(200);
    expect(first.data).toMatchObject({ limit: 3, used: 3 });

    context.clock.advance(60_000);
    const second = await assign(["bob", "dee"]);
    expect(second.data?.seats.map((seat) => seat.userId).sort()).toEqual(["bob", "dee"]);
    const bob = second.data?.seats.find((seat) => seat.userId === "bob");
    const dee = second.data?.seats.find((seat) => seat.userId === "dee");
    expect(bob?.claimedAt).toBe(first.data?.seats.find((seat) => seat.userId === "bob")?.claimedAt);
    expect(dee?.claimedAt).not.toBe(bob?.claimedAt);
    expect(await seats()).toMatchObject({ used: 2 });
  });

  it("refuses a set over the limit with the limit and the upgrade URL, and changes nothing", async () => {
    await purchaseThreeSeats();
    // Reconciliation keeps the listing's plan numbers in the catalogue: plan 435 is number 5.
    fake.list(listingPlan(435), [listingAccount(Number(ORG), listingPlan(435), { unitCount: 3 })]);
    await context.deps.reconcileGithub();
    await assign(["ann", "bob"]);

    const over = await assign(["ann", "bob", "cid", "dee"]);
    expect(over.response.status).toBe(409);
    expect(over.error).toMatchObject({
      type: expect.stringMatching(/seat-limit-reached$/),
      limit: 3,
      requested: 4,
      used: 2,
      upgradeRequired: true,
      upgradeUrl: `https://github.com/marketplace/acme-ci/upgrade/5/${ORG}`,
    });
    expect((await seats())?.seats.map((seat) => seat.userId).sort()).toEqual(["ann", "bob"]);

    // A single claim at the limit says the same through the generated client.
    await assign(["ann", "bob", "cid"]);
    expect(await client().claimSeat("github", ORG, "dee")).toMatchObject({
      granted: false,
      reason: "seat-limit-reached",
      upgradeUrl: `https://github.com/marketplace/acme-ci/upgrade/5/${ORG}`,
    });
  });

  it("applies concurrent assignments one at a time: exactly one whole set is left", async () => {
    await purchaseThreeSeats();
    const sets = Array.from({ length: 8 }, (_, index) => [`a${index}`, `b${index}`, `c${index}`]);
    const answers = await Promise.all(sets.map((set) => assign(set)));
    expect(answers.every((answer) => answer.response.status === 200)).toBe(true);
    const held = ((await seats())?.seats.map((seat) => seat.userId) ?? []).sort();
    expect(sets.map((set) => [...set].sort())).toContainEqual(held);
  });

  it("never lets concurrent assignments and claims exceed the limit", async () => {
    await purchaseThreeSeats();
    const work = Array.from({ length: 6 }, (_, index) =>
      index % 2 === 0
        ? assign([`x${index}`, `y${index}`])
        : client().claimSeat("github", ORG, `solo${index}`),
    );
    await Promise.all(work);
    expect((await seats())?.used).toBeLessThanOrEqual(3);
  });

  it("refuses an account without a live subscription, and duplicate users", async () => {
    const none = await assign(["ann"]);
    expect(none.response.status).toBe(409);
    expect(none.error).toMatchObject({ type: expect.stringMatching(/not-entitled$/) });

    await purchaseThreeSeats();
    const duplicate = await request(context.app)
      .put(`/v1/entitlements/github/${ORG}/seats`)
      .set("Authorization", `Bearer ${TEST_SECRETS.adminApiKey}`)
      .send({ userIds: ["ann", "ann"] });
    expect(duplicate.status).toBe(400);
  });

  it("works for an Evotor user's devices", async () => {
    await request(context.app)
      .post("/evotor/api/v1/subscription/event")
      .set("Authorization", `Bearer ${TEST_SECRETS.evotorWebhookToken}`)
      .send(FULL_LIFE.created)
      .expect(200);
    context.clock.set("2026-01-05T00:00:00Z");
    expect((await assign(["device-1", "device-2"], "evotor", USER_ID)).data).toMatchObject({
      limit: 2,
      used: 2,
    });
    const over = await assign(["device-1", "device-2", "device-3"], "evotor", USER_ID);
    expect(over.error).toMatchObject({ limit: 2, requested: 3, upgradeUrl: null });
  });
});
