import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { MISSING_LISTED } from "../../src/domain/evotor/evotor-subscription-fold.js";
import { embeddedDataDir, openDatabase } from "../../src/persistence/database.js";
import { TypeOrmEventLog } from "../../src/persistence/repositories/typeorm-event-log.js";
import { FULL_LIFE, subscriptionPayload, USER_ID } from "../support/evotor-fixtures.js";
import { spawnService } from "../support/service-process.js";
import { TEST_SECRETS, useTestApp } from "../support/test-app.js";

const context = useTestApp();
const SUBSCRIPTION_EVENT = "/evotor/api/v1/subscription/event";

function post(app: Parameters<typeof request>[0], body: object) {
  return request(app)
    .post(SUBSCRIPTION_EVENT)
    .set("Authorization", `Bearer ${TEST_SECRETS.evotorWebhookToken}`)
    .send(body);
}

async function subscriptionRowBytes(): Promise<number> {
  const rows: Array<{ bytes: number }> = await context.database.dataSource.query(
    "SELECT pg_column_size(s.*) AS bytes FROM subscription s WHERE account_id = $1",
    [USER_ID],
  );
  return Math.max(...rows.map((row) => Number(row.bytes)));
}

describe("an Evotor event with a huge sequenceNumber", () => {
  it.each([1_099_511_627_776, 10_000_000])(
    "sequenceNumber %i is stored and applied at once, and the subscription row stays small",
    async (sequenceNumber) => {
      await post(context.app, FULL_LIFE.created).expect(200, {});
      const renewed = subscriptionPayload("SubscriptionRenewed", sequenceNumber, "2026-02-15T10:06:00.000Z", {
        nextBillingDate: "2026-03-15T10:06:00.000Z",
      });
      await post(context.app, renewed).expect(200, {});

      const [subscription] = await context.deps.subscriptions.findByAccount("evotor", USER_ID);
      expect(subscription?.details).toMatchObject({
        lastSequenceNumber: sequenceNumber,
        missingSequenceCount: sequenceNumber - 2,
      });
      expect(subscription?.details.missingSequenceNumbers).toHaveLength(MISSING_LISTED);
      expect(subscription?.currentPeriodEnd?.toISOString()).toBe("2026-03-15T10:06:00.000Z");
      // The whole row, details included, is a few hundred bytes (it was 89 MB for 1e7).
      expect(await subscriptionRowBytes()).toBeLessThan(4096);

      const read = await request(context.app)
        .get(`/v1/entitlements/evotor/${USER_ID}`)
        .set("Authorization", `Bearer ${TEST_SECRETS.adminApiKey}`)
        .expect(200);
      expect(read.body).toMatchObject({ entitled: true, status: "active" });
      const [stored] = (await context.deps.eventLog.listForAccount("evotor", USER_ID)).slice(-1);
      expect(stored?.status).toBe("applied");
    },
  );

  it("left unapplied in the log by a crash, it is applied after a restart and the service stays up", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "billing-huge-sequence-"));
    const env = {
      DATA_DIR: dataDir,
      GITHUB_WEBHOOK_SECRET: TEST_SECRETS.githubWebhookSecrets[0] as string,
      EVOTOR_WEBHOOK_TOKEN: TEST_SECRETS.evotorWebhookToken,
      ADMIN_API_KEY: TEST_SECRETS.adminApiKey,
      DATA_ENCRYPTION_KEY: TEST_SECRETS.dataEncryptionKey,
      EVENT_RETRY_INTERVAL_MS: "200",
    };
    const first = spawnService(env);
    const firstUrl = await first.listening;
    // The real clock runs in the process: dates around now.
    const day = 86_400_000;
    const created = subscriptionPayload("SubscriptionCreated", 1, new Date(Date.now() - day).toISOString(), {
      planId: "basic",
      deviceNumber: 2,
    });
    await post(firstUrl, created).expect(200);
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);

    // As a crash between commit and apply leaves it: stored, `received`.
    const database = await openDatabase({
      databaseUrl: undefined,
      embeddedDataDir: embeddedDataDir(dataDir),
      poolSize: 1,
    });
    const huge = subscriptionPayload("SubscriptionRenewed", 1_099_511_627_776, new Date().toISOString(), {
      nextBillingDate: new Date(Date.now() + 30 * day).toISOString(),
    });
    const { event } = await new TypeOrmEventLog(database.dataSource).append({
      marketplace: "evotor",
      source: "webhook",
      eventType: "SubscriptionRenewed",
      dedupeKey: `subscription:${String(huge.subscriptionId)}:1099511627776`,
      accountId: USER_ID,
      headers: {},
      rawBody: new TextEncoder().encode(JSON.stringify(huge)),
      payload: huge,
      receivedAt: new Date(),
    });
    await database.close();

    const second = spawnService(env);
    const url = await second.listening;
    let status = "received";
    for (let poll = 0; poll < 100 && status !== "applied"; poll += 1) {
      const history = await request(url)
        .get(`/v1/entitlements/evotor/${USER_ID}/history`)
        .set("Authorization", `Bearer ${TEST_SECRETS.adminApiKey}`)
        .expect(200);
      status = history.body.events.find(
        (item: { eventId: string }) => item.eventId === event.id,
      )?.applyStatus;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe("applied");
    expect((await request(url).get("/readyz")).status).toBe(200);
    const read = await request(url)
      .get(`/v1/entitlements/evotor/${USER_ID}`)
      .set("Authorization", `Bearer ${TEST_SECRETS.adminApiKey}`)
      .expect(200);
    expect(read.body).toMatchObject({ entitled: true });
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  });
});
