import { createEntitlementsClient } from "@marketplace-billing/contracts";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { FULL_LIFE, FULL_LIFE_IN_ORDER, subscriptionPayload, USER_ID } from "../support/evotor-fixtures.js";
import { deliver as deliverGithub, purchasePayload } from "../support/github-deliveries.js";
import { useListeningApp } from "../support/listening.js";
import { TEST_SECRETS, useTestApp } from "../support/test-app.js";
import { resetTables } from "../support/test-database.js";

const context = useTestApp();
const server = useListeningApp(() => context.app);
const client = () =>
  createEntitlementsClient({ baseUrl: server.url, apiKey: TEST_SECRETS.adminApiKey, retries: 0 });

function deliver(payload: Record<string, unknown>) {
  const path =
    "subscriptionId" in payload ? "/evotor/api/v1/subscription/event" : "/evotor/api/v2/installation/event";
  return request(context.app)
    .post(path)
    .set("Authorization", `Bearer ${TEST_SECRETS.evotorWebhookToken}`)
    .send(payload)
    .expect(200);
}

/** A deterministic shuffle, so a failing order can be reproduced. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let index = copy.length - 1; index > 0; index -= 1) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const other = state % (index + 1);
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

describe("Evotor accounts through the entitlements API", () => {
  it("follows a user's life, read through the generated client at each stage", async () => {
    const api = client();
    await deliver(FULL_LIFE.created);
    context.clock.set("2026-01-05T00:00:00Z");
    expect(await api.getEntitlement("evotor", USER_ID)).toMatchObject({
      entitled: true,
      status: "trialing",
      plan: { planId: "basic" },
      seats: { limit: 2, used: 0 },
      trial: { endsAt: "2026-01-15T10:00:00.000Z", daysLeft: 11 },
      billedBy: "marketplace",
    });

    for (const payload of [FULL_LIFE.activated, FULL_LIFE.renewed, FULL_LIFE.termsChanged]) {
      await deliver(payload);
    }
    context.clock.set("2026-02-25T00:00:00Z");
    expect(await api.getEntitlement("evotor", USER_ID)).toMatchObject({
      status: "active",
      plan: { planId: "pro" },
      seats: { limit: 5 },
      currentPeriodEnd: "2026-03-15T10:06:00.000Z",
    });

    await deliver(FULL_LIFE.terminationRequested);
    expect((await api.getEntitlement("evotor", USER_ID)).status).toBe("pending_cancellation");
    await deliver(FULL_LIFE.terminated);
    context.clock.set("2026-03-16T00:00:00Z");
    expect(await api.getEntitlement("evotor", USER_ID)).toMatchObject({
      entitled: false,
      status: "cancelled",
    });

    const history = await api.api.GET("/v1/entitlements/{marketplace}/{accountId}/history", {
      params: { path: { marketplace: "evotor", accountId: USER_ID } },
    });
    expect(history.data?.events.map((event) => event.type)).toEqual([
      "SubscriptionCreated",
      "SubscriptionActivated",
      "SubscriptionRenewed",
      "SubscriptionTermsChanged",
      "SubscriptionTerminationRequested",
      "SubscriptionTerminated",
    ]);
    expect(history.data?.events[3]?.changes).toEqual(
      expect.arrayContaining([{ field: "planId", from: "basic", to: "pro" }]),
    );
  });

  it("reaches the same entitlement for shuffled deliveries of the full life", async () => {
    for (const payload of FULL_LIFE_IN_ORDER) {
      await deliver(payload);
    }
    const inOrder = await client().getEntitlement("evotor", USER_ID);
    const inOrderAtEnd = (await context.deps.subscriptions.findByAccount("evotor", USER_ID)).map(
      ({ updatedAt: _u, lastEventId: _l, ...rest }) => rest,
    );

    for (const seed of [1, 2, 3, 4, 5]) {
      await resetTables(context.database);
      for (const payload of shuffled(FULL_LIFE_IN_ORDER, seed)) {
        await deliver(payload);
      }
      const entitlement = await client().getEntitlement("evotor", USER_ID);
      expect({ ...entitlement, updatedAt: null }).toEqual({ ...inOrder, updatedAt: null });
      const state = (await context.deps.subscriptions.findByAccount("evotor", USER_ID)).map(
        ({ updatedAt: _u, lastEventId: _l, ...rest }) => rest,
      );
      expect(state).toEqual(inOrderAtEnd);
    }
  });

  it("adds up the devices of a user's two subscriptions", async () => {
    await deliver(FULL_LIFE.created);
    await deliver(
      subscriptionPayload(
        "SubscriptionCreated",
        1,
        "2026-01-02T00:00:00Z",
        { planId: "extra", trialPeriodDuration: "P14DT", deviceNumber: 3 },
        "b0000000-0000-4000-8000-000000000002",
      ),
    );
    context.clock.set("2026-01-05T00:00:00Z");
    const entitlement = await client().getEntitlement("evotor", USER_ID);
    expect(entitlement.seats.limit).toBe(5);
    expect(entitlement.source.subscriptionIds).toHaveLength(2);
  });

  it("combines an Evotor user and a GitHub organization under one customer", async () => {
    await deliver(FULL_LIFE.created);
    await deliverGithub(
      context.app,
      purchasePayload("purchased", "2026-03-01T00:00:00+00:00", { unitCount: 4 }),
    ).expect(202);
    context.clock.set("2026-01-05T00:00:00Z");
    const api = client();
    const customer = await api.api.POST("/v1/customers", { body: { externalId: "shop-42" } });
    const customerId = customer.data?.id ?? "";
    for (const link of [
      { marketplace: "evotor" as const, accountId: USER_ID },
      { marketplace: "github" as const, accountId: "18404719" },
    ]) {
      await api.api.POST("/v1/customers/{customerId}/links", {
        params: { path: { customerId } },
        body: link,
      });
    }
    const combined = await api.api.GET("/v1/customers/{customerId}/entitlement", {
      params: { path: { customerId } },
    });
    expect(combined.data).toMatchObject({
      entitled: true,
      sources: [{ marketplace: "evotor" }, { marketplace: "github" }],
    });
  });
});
