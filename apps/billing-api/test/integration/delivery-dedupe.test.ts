import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import fc from "fast-check";
import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { composeApp } from "../../src/composition.js";
import { createLogger } from "../../src/logger.js";
import { FULL_LIFE, SUBSCRIPTION_ID, USER_ID } from "../support/evotor-fixtures.js";
import { deliver as deliverToGithub, purchasePayload } from "../support/github-deliveries.js";
import { settling, TEST_SECRETS, useTestApp } from "../support/test-app.js";

const context = useTestApp();
const OTHER_USER_ID = "01-000000000000002";
const ADMIN = `Bearer ${TEST_SECRETS.adminApiKey}`;
const GITHUB_ACCOUNT = "18404719";

/** The real composition on the run's database, with its log lines captured (the warn line is the point). */
let app: ReturnType<typeof createApp>;
let metrics: { render(): Promise<string> };
const lines: Array<Record<string, unknown>> = [];
beforeAll(() => {
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  const deps = composeApp({
    dataSource: context.database.dataSource,
    config: { secrets: TEST_SECRETS, validateResponses: true },
    logger: createLogger({ level: "warn", destination }),
    clock: context.clock,
  });
  // Answers wait for the apply queue to drain, so the tests read what their deliveries lead to.
  app = settling(createApp(deps), deps);
  metrics = deps.metrics;
});

function evotor(payload: Record<string, unknown>) {
  return request(app)
    .post(
      "subscriptionId" in payload ? "/evotor/api/v1/subscription/event" : "/evotor/api/v2/installation/event",
    )
    .set("Authorization", `Bearer ${TEST_SECRETS.evotorWebhookToken}`)
    .send(payload);
}

async function rows() {
  return (await context.database.dataSource.query(
    `SELECT id::text, account_id, dedupe_key, status, conflicts_with::text FROM inbound_event ORDER BY id`,
  )) as Array<{
    id: string;
    account_id: string;
    dedupe_key: string;
    status: string;
    conflicts_with: string | null;
  }>;
}

async function history(marketplace: string, accountId: string) {
  const response = await request(app)
    .get(`/v1/entitlements/${marketplace}/${accountId}/history`)
    .set("Authorization", ADMIN)
    .expect(200);
  return response.body.events as Array<Record<string, unknown>>;
}

async function conflictCount(marketplace: string): Promise<number> {
  const match = (await metrics.render()).match(
    new RegExp(`billing_event_conflicting_deliveries_total\\{marketplace="${marketplace}"\\} (\\d+)`),
  );
  return match ? Number(match[1]) : 0;
}

describe("Evotor de-duplication is scoped by user", () => {
  it("does not let one user's event shadow another user's event with the same subscription and number", async () => {
    // Evotor numbers events per subscription; a crafted or colliding subscriptionId must not swallow B's event.
    await evotor(FULL_LIFE.created).expect(200, {});
    await evotor({ ...FULL_LIFE.created, userId: OTHER_USER_ID, deviceNumber: 7 }).expect(200, {});

    const stored = await rows();
    expect(stored.map((row) => [row.account_id, row.dedupe_key, row.status])).toEqual([
      [USER_ID, `subscription:${USER_ID}:${SUBSCRIPTION_ID}:1`, "applied"],
      [OTHER_USER_ID, `subscription:${OTHER_USER_ID}:${SUBSCRIPTION_ID}:1`, "applied"],
    ]);
    const [other] = await context.deps.subscriptions.findByAccount("evotor", OTHER_USER_ID);
    expect(other).toMatchObject({ units: 7 });

    await evotor(FULL_LIFE.installed).expect(200);
    await evotor({
      ...FULL_LIFE.installed,
      data: { ...(FULL_LIFE.installed.data as Record<string, unknown>), userId: OTHER_USER_ID },
    }).expect(200);
    expect((await rows()).filter((row) => row.dedupe_key.startsWith("installation:"))).toHaveLength(2);
  });
});

