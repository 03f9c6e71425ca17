import request from "supertest";
import { describe, expect, it } from "vitest";
import { EventProcessor } from "../../src/domain/events/event-processor.js";
import { githubAdapter } from "../../src/domain/github/github-adapter.js";
import { ObservedPlans } from "../../src/domain/plans/observed-plans.js";
import { statusAt } from "../../src/domain/subscriptions/subscription-status.js";
import { InboundEventEntity } from "../../src/persistence/entities/inbound-event.entity.js";
import { PlanEntity } from "../../src/persistence/entities/plan.entity.js";
import { TypeOrmEventQueue } from "../../src/persistence/repositories/typeorm-event-queue.js";
import { TypeOrmPlanCatalogue } from "../../src/persistence/repositories/typeorm-plan-catalogue.js";
import { deliver, githubExamples, purchasePayload } from "../support/github-deliveries.js";
import { TEST_SECRETS, useTestApp } from "../support/test-app.js";

const context = useTestApp();

const storedEvents = () =>
  context.database.dataSource.getRepository(InboundEventEntity).find({ order: { id: "ASC" } });
const subscriptionsOf = (accountId: string) => context.deps.subscriptions.findByAccount("github", accountId);

describe("POST /webhooks/github", () => {
  it("applies every public example payload and shows its effect", async () => {
    for (const example of githubExamples("marketplace_purchase")) {
      const response = await deliver(context.app, example);
      expect(response.status).toBe(202);
      expect(response.body).toMatchObject({
        status: "queued",
        event: `marketplace_purchase.${example.action}`,
      });
      const accountId = String((example.marketplace_purchase as { account: { id: number } }).account.id);
      const [subscription] = await subscriptionsOf(accountId);
      expect(subscription?.lastEventId).toBeDefined();
    }
    // The examples, all effective on one day, in arrival order: org 18404719 buys per-unit plan 435 with one
    // seat, goes to 10 seats, then buys again with one seat: a double purchase, one subscription, last one wins.
    const [org] = await subscriptionsOf("18404719");
    expect(org).toMatchObject({ planId: "435", units: 1 });
    expect(org?.details.doublePurchases).toHaveLength(1);
    // A cancelled flat-rate plan for another account ends at its effective date.
    const [cancelled] = await subscriptionsOf("28536653");
    expect(cancelled).toMatchObject({ planId: "686", endsAt: new Date("2017-10-25T00:00:00Z") });
    const events = await storedEvents();
    expect(events.map((event) => event.status)).toEqual(["applied", "applied", "applied", "applied"]);

    // And through the entitlements API the product calls.
    const read = (accountId: string) =>
      request(context.app)
        .get(`/v1/entitlements/github/${accountId}`)
        .set("Authorization", `Bearer ${TEST_SECRETS.adminApiKey}`)
        .expect(200);
    expect((await read("18404719")).body).toMatchObject({
      entitled: true,
      status: "active",
      plan: { planId: "435", name: "Basic Plan" },
      seats: { limit: 1, used: 0 },
      doublePurchase: true,
    });
    expect((await read("28536653")).body).toMatchObject({ entitled: false, status: "cancelled" });
  });

  it("acknowledges pings and stores them without effect", async () => {
    for (const [index, ping] of githubExamples("ping").entries()) {
      const response = await deliver(context.app, ping, { event: "ping", deliveryId: `ping-${index}` });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ deliveryId: `ping-${index}`, event: "ping", status: "ignored" });
    }
    const events = await storedEvents();
    expect(events.every((event) => event.status === "ignored" && event.eventType === "ping")).toBe(true);
  });

  it("answers a redelivery with 2xx and changes nothing", async () => {
    const payload = purchasePayload("purchased", "2026-03-01T00:00:00+00:00");
    await deliver(context.app, payload, { deliveryId: "delivery-1" }).expect(202);
    const before = await subscriptionsOf("18404719");

    const again = await deliver(context.app, payload, { deliveryId: "delivery-1" });
    expect(again.status).toBe(200);
    expect(again.body.status).toBe("duplicate");
    expect(await storedEvents()).toHaveLength(1);
    expect(await subscriptionsOf("18404719")).toEqual(before);
  });

  it("refuses unsigned, forged and stale-secret deliveries with 401 and stores nothing", async () => {
    const payload = purchasePayload("purchased", "2026-03-01T00:00:00+00:00");
    const unsigned = await deliver(context.app, payload, { secret: null });
    const forged = await deliver(context.app, payload, { signatureOf: '{"action":"purchased"}' });
    const stale = await deliver(context.app, payload, { secret: "retired-secret-0123456789" });
    for (const response of [unsigned, forged, stale]) {
      expect(response.status).toBe(401);
      expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    }
    expect(await storedEvents()).toHaveLength(0);
    expect(await subscriptionsOf("18404719")).toEqual([]);
  });

  it("accepts the previous secret during a rotation", async () => {
    const payload = purchasePayload("purchased", "2026-03-01T00:00:00+00:00");
    await deliver(context.app, payload, { secret: TEST_SECRETS.githubWebhookSecrets[1] }).expect(202);
  });

  it("refuses malformed JSON with 400 and stores nothing", async () => {
    const response = await deliver(context.app, '{"action": "purchased", ');
    expect(response.status).toBe(400);
    expect(response.body.detail).toBe("The request body is not valid JSON.");
    expect(await storedEvents()).toHaveLength(0);
  });

  it("refuses a body over 1 MiB with 413", async () => {
    const payload = {
      ...purchasePayload("purchased", "2026-03-01T00:00:00+00:00"),
      filler: "x".repeat(1024 * 1024),
    };
    const response = await deliver(context.app, payload);
    expect(response.status).toBe(413);
    expect(await storedEvents()).toHaveLength(0);
  });

  it("accepts a form-encoded delivery and stores the raw form body as received", async () => {
    const payload = purchasePayload("purchased", "2026-03-01T00:00:00+00:00");
    const response = await deliver(context.app, payload, { form: true });
    expect(response.status).toBe(202);
    expect(response.body.status).toBe("queued");
    const [event] = await storedEvents();
    expect(event?.rawBody.toString("utf8")).toBe(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
    expect(await subscriptionsOf("18404719")).toHaveLength(1);
  });

  it("tolerates the nulls and price-model casings GitHub really sends", async () => {
    const payload = purchasePayload("purchased", "2026-03-01T00:00:00+00:00", {
      priceModel: "per-unit",
      unitCount: null,
      nextBillingDate: null,
      freeTrialEndsOn: null,
    });
    payload.marketplace_purchase.billing_cycle = null as unknown as string;
    payload.marketplace_purchase.account.organization_billing_email = null as unknown as string;
    Object.assign(payload, { field_added_later: { anything: true } });

    await deliver(context.app, payload).expect(202);
    const plan = await context.database.dataSource
      .getRepository(PlanEntity)
      .findOneByOrFail({ planId: "435" });
    expect(plan).toMatchObject({
      marketplace: "github",
      priceModel: "per_unit",
      unitName: "seat",
      hasFreeTrial: true,
    });
    expect(plan.bullets).toEqual(["Fast", "Friendly"]);
    expect(plan.features).toBeNull();
    const [subscription] = await subscriptionsOf("18404719");
    expect(subscription).toMatchObject({ billingCycle: null, units: null, currentPeriodEnd: null });
  });

  it.each([
    [
      "action",
      (payload: ReturnType<typeof purchasePayload>) => Reflect.deleteProperty(payload, "action"),
      /action/,
    ],
    [
      "account id",
      (payload: ReturnType<typeof purchasePayload>) =>
        Reflect.deleteProperty(payload.marketplace_purchase.account, "id"),
      /account.*'id'/,
    ],
    [
      "plan id",
      (payload: ReturnType<typeof purchasePayload>) =>
        Reflect.deleteProperty(payload.marketplace_purchase.plan, "id"),
      /plan.*'id'/,
    ],
  ])("refuses a delivery without its %s with a clear 400", async (_what, strip, message) => {
    const payload = purchasePayload("purchased", "2026-03-01T00:00:00+00:00");
    strip(payload);
    const response = await deliver(context.app, payload);
    expect(response.status).toBe(400);
    expect(response.body.detail).toMatch(message);
    expect(await storedEvents()).toHaveLength(0);
  });

  it("stores and acknowledges other events without applying them", async () => {
    const response = await deliver(
      context.app,
      { action: "created", installation: { id: 1 } },
      { event: "installation" },
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ event: "installation.created", status: "ignored" });
    const [event] = await storedEvents();
    expect(event).toMatchObject({ eventType: "installation.created", status: "ignored", accountId: null });
  });

  it("answers 202 once the delivery is committed, before it is applied", async () => {
    const response = await deliver(context.rawApp, purchasePayload("purchased", "2026-03-01T00:00:00+00:00"));
    expect(response.status).toBe(202);
    expect(response.body.status).toBe("queued");
    expect((await storedEvents())[0]).toMatchObject({ status: "received" });
    expect(await subscriptionsOf("18404719")).toEqual([]);

    expect(await context.deps.ingest.processor.processDue()).toEqual({
      applied: 1,
      ignored: 0,
      failed: 0,
      dead: 0,
    });
    expect(await subscriptionsOf("18404719")).toHaveLength(1);
  });

  it("keeps an event whose apply failed and applies it on retry once it is due", async () => {
    let failing = true;
    const flaky = {
      ...githubAdapter,
      fold: {
        ...githubAdapter.fold,
        step: (...args: Parameters<typeof githubAdapter.fold.step>) => {
          if (failing) {
            throw new Error("fold hiccup");
          }
          return githubAdapter.fold.step(...args);
        },
      },
    };
    const processor = new EventProcessor({
      log: context.deps.eventLog,
      queue: new TypeOrmEventQueue(context.database.dataSource),
      adapters: { github: flaky },
      plans: new ObservedPlans(new TypeOrmPlanCatalogue(context.database.dataSource)),
      clock: context.clock,
    });

    const response = await deliver(context.rawApp, purchasePayload("purchased", "2026-03-01T00:00:00+00:00"));
    expect(response.status).toBe(202);
    expect(await processor.processDue()).toEqual({ applied: 0, ignored: 0, failed: 1, dead: 0 });
    expect((await storedEvents())[0]).toMatchObject({ status: "failed", applyAttempts: 1 });
    expect(await subscriptionsOf("18404719")).toEqual([]);
    expect(await processor.processDue()).toEqual({ applied: 0, ignored: 0, failed: 0, dead: 0 }); // not due yet

    failing = false;
    context.clock.advance(60_000);
    expect(await processor.processDue()).toEqual({ applied: 1, ignored: 0, failed: 0, dead: 0 });
    expect(await subscriptionsOf("18404719")).toHaveLength(1);
  });

  it("converges on the in-order state when deliveries for one account race", async () => {
    const life = [
      purchasePayload("purchased", "2026-01-01T00:00:00+00:00", { unitCount: 3 }),
      purchasePayload("changed", "2026-01-10T00:00:00+00:00", { unitCount: 7 }),
      purchasePayload("pending_change", "2026-02-01T00:00:00+00:00", { planId: 434, unitCount: 2 }),
      purchasePayload("changed", "2026-01-20T00:00:00+00:00", { unitCount: 9 }),
    ];
    const responses = await Promise.all([...life].reverse().map((payload) => deliver(context.app, payload)));
    expect(responses.map((response) => response.status)).toEqual([202, 202, 202, 202]);

    const [state] = await subscriptionsOf("18404719");
    expect(state).toMatchObject({ planId: "435", units: 9 });
    expect(state?.pendingChange).toMatchObject({ planId: "434", units: 2 });
    expect(statusAt(state!, context.clock.now())).toBe("active");
  });
});
