import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { githubAdapter } from "../../src/domain/github/github-adapter.js";
import { projectorOf } from "../../src/domain/marketplaces/fold-account.js";
import { signBody } from "../../src/http/github/webhook-signature.js";
import { InboundEventEntity } from "../../src/persistence/entities/inbound-event.entity.js";
import { JobLocks } from "../../src/persistence/job-locks.js";
import { fromInboundEventEntity } from "../../src/persistence/repositories/typeorm-event-log.js";
import { type RunningService, startService } from "../../src/service.js";
import { purchasePayload } from "../support/github-deliveries.js";
import { TEST_SECRETS } from "../support/test-app.js";

/**
 * Several replicas on one PostgreSQL server. Needs a server (DATABASE_URL): the embedded database is one
 * process's by design. Each run uses a database of its own, created empty here.
 */
const serverUrl = process.env.DATABASE_URL;
const replicaUrl = serverUrl
  ? withDatabase(serverUrl, `${new URL(serverUrl).pathname.slice(1)}_replicas`)
  : "";

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl ?? "", "postgres") });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const environment = {
  DATABASE_URL: replicaUrl,
  PORT: "0",
  HOST: "127.0.0.1",
  LOG_LEVEL: "silent",
  GITHUB_WEBHOOK_SECRET: TEST_SECRETS.githubWebhookSecrets[0],
  EVOTOR_WEBHOOK_TOKEN: TEST_SECRETS.evotorWebhookToken,
  ADMIN_API_KEY: TEST_SECRETS.adminApiKey,
  DATA_ENCRYPTION_KEY: TEST_SECRETS.dataEncryptionKey,
  EVENT_RETRY_INTERVAL_MS: "200",
  APPLY_WORKERS: "3",
};

describe.skipIf(!serverUrl)("two replicas on one database", () => {
  const name = new URL(replicaUrl || "postgres://x/x").pathname.slice(1);
  let replicas: RunningService[] = [];

  beforeAll(async () => {
    await admin(async (client) => {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${name}"`);
    });
  });

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  });

  it("both come up when started together on an empty database, and share the load", async () => {
    // Without the migration lock one of them fails with `relation "inbound_event" already exists`.
    replicas = await Promise.all([startService(environment), startService(environment)]);
    const deadlocksBefore = await deadlocks(name);

    // 240 deliveries over 30 accounts sharing 3 plans, alternately to each replica, 12 at a time.
    const deliveries = Array.from({ length: 240 }, (_, index) => {
      const accountId = 1000 + (index % 30);
      const action = index < 30 ? "purchased" : "changed";
      // Every account's effective dates go backwards now and then, so some deliveries are late.
      const hour = (index * 7) % 24;
      return purchasePayload(action, `2026-03-0${1 + (index % 5)}T${String(hour).padStart(2, "0")}:00:00Z`, {
        accountId,
        planId: 1 + (index % 3),
        unitCount: 1 + (index % 9),
      });
    });
    const answers: number[] = [];
    for (let start = 0; start < deliveries.length; start += 12) {
      const batch = deliveries.slice(start, start + 12).map((payload, offset) => {
        const replica = replicas[(start + offset) % 2] as RunningService;
        return deliver(replica.url, payload).then((status) => answers.push(status));
      });
      await Promise.all(batch);
    }
    expect(answers.filter((status) => status === 202)).toHaveLength(240);

    const database = replicas[0]?.database.dataSource;
    await waitUntil(async () => {
      const [{ pending }] = await database!.query(
        `SELECT count(*)::int AS pending FROM inbound_event WHERE status <> 'applied'`,
      );
      return pending === 0;
    });
    expect(await deadlocks(name)).toBe(deadlocksBefore);

    // Each account's state is what folding all its events in order gives.
    for (let accountId = 1000; accountId < 1030; accountId += 1) {
      const events = (
        await database!
          .getRepository(InboundEventEntity)
          .find({ where: { accountId: String(accountId) }, order: { id: "ASC" } })
      ).map(fromInboundEventEntity);
      const [expected] = projectorOf(githubAdapter).project(events, new Date()).subscriptions;
      const [stored] = await replicas[0]!.database.dataSource.query(
        `SELECT plan_id, units, pending_plan_id, ends_at FROM subscription WHERE account_id = $1`,
        [String(accountId)],
      );
      expect({ plan: stored.plan_id, units: stored.units, pending: stored.pending_plan_id }).toEqual({
        plan: expected?.planId,
        units: expected?.units,
        pending: expected?.pendingChange?.planId ?? null,
      });
    }
  });

  it("runs a periodic job on one replica at a time", async () => {
    const first = new JobLocks(replicaUrl);
    const second = new JobLocks(replicaUrl);
    try {
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let entered: () => void = () => {};
      const running = new Promise<void>((resolve) => {
        entered = resolve;
      });
      const firstRun = first.runExclusive("github-reconciliation", async () => {
        entered();
        await held;
      });
      await running;
      expect(await second.runExclusive("github-reconciliation", async () => {})).toBe(false);
      expect(await second.runExclusive("github-maintenance", async () => {})).toBe(true);
      release();
      expect(await firstRun).toBe(true);
      expect(await second.runExclusive("github-reconciliation", async () => {})).toBe(true);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});

async function deliver(url: string, payload: unknown): Promise<number> {
  const body = JSON.stringify(payload);
  const response = await fetch(`${url}/webhooks/github`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-GitHub-Event": "marketplace_purchase",
      "X-GitHub-Delivery": randomUUID(),
      "X-Hub-Signature-256": signBody(TEST_SECRETS.githubWebhookSecrets[0] as string, body),
    },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

async function deadlocks(database: string): Promise<number> {
  return admin(async (client) => {
    const { rows } = await client.query<{ deadlocks: string }>(
      "SELECT deadlocks FROM pg_stat_database WHERE datname = $1",
      [database],
    );
    return Number(rows[0]?.deadlocks ?? 0);
  });
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error("timed out");
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
