import { randomUUID } from "node:crypto";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { composeApp } from "../../src/composition.js";
import { ManualClock } from "../../src/domain/time/clock.js";
import { createLogger } from "../../src/logger.js";
import { type Database, openDatabase } from "../../src/persistence/database.js";
import { FULL_LIFE, USER_ID } from "../support/evotor-fixtures.js";
import { deliver, purchasePayload } from "../support/github-deliveries.js";
import { OwnPostgres, ownPostgresAvailable } from "../support/own-postgres.js";
import { settling, TEST_SECRETS, TEST_START } from "../support/test-app.js";

/** Short timeouts so the test is quick; the defaults are seconds longer (README, configuration). */
const TIMEOUTS = { connectMs: 1_000, statementMs: 1_000, queryMs: 1_500 };

describe.skipIf(!ownPostgresAvailable)("a database outage", () => {
  let cluster: OwnPostgres;
  let database: Database;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    cluster = await OwnPostgres.create();
    database = await openDatabase({
      databaseUrl: cluster.url,
      embeddedDataDir: undefined,
      poolSize: 4,
      timeouts: TIMEOUTS,
    });
    await database.dataSource.runMigrations({ transaction: "each" });
    const deps = composeApp({
      dataSource: database.dataSource,
      config: { secrets: TEST_SECRETS, validateResponses: true },
      logger: createLogger({ level: "silent" }),
      clock: new ManualClock(TEST_START),
    });
    // Answers wait for the apply queue to drain, so what was delivered can be read back.
    app = settling(createApp(deps), deps);
    // Something stored before the outage, to read back after it.
    await deliver(app, purchasePayload("purchased", "2026-03-01T00:00:00+00:00")).expect(202);
  });

  afterAll(async () => {
    await database?.close().catch(() => undefined);
    await cluster?.destroy();
  });

  /** Every surface, with what a caller would send during the outage. */
  const calls = () => ({
    github: deliver(app, purchasePayload("changed", "2026-03-02T00:00:00+00:00"), {
      deliveryId: randomUUID(),
    }),
    evotor: request(app)
      .post("/evotor/api/v1/subscription/event")
      .set("Authorization", `Bearer ${TEST_SECRETS.evotorWebhookToken}`)
      .send(FULL_LIFE.created),
    v1: request(app)
      .get("/v1/entitlements/github/18404719")
      .set("Authorization", `Bearer ${TEST_SECRETS.adminApiKey}`),
    v1Evotor: request(app)
      .get(`/v1/entitlements/evotor/${USER_ID}`)
      .set("Authorization", `Bearer ${TEST_SECRETS.adminApiKey}`),
  });

  async function expectUnavailableEverywhere(): Promise<void> {
    const { github, evotor, v1, v1Evotor } = calls();
    const [githubResponse, evotorResponse, ...reads] = await Promise.all([github, evotor, v1, v1Evotor]);
    for (const response of [githubResponse, ...reads]) {
      expect(response.status, JSON.stringify(response.body)).toBe(503);
      expect(response.headers["retry-after"]).toMatch(/^\d+$/);
      expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 503, title: "Service Unavailable" });
    }
    expect(evotorResponse?.status).toBe(503);
    expect(evotorResponse?.headers["retry-after"]).toMatch(/^\d+$/);
    expect(evotorResponse?.body).toEqual({ errors: [{ code: 5003, reason: "service unavailable" }] });

    const ready = await request(app).get("/readyz");
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: "unavailable", checks: { database: { ok: false } } });
  }

  async function expectServingAgain(): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      if ((await request(app).get("/readyz")).status === 200) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const read = await calls().v1;
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body).toMatchObject({ entitled: true });
    await calls().evotor.expect(200, {});
  }

  it("answers 503 with Retry-After on every surface while the server is down, and recovers", async () => {
    await cluster.stop();
    try {
      await expectUnavailableEverywhere();
    } finally {
      await cluster.start();
    }
    await expectServingAgain();
  });

  it("answers 503 within the configured timeouts while the server is frozen, instead of hanging", async () => {
    const pids = await cluster.freeze();
    try {
      // Each request is bounded by the connect and query timeouts; the test's own timeout would catch a hang.
      await expectUnavailableEverywhere();
    } finally {
      cluster.thaw(pids);
    }
    await expectServingAgain();
  });
});
