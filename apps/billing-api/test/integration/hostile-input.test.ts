import request from "supertest";
import { describe, expect, it } from "vitest";
import { generateApiKey } from "../../src/domain/entitlements/api-keys.js";
import { FULL_LIFE, USER_ID } from "../support/evotor-fixtures.js";
import { deliver, purchasePayload } from "../support/github-deliveries.js";
import { TEST_SECRETS, useTestApp } from "../support/test-app.js";
import { BASELINE_ORG, HOSTILE_CASES, type HostileCase } from "./hostile-input/cases.js";

const context = useTestApp();

/** What is stored before each hostile request: a GitHub purchase and an Evotor subscription, both active. */
async function storeBaseline(): Promise<{ read: string }> {
  const github = await deliver(
    context.app,
    purchasePayload("purchased", "2026-03-01T00:00:00+00:00", { accountId: BASELINE_ORG, unitCount: 5 }),
  ).expect(202);
  expect(github.body.status).toBe("queued");
  await request(context.app)
    .post("/evotor/api/v1/subscription/event")
    .set("Authorization", `Bearer ${TEST_SECRETS.evotorWebhookToken}`)
    .send({ ...FULL_LIFE.created, timestamp: "2026-03-01T10:00:00.000Z" })
    .expect(200);
  const key = generateApiKey();
  await context.deps.apiKeys.create({
    id: key.id,
    name: "product",
    scopes: ["read"],
    hash: key.hash,
    createdAt: context.clock.now(),
    revokedAt: null,
  });
  return { read: key.secret };
}

function expectSurfaceFormat(surface: HostileCase["surface"], response: request.Response): void {
  if (surface === "evotor") {
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    expect(response.body).toEqual({ errors: [expect.objectContaining({ code: expect.any(Number) })] });
    expect(response.body.errors[0].code).toBeGreaterThanOrEqual(2001);
    expect(response.body.errors[0].code).toBeLessThanOrEqual(2003);
  } else {
    expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: response.status, title: expect.any(String) });
  }
}

/** The baseline is intact and the service answers normally on every surface. */
async function expectServiceHealthy(keys: { read: string }): Promise<void> {
  await request(context.app).get("/healthz").expect(200);
  const github = await request(context.app)
    .get(`/v1/entitlements/github/${BASELINE_ORG}`)
    .set("Authorization", `Bearer ${keys.read}`)
    .expect(200);
  expect(github.body).toMatchObject({ entitled: true, seats: { limit: 5 } });
  const evotor = await request(context.app)
    .get(`/v1/entitlements/evotor/${USER_ID}`)
    .set("Authorization", `Bearer ${keys.read}`)
    .expect(200);
  expect(evotor.body).toMatchObject({ entitled: true });
  // The baseline events are still in the log, byte for byte, and still applied.
  for (const [marketplace, account] of [
    ["github", String(BASELINE_ORG)],
    ["evotor", USER_ID],
  ] as const) {
    const [first] = await context.deps.eventLog.listForAccount(marketplace, account);
    expect(first).toMatchObject({ id: expect.any(String), status: "applied" });
    expect(first?.rawBody.length).toBeGreaterThan(100);
  }
  // A new, valid delivery is still taken and applied.
  await deliver(
    context.app,
    purchasePayload("purchased", "2026-03-02T00:00:00+00:00", { accountId: 4242, unitCount: 1 }),
  ).expect(202);
  expect((await context.deps.eventLog.listForAccount("github", "4242"))[0]?.status).toBe("applied");
}

describe("hostile input never harms the service", () => {
  it.each(HOSTILE_CASES.map((item) => [`${item.surface}: ${item.name}`, item] as const))(
    "%s",
    async (_name, item) => {
      const keys = await storeBaseline();
      const eventsBefore = await countEvents();

      const response = await item.send(context.app, keys);

      expect(response.status, JSON.stringify(response.body)).toBeLessThan(500);
      if (item.outcome === "refused") {
        expect(response.status).toBeGreaterThanOrEqual(400);
        expectSurfaceFormat(item.surface, response);
        expect(await countEvents()).toBe(eventsBefore);
      } else {
        expect(response.status).toBeGreaterThanOrEqual(200);
        expect(response.status).toBeLessThan(300);
        expect(await countEvents()).toBe(eventsBefore + 1);
      }
      await expectServiceHealthy(keys);
    },
  );

  it("keeps GitHub account ids exact: 2^53 is kept as sent, 2^53+1 (which would become 2^53) is refused", async () => {
    const payload = JSON.stringify(
      purchasePayload("purchased", "2026-03-01T00:00:00+00:00", { accountId: 12345 }),
    );
    for (const id of ["9007199254740992", "9007199254740993"]) {
      const response = await deliver(context.app, payload.replace('"id":12345,', `"id":${id},`));
      // 2^53 itself is exact and kept as sent; 2^53+1 would become 2^53 and is refused.
      if (id === "9007199254740992") {
        expect(response.status).toBe(202);
      } else {
        expect(response.status).toBe(400);
      }
    }
    expect(await context.deps.eventLog.listForAccount("github", "9007199254740992")).toHaveLength(1);
  });
});

async function countEvents(): Promise<number> {
  const rows: Array<{ count: string }> = await context.database.dataSource.query(
    "SELECT COUNT(*) AS count FROM inbound_event",
  );
  return Number(rows[0]?.count);
}
