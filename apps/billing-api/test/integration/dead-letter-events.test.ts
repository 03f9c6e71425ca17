import { verifyBillingEvent } from "@marketplace-billing/contracts";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { retryDelayMs } from "../../src/domain/events/event-processor.js";
import { dispatchDue } from "../../src/domain/outbound/dispatch.js";
import { useEventReceiver } from "../support/event-receiver.js";
import { deliver, purchasePayload } from "../support/github-deliveries.js";
import { TEST_SECRETS, useTestApp } from "../support/test-app.js";

const MAX_ATTEMPTS = 2;
const context = useTestApp({ eventMaxAttempts: MAX_ATTEMPTS });
const receiver = useEventReceiver();

describe("event.dead_lettered", () => {
  it("is sent once when the apply queue sets a poison delivery aside", async () => {
    context.clock.set(new Date().toISOString());
    const created = await request(context.app)
      .post("/v1/webhook-endpoints")
      .set({ Authorization: `Bearer ${TEST_SECRETS.adminApiKey}` })
      .send({ url: receiver.url, events: ["event.dead_lettered"] })
      .expect(201);
    // A seat count no subscription can hold: stored and acknowledged, then refused by the fold on every attempt.
    await deliver(context.app, purchasePayload("purchased", new Date().toISOString(), { unitCount: 3e9 }), {
      deliveryId: "poison",
    }).expect(202);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS + 1; attempt += 1) {
      context.clock.advance(retryDelayMs(attempt));
      await context.deps.ingest.processor.processDue();
    }
    const [stored] = await context.deps.eventLog.listForAccount("github", "18404719");
    expect(stored?.status).toBe("dead");

    await dispatchDue(context.deps.outbound.dispatch);
    const events = receiver.received.map((delivery) =>
      verifyBillingEvent(delivery.body, delivery.headers, created.body.secret),
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "event.dead_lettered",
      data: { eventId: stored?.id, marketplace: "github", eventType: "marketplace_purchase.purchased" },
    });
  });
});
