import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { deliver } from "../support/github-deliveries.js";
import { TEST_SECRETS, useTestApp } from "../support/test-app.js";
import { resetTables } from "../support/test-database.js";

/**
 * Runs every lifecycle fixture in `test/fixtures/<marketplace>/<case>/` (see test/fixtures/README.md): the
 * deliveries go in through the real webhook endpoints at the time each was received, and the entitlement is
 * read at each instant the case names. A second pass delivers them in reverse order and checks the final state
 * is the same.
 */

const FIXTURES = join(import.meta.dirname, "..", "fixtures");
const ADMIN = `Bearer ${TEST_SECRETS.adminApiKey}`;

interface Delivery {
  name: string;
  receivedAt: string;
  deliveryId?: string;
  body: Record<string, unknown>;
}

interface LifecycleCase {
  description: string;
  account: string;
  plans?: Array<{ planId: string; features: string[]; seatRules?: Record<string, unknown> }>;
  expect: Array<{ at: string; entitlement: Record<string, unknown> }>;
}

function directories(path: string): string[] {
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function readCase(marketplace: string, name: string): { lifecycle: LifecycleCase; deliveries: Delivery[] } {
  const folder = join(FIXTURES, marketplace, name);
  const lifecycle = JSON.parse(readFileSync(join(folder, "case.json"), "utf8")) as LifecycleCase;
  const deliveries = readdirSync(join(folder, "deliveries"))
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => ({
      name: file,
      ...(JSON.parse(readFileSync(join(folder, "deliveries", file), "utf8")) as Omit<Delivery, "name">),
    }));
  return { lifecycle, deliveries };
}

const context = useTestApp();

/** Sends one delivery the way its marketplace does. */
async function send(marketplace: string, delivery: Delivery) {
  context.clock.set(delivery.receivedAt);
  if (marketplace === "github") {
    return deliver(context.app, delivery.body, { deliveryId: delivery.deliveryId ?? delivery.name });
  }
  const path =
    "subscriptionId" in delivery.body
      ? "/evotor/api/v1/subscription/event"
      : "/evotor/api/v2/installation/event";
  return request(context.app)
    .post(path)
    .set("Authorization", `Bearer ${TEST_SECRETS.evotorWebhookToken}`)
    .send(delivery.body);
}

async function mapPlans(marketplace: string, lifecycle: LifecycleCase) {
  for (const plan of lifecycle.plans ?? []) {
    const { planId, ...mapping } = plan;
    await request(context.app)
      .put(`/v1/plans/${marketplace}/${encodeURIComponent(planId)}`)
      .set("Authorization", ADMIN)
      .send(mapping)
      .expect(200);
  }
}

async function entitlementAt(marketplace: string, account: string, at: string) {
  context.clock.set(at);
  const response = await request(context.app)
    .get(`/v1/entitlements/${marketplace}/${encodeURIComponent(account)}`)
    .set("Authorization", ADMIN)
    .expect(200);
  return response.body as Record<string, unknown>;
}

const cases = directories(FIXTURES).flatMap((marketplace) =>
  directories(join(FIXTURES, marketplace)).map((name) => ({ marketplace, name })),
);

describe("lifecycle fixtures", () => {
  it("finds the fixture folders", () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const { marketplace, name } of cases) {
    const { lifecycle, deliveries } = readCase(marketplace, name);
    it(`${marketplace}/${name}: ${lifecycle.description}`, async () => {
      await mapPlans(marketplace, lifecycle);
      // In the order received, reading the entitlement at each instant with what had arrived by then.
      const pending = [...deliveries];
      for (const check of [...lifecycle.expect].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
        while (pending[0] && Date.parse(pending[0].receivedAt) <= Date.parse(check.at)) {
          const delivery = pending.shift() as Delivery;
          const response = await send(marketplace, delivery);
          expect(response.status, `${delivery.name}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
        }
        const entitlement = await entitlementAt(marketplace, lifecycle.account, check.at);
        expect(entitlement, `at ${check.at}`).toMatchObject(check.entitlement);
      }

      // The same deliveries arriving in reverse order reach the same final state.
      const last = Math.max(...deliveries.map((delivery) => Date.parse(delivery.receivedAt)));
      const finalChecks = lifecycle.expect.filter((check) => Date.parse(check.at) >= last);
      if (finalChecks.length === 0) {
        return;
      }
      await resetTables(context.database);
      await mapPlans(marketplace, lifecycle);
      for (const delivery of [...deliveries].reverse()) {
        const response = await send(marketplace, delivery);
        expect(response.status, `${delivery.name}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
      }
      for (const check of finalChecks) {
        const entitlement = await entitlementAt(marketplace, lifecycle.account, check.at);
        expect(entitlement, `reversed, at ${check.at}`).toMatchObject(check.entitlement);
      }
    });
  }
});
