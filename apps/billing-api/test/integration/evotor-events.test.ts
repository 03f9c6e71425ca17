import request from "supertest";
import { describe, expect, it } from "vitest";
import { deviceAllowance } from "../../src/domain/evotor/device-allowance.js";
import { statusAt } from "../../src/domain/subscriptions/subscription-status.js";
import {
  FULL_LIFE,
  FULL_LIFE_IN_ORDER,
  permutations,
  SUBSCRIPTION_ID,
  subscriptionPayload,
  USER_ID,
} from "../support/evotor-fixtures.js";
import { TEST_SECRETS, useTestApp } from "../support/test-app.js";

const context = useTestApp();
const BEARER = `Bearer ${TEST_SECRETS.evotorWebhookToken}`;
const SUBSCRIPTION_EVENT = "/evotor/api/v1/subscription/event";
const LEGACY_EVENT = "/evotor/api/v1/user/event";
const INSTALLATION_EVENT = "/evotor/api/v2/installation/event";

function post(path: string, body: unknown, authorization = BEARER) {
  return request(context.app)
    .post(path)
    .set("Authorization", authorization)
    .send(body as object);
}

function deliver(payload: Record<string, unknown>) {
  return post("subscriptionId" in payload ? SUBSCRIPTION_EVENT : INSTALLATION_EVENT, payload);
}

async function storedEvents() {
  return context.deps.eventLog.listForAccount("evotor", USER_ID);
}

async function subscription() {
  const [only, ...others] = await context.deps.subscriptions.findByAccount("evotor", USER_ID);
  expect(others).toHaveLength(0);
  return only;
}

const at = (iso: string) => new Date(iso);

