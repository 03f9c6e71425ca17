import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import request from "supertest";
import { describe, expect, inject, it } from "vitest";
import { retryDelayMs } from "../../src/domain/events/event-processor.js";
import type { InboundEvent } from "../../src/domain/events/inbound-event.js";
import { permutations, subscriptionPayload, USER_ID } from "../support/evotor-fixtures.js";
import { deliver, purchasePayload } from "../support/github-deliveries.js";
import { TEST_SECRETS, useTestApp } from "../support/test-app.js";

const MAX_ATTEMPTS = 3;
const context = useTestApp({ eventMaxAttempts: MAX_ATTEMPTS });
const ORG = 18404719;

/** Runs the retry loop's pass until nothing is due, moving the clock past each back-off instead of waiting. */
async function retryUntilSettled(): Promise<void> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS + 1; attempt += 1) {
    context.clock.advance(retryDelayMs(attempt));
    await context.deps.ingest.processor.processDue();
  }
}

async function eventById(id: string): Promise<InboundEvent | null> {
  return context.deps.eventLog.findById(id);
}

const GITHUB_EVENTS = {
  purchased: () =>
    purchasePayload("purchased", "2026-02-01T00:00:00+00:00", { accountId: ORG, planId: 1, unitCount: 5 }),
  poison: () =>
    purchasePayload("changed", "2026-02-10T00:00:00+00:00", { accountId: ORG, planId: 1, unitCount: 3e9 }),
  changed: () =>
    purchasePayload("changed", "2026-02-20T00:00:00+00:00", { accountId: ORG, planId: 2, unitCount: 8 }),
};

