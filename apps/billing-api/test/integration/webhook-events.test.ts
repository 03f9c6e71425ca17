import { type BillingEvent, verifyBillingEvent } from "@marketplace-billing/contracts";
import { Webhook } from "standardwebhooks";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { composeApp } from "../../src/composition.js";
import { dispatchDue } from "../../src/domain/outbound/dispatch.js";
import { createLogger } from "../../src/logger.js";
import { useEventReceiver } from "../support/event-receiver.js";
import { deliver, purchasePayload } from "../support/github-deliveries.js";
import { TEST_SECRETS, useTestApp } from "../support/test-app.js";
import { connectTestDatabase } from "../support/test-database.js";

const context = useTestApp();
const receiver = useEventReceiver();
const ORG = "18404719";
const auth = { Authorization: `Bearer ${TEST_SECRETS.adminApiKey}` };

async function createEndpoint(body: Record<string, unknown> = {}) {
  const response = await request(context.app)
    .post("/v1/webhook-endpoints")
    .set(auth)
    .send({ url: receiver.url, ...body })
    .expect(201);
  return response.body as { id: string; secret: string };
}

/**
 * Sends what is due, as the dispatcher loop does, and returns the events received. Signatures are checked with
 * `verifyBillingEvent` while the test clock is near the real one; after the clock moved, by re-signing with
 * `standardwebhooks` at the sent timestamp (verify refuses timestamps 5 minutes from the real clock).
 */
async function dispatch(secret: string): Promise<BillingEvent[]> {
  receiver.received.length = 0;
  await dispatchDue(context.deps.outbound.dispatch);
  return receiver.received.map((delivery) => {
    const timestamp = Number(delivery.headers["webhook-timestamp"]);
    if (Math.abs(timestamp * 1000 - Date.now()) < 60_000) {
      return verifyBillingEvent(delivery.body, delivery.headers, secret);
    }
    const expected = new Webhook(secret).sign(
      String(delivery.headers["webhook-id"]),
      new Date(timestamp * 1000),
      delivery.body,
    );
    expect(String(delivery.headers["webhook-signature"]).split(" ")).toContain(expected);
    return JSON.parse(delivery.body) as BillingEvent;
  });
}

function startNow() {
  context.clock.set(new Date().toISOString());
}

function isoDate(offsetDays: number): string {
  return new Date(context.clock.now().getTime() + offsetDays * 86_400_000).toISOString();
}