describe("Evotor subscription events", () => {
  it("stores the reference SubscriptionCreated (P14DT, +0000) and starts a trial", async () => {
    await deliver(FULL_LIFE.created).expect(200, {});

    const [event] = await storedEvents();
    expect(event).toMatchObject({
      marketplace: "evotor",
      source: "webhook",
      eventType: "SubscriptionCreated",
      dedupeKey: `subscription:${USER_ID}:${SUBSCRIPTION_ID}:1`,
      accountId: USER_ID,
      status: "applied",
      payload: FULL_LIFE.created,
    });
    expect(event?.headers).not.toHaveProperty("authorization");
    expect(JSON.parse(new TextDecoder().decode(event?.rawBody))).toEqual(FULL_LIFE.created);

    const stored = await subscription();
    expect(stored).toMatchObject({ planId: "basic", units: 2, trialEndsAt: at("2026-01-15T10:00:00Z") });
    expect(statusAt(stored!, at("2026-01-10T00:00:00Z"))).toBe("trialing");
  });

  it("accepts every event type, both timestamp styles and the seed's path and SubscriptionCancelled", async () => {
    const addons = subscriptionPayload("AddonsUpdated", 7, "2026-02-01T00:00:00Z", {
      addons: [{ id: "loyalty", quantity: 1 }],
    });
    for (const payload of [
      FULL_LIFE.created,
      FULL_LIFE.activated,
      FULL_LIFE.renewed,
      FULL_LIFE.termsChanged,
      FULL_LIFE.terminationRequested,
      FULL_LIFE.terminated,
      addons,
    ]) {
      await deliver(payload).expect(200);
    }
    const cancelled = subscriptionPayload(
      "SubscriptionCancelled",
      1,
      "2026-01-02T00:00:00.000+0000",
      {},
      "33333333-3333-4333-8333-333333333333",
    );
    await post(LEGACY_EVENT, cancelled).expect(200, {});

    const events = await storedEvents();
    expect(events.map((event) => event.eventType)).toEqual([
      "SubscriptionCreated",
      "SubscriptionActivated",
      "SubscriptionRenewed",
      "SubscriptionTermsChanged",
      "SubscriptionTerminationRequested",
      "SubscriptionTerminated",
      "AddonsUpdated",
      "SubscriptionCancelled",
    ]);
    expect(events.every((event) => event.status === "applied")).toBe(true);
    const subscriptions = await context.deps.subscriptions.findByAccount("evotor", USER_ID);
    const main = subscriptions.find((s) => s.subscriptionId === SUBSCRIPTION_ID);
    expect(main).toMatchObject({
      planId: "pro",
      units: 5,
      details: { addons: [{ id: "loyalty", quantity: 1 }] },
    });
    const plans = await context.database.dataSource.query(
      `SELECT plan_id FROM "plan" WHERE marketplace = 'evotor' ORDER BY plan_id`,
    );
    expect(plans).toEqual([{ plan_id: "basic" }, { plan_id: "pro" }]);
  });

  it("stores the reference ApplicationInstalled (unix ms) keyed by its id", async () => {
    await deliver(FULL_LIFE.created).expect(200);
    await deliver(FULL_LIFE.installed).expect(200, {});
    const events = await storedEvents();
    expect(events[1]).toMatchObject({
      eventType: "ApplicationInstalled",
      dedupeKey: `installation:${USER_ID}:${FULL_LIFE.installed.id}`,
      accountId: USER_ID,
    });
    expect((await subscription())?.details.installation).toMatchObject({ installed: true });
  });

  it("answers a duplicate with 200 and changes nothing", async () => {
    await deliver(FULL_LIFE.created).expect(200);
    await deliver(FULL_LIFE.activated).expect(200);
    const before = await subscription();
    context.clock.advance(60_000);
    await deliver(FULL_LIFE.activated).expect(200, {});
    // A retry may renew the send time: still the same event.
    await deliver({ ...FULL_LIFE.activated, timestamp: "2026-01-16T10:00:00.000+0000" }).expect(200, {});

    expect(await storedEvents()).toHaveLength(2);
    expect(await subscription()).toEqual(before);
  });

  it("reaches the in-order state for every arrival order of a short sequence", async () => {
    const sequence = [FULL_LIFE.created, FULL_LIFE.activated, FULL_LIFE.renewed];
    let expected: unknown;
    for (const order of permutations(sequence)) {
      await context.database.dataSource.query(
        `TRUNCATE "inbound_event", "subscription", "plan" RESTART IDENTITY`,
      );
      for (const payload of order) {
        await deliver(payload).expect(200);
      }
      const { lastEventId: _id, updatedAt: _at, ...state } = (await subscription())!;
      expected ??= state;
      expect(state).toEqual(expected);
    }
    expect(expected).toMatchObject({ currentPeriodEnd: at("2026-03-15T10:06:00Z") });
  });

  it("replays the full life in shuffled orders to the in-order state", async () => {
    const life = FULL_LIFE_IN_ORDER;
    const orders = [
      life,
      [...life].reverse(),
      [life[3], life[6], life[0], life[5], life[1], life[4], life[2]],
    ];
    const states = [];
    for (const order of orders) {
      await context.database.dataSource.query(
        `TRUNCATE "inbound_event", "subscription", "plan" RESTART IDENTITY`,
      );
      for (const payload of order) {
        await deliver(payload as Record<string, unknown>).expect(200);
      }
      const { lastEventId: _id, updatedAt: _at, ...state } = (await subscription())!;
      states.push(state);
    }
    expect(states[1]).toEqual(states[0]);
    expect(states[2]).toEqual(states[0]);
    const final = (await subscription())!;
    expect(statusAt(final, at("2026-03-10T00:00:00Z"))).toBe("pending_cancellation");
    expect(statusAt(final, at("2026-03-16T00:00:00Z"))).toBe("cancelled");
    expect(final).toMatchObject({ planId: "pro", units: 5, endsAt: at("2026-03-15T10:06:00Z") });
  });

  it("sums the devices of a user's two live subscriptions", async () => {
    const second = "44444444-4444-4444-8444-444444444444";
    await deliver(FULL_LIFE.created).expect(200);
    await deliver(
      subscriptionPayload(
        "SubscriptionCreated",
        1,
        "2026-01-03T00:00:00Z",
        {
          planId: "pro",
          trialPeriodDuration: "P30DT",
          deviceNumber: 3,
        },
        second,
      ),
    ).expect(200);
    const subscriptions = await context.deps.subscriptions.findByAccount("evotor", USER_ID);
    expect(subscriptions).toHaveLength(2);
    expect(deviceAllowance(subscriptions, at("2026-01-10T00:00:00Z"))).toBe(5);
  });
});