describe("a poison event", () => {
  it.each(
    [...permutations(["purchased", "poison", "changed"] as const)].map((order) => [order.join(" → "), order]),
  )(
    "GitHub, arriving %s: both valid events apply and the poison one is dead after the configured attempts",
    async (_name, order) => {
      const ids: Record<string, string> = {};
      for (const name of order) {
        const response = await deliver(context.app, GITHUB_EVENTS[name](), {
          deliveryId: `delivery-${name}`,
        });
        // Every delivery is acknowledged once stored, the poison one too: never a 5xx.
        expect(response.status).toBe(202);
        const [event] = (await context.deps.eventLog.listForAccount("github", String(ORG))).filter(
          (item) => item.dedupeKey === `delivery-${name}`,
        );
        ids[name] = event?.id ?? "";
      }
      await retryUntilSettled();

      const poison = await eventById(ids.poison ?? "");
      expect(poison).toMatchObject({ status: "dead", applyAttempts: MAX_ATTEMPTS, nextAttemptAt: null });
      expect(poison?.applyError).toMatch(/unit_count .* is not a count/);
      expect((await eventById(ids.purchased ?? ""))?.status).toBe("applied");
      expect((await eventById(ids.changed ?? ""))?.status).toBe("applied");

      const entitlement = await request(context.app)
        .get(`/v1/entitlements/github/${ORG}`)
        .set("Authorization", `Bearer ${TEST_SECRETS.adminApiKey}`)
        .expect(200);
      // Started by the purchase, on the plan and seats of the later change.
      expect(entitlement.body).toMatchObject({ entitled: true, plan: { planId: "2" }, seats: { limit: 8 } });
      const [subscription] = await context.deps.subscriptions.findByAccount("github", String(ORG));
      expect(subscription?.startedAt?.toISOString()).toBe("2026-02-01T00:00:00.000Z");

      // Dead is final: later passes leave it alone.
      context.clock.advance(7 * 86_400_000);
      expect(await context.deps.ingest.processor.processDue()).toMatchObject({ failed: 0, dead: 0 });
    },
  );

  it("Evotor, stored by an older version: the user's valid events before and after it still apply", async () => {
    const append = (payload: Record<string, unknown>) =>
      context.deps.eventLog.append({
        marketplace: "evotor",
        source: "webhook",
        eventType: String(payload.type),
        dedupeKey: `subscription:${String(payload.subscriptionId)}:${String(payload.sequenceNumber)}`,
        accountId: USER_ID,
        headers: {},
        rawBody: new TextEncoder().encode(JSON.stringify(payload)),
        payload,
        receivedAt: context.clock.now(),
      });
    const created = await append(
      subscriptionPayload("SubscriptionCreated", 1, "2026-02-01T00:00:00.000Z", {
        planId: "basic",
        deviceNumber: 2,
      }),
    );
    // Today refused at the door (2003); an older version stored it.
    const poison = await append(
      subscriptionPayload("SubscriptionTermsChanged", 2, "2026-02-05T00:00:00.000Z", { deviceNumber: 3e9 }),
    );
    const renewed = await append(
      subscriptionPayload("SubscriptionRenewed", 3, "2026-02-10T00:00:00.000Z", {
        nextBillingDate: "2026-04-10T00:00:00.000Z",
      }),
    );
    expect([renewed, poison, created].every(({ duplicate }) => !duplicate)).toBe(true);
    await context.deps.ingest.processor.processDue();
    await retryUntilSettled();

    expect((await eventById(poison.event.id))?.status).toBe("dead");
    expect((await eventById(poison.event.id))?.applyError).toContain("deviceNumber");
    expect((await eventById(created.event.id))?.status).toBe("applied");
    expect((await eventById(renewed.event.id))?.status).toBe("applied");
    const entitlement = await request(context.app)
      .get(`/v1/entitlements/evotor/${USER_ID}`)
      .set("Authorization", `Bearer ${TEST_SECRETS.adminApiKey}`)
      .expect(200);
    expect(entitlement.body).toMatchObject({ entitled: true, status: "active", seats: { limit: 2 } });
  });

  it("is counted in /metrics, listed by `events dead` and retried by `events retry --dead`", async () => {
    await deliver(context.app, GITHUB_EVENTS.purchased()).expect(202);
    await deliver(context.app, GITHUB_EVENTS.poison(), { deliveryId: "poison" }).expect(202);
    await retryUntilSettled();

    const metrics = await request(context.app).get("/metrics").expect(200);
    expect(metrics.text).toContain('billing_inbound_events_dead{marketplace="github"} 1');
    expect(metrics.text).toContain('billing_inbound_events_dead{marketplace="evotor"} 0');

    const listed = await cli("events", "dead");
    const [line] = listed.stdout.trim().split("\n");
    expect(JSON.parse(line ?? "{}")).toMatchObject({
      marketplace: "github",
      eventType: "marketplace_purchase.changed",
      accountId: String(ORG),
      attempts: MAX_ATTEMPTS,
      reason: expect.stringContaining("unit_count"),
    });

    const retried = await cli("events", "retry", "--dead");
    // Still poison: one fresh attempt, failed again, now waiting for its back-off (not dead yet).
    expect(JSON.parse(retried.stdout)).toMatchObject({ revived: 1, failed: 1, dead: 0 });
    expect((await context.deps.eventLog.listDead(10)).length).toBe(0);
    const metricsAfter = await request(context.app).get("/metrics").expect(200);
    expect(metricsAfter.text).toContain('billing_inbound_events_dead{marketplace="github"} 0');
  });
});

const APP_DIR = fileURLToPath(new URL("../..", import.meta.url));

/** `npm run cli -- …` on the run's database, as an operator runs it. */
function cli(...args: string[]) {
  return promisify(execFile)(
    process.execPath,
    ["--import", "tsx", "--conditions=development", "src/cli/main.ts", ...args],
    {
      cwd: APP_DIR,
      env: {
        PATH: process.env.PATH ?? "",
        DATABASE_URL: inject("databaseUrl"),
        GITHUB_WEBHOOK_SECRET: TEST_SECRETS.githubWebhookSecrets[0],
        EVOTOR_WEBHOOK_TOKEN: TEST_SECRETS.evotorWebhookToken,
        ADMIN_API_KEY: TEST_SECRETS.adminApiKey,
        DATA_ENCRYPTION_KEY: TEST_SECRETS.dataEncryptionKey,
      },
    },
  );
}