describe("outbound events", () => {
  it("manages endpoints: the secret is shown once, stored sealed, and an http URL must be loopback", async () => {
    const { id, secret } = await createEndpoint({ events: ["entitlement.updated"], description: "product" });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const stored = await context.database.dataSource.query(
      `SELECT "secret_sealed" FROM "webhook_endpoint" WHERE "id" = $1`,
      [id],
    );
    expect(JSON.stringify(stored)).not.toContain(secret.slice(6));
    const got = await request(context.app).get(`/v1/webhook-endpoints/${id}`).set(auth).expect(200);
    expect(got.body).toMatchObject({ id, url: receiver.url, events: ["entitlement.updated"], enabled: true });
    expect(got.body.secret).toBeUndefined();
    await request(context.app)
      .post("/v1/webhook-endpoints")
      .set(auth)
      .send({ url: "http://example.com/hook" })
      .expect(400);
    await request(context.app)
      .patch(`/v1/webhook-endpoints/${id}`)
      .set(auth)
      .send({ events: null, description: null })
      .expect(200)
      .expect((response) => expect(response.body).toMatchObject({ events: null, description: null }));
    const list = await request(context.app).get("/v1/webhook-endpoints").set(auth).expect(200);
    expect(list.body.items).toHaveLength(1);
    await request(context.app).delete(`/v1/webhook-endpoints/${id}`).set(auth).expect(204);
    await request(context.app).get(`/v1/webhook-endpoints/${id}`).set(auth).expect(404);
  });

  it("refuses an unknown key, a read key, and an admin key restricted to one marketplace", async () => {
    await request(context.app).get("/v1/webhook-endpoints").set({ Authorization: "Bearer nope" }).expect(401);
    const keyWith = async (body: Record<string, unknown>) => {
      const made = await request(context.app).post("/v1/api-keys").set(auth).send(body).expect(201);
      return { Authorization: `Bearer ${(made.body as { key: string }).key}` };
    };
    const read = await keyWith({ name: "product", scopes: ["read"] });
    await request(context.app).get("/v1/webhook-endpoints").set(read).expect(403);
    // Endpoints receive every marketplace's events: a key for one marketplace may not manage them.
    const githubAdmin = await keyWith({ name: "github operator", scopes: ["admin"], marketplace: "github" });
    const refused = await request(context.app)
      .post("/v1/webhook-endpoints")
      .set(githubAdmin)
      .send({ url: "http://127.0.0.1:9/hook" })
      .expect(403);
    expect(refused.body).toMatchObject({ allowedMarketplace: "github" });
    await request(context.app).get("/v1/webhook-endpoints").set(githubAdmin).expect(403);
    const admin = await keyWith({ name: "operator", scopes: ["admin"] });
    await request(context.app).get("/v1/webhook-endpoints").set(admin).expect(200);
  });

  it("sends a signed entitlement.updated for a purchase, once, with a growing sequence", async () => {
    startNow();
    const { secret } = await createEndpoint();
    await deliver(context.app, purchasePayload("purchased", isoDate(0), { unitCount: 5 })).expect(202);
    const [first, ...rest] = await dispatch(secret);
    expect(rest).toEqual([]);
    expect(first?.type).toBe("entitlement.updated");
    if (first?.type !== "entitlement.updated") {
      throw new Error("unreachable");
    }
    expect(first.data.account).toEqual({ marketplace: "github", accountId: ORG });
    expect(first.data.entitlement).toMatchObject({ entitled: true, status: "active", seats: { limit: 5 } });
    expect(first.data.changes.map((change) => change.field)).toContain("entitled");
    expect(await dispatch(secret)).toEqual([]);

    // A delivery that changes nothing announces nothing; a seat change does.
    await deliver(context.app, purchasePayload("changed", isoDate(0), { unitCount: 5 })).expect(202);
    expect(await dispatch(secret)).toEqual([]);
    await deliver(context.app, purchasePayload("changed", isoDate(0), { unitCount: 8 })).expect(202);
    const [second] = await dispatch(secret);
    if (second?.type !== "entitlement.updated") {
      throw new Error(`got ${second?.type}`);
    }
    expect(second.data.changes).toEqual([{ field: "seatLimit", from: 5, to: 8 }]);
    expect(second.data.sequence).toBeGreaterThan(first.data.sequence);
  });

  it("announces a trial's end once, TRIAL_WILL_END_DAYS before it, and the trial ending, from the sweep", async () => {
    startNow();
    const { secret } = await createEndpoint();
    const trialEnd = isoDate(10);
    await deliver(
      context.app,
      // The period end lies beyond the test's days: its renewal would be announced too.
      purchasePayload("purchased", isoDate(0), {
        onFreeTrial: true,
        freeTrialEndsOn: trialEnd,
        nextBillingDate: isoDate(40),
      }),
    ).expect(202);
    expect((await dispatch(secret)).map((event) => event.type)).toEqual(["entitlement.updated"]);

    context.clock.advance(6 * 86_400_000);
    await context.deps.outbound.sweep.run();
    expect(await dispatch(secret)).toEqual([]);

    context.clock.advance(86_400_000 + 60_000);
    await context.deps.outbound.sweep.run();
    await context.deps.outbound.sweep.run();
    const notices = await dispatch(secret);
    expect(notices.map((event) => event.type)).toEqual(["trial.will_end"]);
    expect(notices[0]?.data).toMatchObject({ trial: { endsAt: new Date(trialEnd).toISOString() } });
    // A later delivery for the account does not repeat it.
    await deliver(
      context.app,
      purchasePayload("changed", isoDate(0), {
        onFreeTrial: true,
        freeTrialEndsOn: trialEnd,
        nextBillingDate: isoDate(40),
        unitCount: 6,
      }),
    ).expect(202);
    expect((await dispatch(secret)).map((event) => event.type)).toEqual(["entitlement.updated"]);

    // The trial ends on the clock, with no delivery: the sweep announces it.
    context.clock.set(new Date(new Date(trialEnd).getTime() + 1000).toISOString());
    await context.deps.outbound.sweep.run();
    const [ended, ...more] = await dispatch(secret);
    expect(more).toEqual([]);
    if (ended?.type !== "entitlement.updated") {
      throw new Error(`got ${ended?.type}`);
    }
    expect(ended.data.changes.map((change) => change.field)).toContain("status");
    expect(ended.data.entitlement.trial).toBeNull();
  });

  it("announces a silent GitHub renewal: the period end moves on with no delivery", async () => {
    startNow();
    const { secret } = await createEndpoint();
    const periodEnd = isoDate(10);
    await deliver(
      context.app,
      purchasePayload("purchased", isoDate(0), { nextBillingDate: periodEnd }),
    ).expect(202);
    expect((await dispatch(secret)).map((event) => event.type)).toEqual(["entitlement.updated"]);
    context.clock.advance(9 * 86_400_000);
    await context.deps.outbound.sweep.run();
    expect(await dispatch(secret)).toEqual([]);

    context.clock.set(new Date(new Date(periodEnd).getTime() + 1000).toISOString());
    await context.deps.outbound.sweep.run();
    const [renewed, ...more] = await dispatch(secret);
    expect(more).toEqual([]);
    if (renewed?.type !== "entitlement.updated") {
      throw new Error(`got ${renewed?.type}`);
    }
    const [change, ...others] = renewed.data.changes;
    expect(others).toEqual([]);
    expect(change).toMatchObject({ field: "currentPeriodEnd", from: new Date(periodEnd).toISOString() });
    expect(new Date(String(change?.to)).getTime()).toBeGreaterThan(new Date(periodEnd).getTime());
    expect(renewed.data.entitlement).toMatchObject({ status: "active", entitled: true });
  });

  it("sends trial.will_end with the delivery that starts a trial already inside the window", async () => {
    startNow();
    const { secret } = await createEndpoint({ events: ["trial.will_end"] });
    await deliver(
      context.app,
      purchasePayload("purchased", isoDate(0), { onFreeTrial: true, freeTrialEndsOn: isoDate(2) }),
    ).expect(202);
    expect((await dispatch(secret)).map((event) => event.type)).toEqual(["trial.will_end"]);
    await context.deps.outbound.sweep.run();
    expect(await dispatch(secret)).toEqual([]);
  });

  it("retries a failed delivery within 10 s, shows its attempts, and disables an endpoint that answers 410", async () => {
    startNow();
    const { id, secret } = await createEndpoint();
    receiver.status = 503;
    await deliver(context.app, purchasePayload("purchased", isoDate(0))).expect(202);
    await dispatch(secret);
    const listed = await request(context.app)
      .get(`/v1/webhook-endpoints/${id}/deliveries`)
      .set(auth)
      .expect(200);
    const [delivery] = listed.body.items;
    expect(delivery).toMatchObject({ status: "pending", attempts: 1, lastAttempts: [{ statusCode: 503 }] });
    const wait = new Date(delivery.nextAttemptAt).getTime() - context.clock.now().getTime();
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(10_000);
    expect(
      (await request(context.app).get(`/v1/webhook-endpoints/${id}`).set(auth)).body.failingSince,
    ).not.toBeNull();

    // Not due yet; then due, and the retry keeps its webhook-id.
    expect(await dispatch(secret)).toEqual([]);
    context.clock.advance(10_000);
    receiver.status = 200;
    const firstId = receiver.received[0]?.headers["webhook-id"];
    expect(await dispatch(secret)).toHaveLength(1);
    expect(receiver.received[0]?.headers["webhook-id"]).toBe(delivery.eventId);
    expect(firstId).toBeUndefined();
    const after = await request(context.app).get(`/v1/webhook-endpoints/${id}`).set(auth);
    expect(after.body.failingSince).toBeNull();

    // A manual retry of the delivered event, answered 410: the endpoint is disabled.
    await request(context.app)
      .post(`/v1/webhook-endpoints/${id}/deliveries/${delivery.id}/retry`)
      .set(auth)
      .expect(202);
    receiver.status = 410;
    expect(await dispatch(secret)).toHaveLength(1);
    const gone = await request(context.app).get(`/v1/webhook-endpoints/${id}`).set(auth);
    expect(gone.body).toMatchObject({ enabled: false, disabledReason: "gone" });
    await deliver(context.app, purchasePayload("changed", isoDate(0), { unitCount: 9 })).expect(202);
    expect(await dispatch(secret)).toEqual([]);
    await request(context.app)
      .patch(`/v1/webhook-endpoints/${id}`)
      .set(auth)
      .send({ enabled: true })
      .expect(200);
    await request(context.app)
      .post(`/v1/webhook-endpoints/${id}/deliveries/999999/retry`)
      .set(auth)
      .expect(404);
  });

  it("disables an endpoint that has failed every delivery for 5 days", async () => {
    startNow();
    const { id, secret } = await createEndpoint();
    receiver.status = 500;
    await deliver(context.app, purchasePayload("purchased", isoDate(0))).expect(202);
    await dispatch(secret);
    context.clock.advance(5 * 86_400_000 - 60_000);
    await deliver(context.app, purchasePayload("changed", isoDate(0), { unitCount: 6 })).expect(202);
    await dispatch(secret);
    expect((await request(context.app).get(`/v1/webhook-endpoints/${id}`).set(auth)).body.enabled).toBe(true);
    context.clock.advance(120_000);
    await deliver(context.app, purchasePayload("changed", isoDate(0), { unitCount: 7 })).expect(202);
    await dispatch(secret);
    const endpoint = (await request(context.app).get(`/v1/webhook-endpoints/${id}`).set(auth)).body;
    expect(endpoint).toMatchObject({ enabled: false, disabledReason: "failing" });
    const deliveries = await request(context.app).get(`/v1/webhook-endpoints/${id}/deliveries`).set(auth);
    expect(deliveries.body.items.map((item: { status: string }) => item.status)).toEqual([
      "failed",
      "failed",
      "failed",
    ]);
  });

  it("signs with the old and the new secret for 24 hours after a rotation", async () => {
    startNow();
    const { id, secret: old } = await createEndpoint();
    const rotated = await request(context.app)
      .post(`/v1/webhook-endpoints/${id}/rotate-secret`)
      .set(auth)
      .expect(200);
    const fresh = rotated.body.secret as string;
    expect(fresh).not.toBe(old);
    await deliver(context.app, purchasePayload("purchased", isoDate(0))).expect(202);
    await dispatchDue(context.deps.outbound.dispatch);
    const [delivery] = receiver.received;
    if (!delivery) {
      throw new Error("nothing received");
    }
    expect(String(delivery.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(verifyBillingEvent(delivery.body, delivery.headers, old).type).toBe("entitlement.updated");
    expect(verifyBillingEvent(delivery.body, delivery.headers, fresh).type).toBe("entitlement.updated");

    context.clock.advance(24 * 3_600_000 + 1000);
    await deliver(context.app, purchasePayload("changed", isoDate(0), { unitCount: 7 })).expect(202);
    const [later] = await dispatch(fresh);
    expect(later?.type).toBe("entitlement.updated");
    expect(String(receiver.received[0]?.headers["webhook-signature"]).split(" ")).toHaveLength(1);
  });

  it("tells operators about a dead event and the product about a refused seat", async () => {
    startNow();
    const { secret } = await createEndpoint({ events: ["event.dead_lettered", "seat.limit_reached"] });
    await deliver(context.app, purchasePayload("purchased", isoDate(0), { unitCount: 1 })).expect(202);
    const product = { Authorization: `Bearer ${TEST_SECRETS.adminApiKey}` };
    await request(context.app)
      .post(`/v1/entitlements/github/${ORG}/seats`)
      .set(product)
      .send({ userId: "alice" })
      .expect(201);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await request(context.app)
        .post(`/v1/entitlements/github/${ORG}/seats`)
        .set(product)
        .send({ userId: "bob" })
        .expect(409);
    }
    const [refused, ...others] = await dispatch(secret);
    expect(others).toEqual([]);
    expect(refused).toMatchObject({
      type: "seat.limit_reached",
      data: { account: { accountId: ORG }, userId: "bob", limit: 1, used: 1 },
    });

    const [logged] = await context.deps.eventLog.listForAccount("github", ORG);
    if (!logged) {
      throw new Error("no event");
    }
    await context.deps.eventLog.markDead(logged.id, "TypeError: boom");
    const [dead] = await dispatch(secret);
    expect(dead).toMatchObject({
      type: "event.dead_lettered",
      data: { eventId: logged.id, marketplace: "github", error: "TypeError: boom" },
    });
  });

  it("sends each event once when several replicas dispatch and sweep at the same time", async () => {
    startNow();
    const { secret } = await createEndpoint();
    const other = await connectTestDatabase();
    try {
      const replica = composeApp({
        dataSource: other.dataSource,
        config: { secrets: TEST_SECRETS, validateResponses: true },
        logger: createLogger({ level: "silent" }),
        clock: context.clock,
      });
      for (let account = 1; account <= 12; account += 1) {
        await deliver(
          context.app,
          purchasePayload("purchased", isoDate(0), {
            accountId: account,
            onFreeTrial: true,
            freeTrialEndsOn: isoDate(5),
            nextBillingDate: isoDate(30),
          }),
        ).expect(202);
      }
      context.clock.advance(3 * 86_400_000);
      await Promise.all([context.deps.outbound.sweep.run(), replica.outbound.sweep.run()]);
      await Promise.all([context.deps.outbound.sweep.run(), replica.outbound.sweep.run()]);
      receiver.received.length = 0;
      for (let round = 0; round < 3; round += 1) {
        await Promise.all([
          dispatchDue(context.deps.outbound.dispatch, 5),
          dispatchDue(replica.outbound.dispatch, 5),
          dispatchDue(replica.outbound.dispatch, 5),
        ]);
      }
      await dispatchDue(context.deps.outbound.dispatch);
      const ids = receiver.received.map((delivery) => String(delivery.headers["webhook-id"]));
      expect(new Set(ids).size).toBe(ids.length);
      const types = receiver.received.map((delivery) => (JSON.parse(delivery.body) as BillingEvent).type);
      expect(types.filter((type) => type === "entitlement.updated")).toHaveLength(12);
      expect(types.filter((type) => type === "trial.will_end")).toHaveLength(12);
      void secret;
    } finally {
      await other.close();
    }
  });
});