describe("Evotor event authentication and errors", () => {
  it("accepts Bearer, bare and Basic forms of the app token", async () => {
    await post(SUBSCRIPTION_EVENT, FULL_LIFE.created, TEST_SECRETS.evotorWebhookToken).expect(200);
    await post(SUBSCRIPTION_EVENT, FULL_LIFE.activated, `Basic ${TEST_SECRETS.evotorWebhookToken}`).expect(
      200,
    );
    expect(await storedEvents()).toHaveLength(2);
  });

  it("refuses a missing or wrong token with 401 and code 1001, storing nothing", async () => {
    for (const authorization of [
      undefined,
      "Bearer wrong-token-0123456789",
      "Token abc",
      `Basic ${Buffer.from("a:b").toString("base64")}`,
    ]) {
      const call = request(context.app).post(SUBSCRIPTION_EVENT).send(FULL_LIFE.created);
      const response = await (authorization ? call.set("Authorization", authorization) : call).expect(401);
      expect(response.body).toEqual({ errors: [{ code: 1001, reason: "unauthorized" }] });
    }
    expect(await storedEvents()).toHaveLength(0);
  });

  it("answers malformed JSON with 2001", async () => {
    const response = await request(context.app)
      .post(SUBSCRIPTION_EVENT)
      .set("Authorization", BEARER)
      .set("Content-Type", "application/json")
      .send('{"subscriptionId": ')
      .expect(400);
    expect(response.body).toEqual({ errors: [{ code: 2001, reason: "syntax error" }] });
  });

  it("answers a missing field with 2002 naming it, and a wrong value with 2003", async () => {
    const { sequenceNumber: _s, ...withoutSequence } = FULL_LIFE.created;
    expect((await deliver(withoutSequence).expect(400)).body).toEqual({
      errors: [{ code: 2002, reason: "missing", subject: "sequenceNumber" }],
    });
    const { planId: _p, ...createdWithoutPlan } = FULL_LIFE.created;
    expect((await deliver(createdWithoutPlan).expect(400)).body).toEqual({
      errors: [{ code: 2002, reason: "missing", subject: "planId" }],
    });
    const { nextBillingDate: _n, ...activatedWithoutDate } = FULL_LIFE.activated;
    expect((await deliver(activatedWithoutDate).expect(400)).body).toEqual({
      errors: [{ code: 2002, reason: "missing", subject: "nextBillingDate" }],
    });
    expect(
      (await deliver({ ...FULL_LIFE.created, trialPeriodDuration: "14 days" }).expect(400)).body,
    ).toEqual({
      errors: [{ code: 2003, reason: "incorrect", subject: "trialPeriodDuration", value: "14 days" }],
    });
    expect((await deliver({ ...FULL_LIFE.created, timestamp: "20 April 2017" }).expect(400)).body).toEqual({
      errors: [{ code: 2003, reason: "incorrect", subject: "timestamp", value: "20 April 2017" }],
    });
    expect((await deliver({ ...FULL_LIFE.created, userId: "1" }).expect(400)).body).toMatchObject({
      errors: [{ code: 2003, subject: "userId", value: "1" }],
    });
    const { data: _d, ...installedWithoutData } = FULL_LIFE.installed;
    expect((await deliver(installedWithoutData).expect(400)).body).toEqual({
      errors: [{ code: 2002, reason: "missing", subject: "data" }],
    });
    expect(await storedEvents()).toHaveLength(0);
    const [{ count }] = await context.database.dataSource.query(
      `SELECT count(*)::int AS count FROM inbound_event`,
    );
    expect(count).toBe(0);
  });

  it("accepts fields and event types Evotor adds later", async () => {
    await deliver({ ...FULL_LIFE.created, brandNewField: { nested: [1, 2] } }).expect(200);
    await deliver(subscriptionPayload("SubscriptionPaused", 2, "2026-01-02T00:00:00Z")).expect(200);
    const events = await storedEvents();
    // An unknown type is folded too: it holds its place in the sequence (listed in the details).
    expect(events.map((event) => event.status)).toEqual(["applied", "applied"]);
  });

  it("refuses a per-user token on every notification path with 1001 and stores nothing", async () => {
    const created = await post("/evotor/api/v1/user/create", {
      userId: USER_ID,
      email: "a@example.com",
    }).expect(200);
    const userBearer = `Bearer ${created.body.token}`;
    // The attack: a merchant holding its own token grants itself a paid plan.
    const selfGrant = [
      [SUBSCRIPTION_EVENT, { ...FULL_LIFE.created, deviceNumber: 500 }],
      [LEGACY_EVENT, { ...FULL_LIFE.activated, nextBillingDate: "2099-01-01T00:00:00.000+0000" }],
      [INSTALLATION_EVENT, FULL_LIFE.installed],
    ] as const;
    for (const [path, body] of selfGrant) {
      for (const authorization of [userBearer, created.body.token as string]) {
        expect((await post(path, body, authorization).expect(401)).body).toEqual({
          errors: [{ code: 1001, reason: "unauthorized" }],
        });
      }
    }
    // Nor does it open the account requests.
    await post("/evotor/api/v1/user/token", { userId: USER_ID, token: "x" }, userBearer).expect(401);
    const [{ count }] = await context.database.dataSource.query(
      `SELECT count(*)::int AS count FROM inbound_event`,
    );
    expect(count).toBe(0);
    expect(await context.deps.subscriptions.findByAccount("evotor", USER_ID)).toHaveLength(0);
  });

  it("answers an unknown Evotor path with 404 {}", async () => {
    await post("/evotor/api/v1/nothing", {}).expect(404, {});
  });
});