describe("a redelivery under a stored key with a different body", () => {
  it("is kept as a conflict (Evotor): 200, not applied, warned, counted and in the account's history", async () => {
    await evotor(FULL_LIFE.created).expect(200, {});
    const before = await context.deps.subscriptions.findByAccount("evotor", USER_ID);
    const forged = { ...FULL_LIFE.created, planId: "enterprise", deviceNumber: 500 };

    await evotor(forged).expect(200, {});
    await evotor(forged).expect(200, {}); // the same conflicting body again: a duplicate of the conflict

    const [original, conflict, ...more] = await rows();
    expect(more).toHaveLength(0);
    expect(conflict).toMatchObject({
      account_id: USER_ID,
      status: "conflict",
      conflicts_with: original?.id,
    });
    expect(conflict?.dedupe_key).toMatch(
      new RegExp(`^subscription:${USER_ID}:${SUBSCRIPTION_ID}:1#conflict:[0-9a-f]{64}$`),
    );
    expect(await context.deps.subscriptions.findByAccount("evotor", USER_ID)).toEqual(before);

    const warned = lines.filter((line) => line.level === "warn" && line.marketplace === "evotor");
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({
      eventId: conflict?.id,
      conflictsWith: original?.id,
      accountId: USER_ID,
    });
    expect(await conflictCount("evotor")).toBeGreaterThanOrEqual(1);

    const events = await history("evotor", USER_ID);
    expect(events.map((event) => [event.eventId, event.applyStatus, event.conflictsWith])).toEqual([
      [original?.id, "applied", null],
      [conflict?.id, "conflict", original?.id],
    ]);
    expect(events[1]?.changes).toEqual([]);
  });

  it("is kept as a conflict (GitHub, same X-GitHub-Delivery) and answered `conflict`", async () => {
    const deliveryId = randomUUID();
    const purchased = purchasePayload("purchased", "2026-03-01T00:00:00+00:00", { unitCount: 5 });
    await deliverToGithub(app, purchased, { deliveryId }).expect(202);
    const changedBody = purchasePayload("purchased", "2026-03-01T00:00:00+00:00", { unitCount: 500 });
    const response = await deliverToGithub(app, changedBody, { deliveryId }).expect(200);
    expect(response.body).toMatchObject({ deliveryId, status: "conflict" });

    const [original, conflict] = await rows();
    expect(conflict).toMatchObject({ status: "conflict", conflicts_with: original?.id });
    const [subscription] = await context.deps.subscriptions.findByAccount("github", GITHUB_ACCOUNT);
    expect(subscription?.units).toBe(5);
    // A later event re-folds the account's log: the conflicting body must not be folded with it.
    await deliverToGithub(
      app,
      purchasePayload("changed", "2026-03-02T00:00:00+00:00", { unitCount: 6 }),
    ).expect(202);
    const [refolded] = await context.deps.subscriptions.findByAccount("github", GITHUB_ACCOUNT);
    expect(refolded?.units).toBe(6);
    expect(refolded?.details).not.toHaveProperty("doublePurchases");
    expect(lines.some((line) => line.level === "warn" && line.dedupeKey === deliveryId)).toBe(true);
    expect(await conflictCount("github")).toBeGreaterThanOrEqual(1);
    expect((await history("github", GITHUB_ACCOUNT)).map((event) => event.applyStatus)).toEqual([
      "applied",
      "conflict",
      "applied",
    ]);
  });
});

describe("GitHub replays under a new X-GitHub-Delivery", () => {
  it("answer `duplicate` and store nothing new", async () => {
    const body = purchasePayload("purchased", "2026-03-01T00:00:00+00:00");
    await deliverToGithub(app, body).expect(202);
    const replay = await deliverToGithub(app, body, { deliveryId: "replayed-under-a-new-id" }).expect(200);
    expect(replay.body).toMatchObject({ status: "duplicate" });
    expect(await rows()).toHaveLength(1);
    const [subscription] = await context.deps.subscriptions.findByAccount("github", GITHUB_ACCOUNT);
    expect(subscription?.details).not.toHaveProperty("doublePurchases");
  });

  it("store exactly one row however many replays arrive at once", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 6 }), async (copies) => {
        await context.database.dataSource.query(
          `TRUNCATE "inbound_event", "subscription", "plan" RESTART IDENTITY`,
        );
        const body = purchasePayload("purchased", "2026-03-01T00:00:00+00:00", { unitCount: copies });
        const answers = await Promise.all(
          Array.from({ length: copies }, () => deliverToGithub(app, body).then((response) => response.body)),
        );
        expect(answers.filter((answer) => answer.status === "duplicate")).toHaveLength(copies - 1);
        expect(await rows()).toHaveLength(1);
      }),
      { numRuns: 4 },
    );
  });
});
