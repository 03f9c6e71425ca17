import { createHash } from "node:crypto";
import { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "../../src/persistence/embedded-postgres.js";
import { entities } from "../../src/persistence/entities/index.js";
import { EventLogConflictsAndBodyDigest1795933100000 } from "../../src/persistence/migrations/1795933100000-EventLogConflictsAndBodyDigest.js";
import { migrations } from "../../src/persistence/migrations/index.js";
import { TypeOrmEventLog } from "../../src/persistence/repositories/typeorm-event-log.js";

/**
 * The re-keying migration on a database that holds rows written before it (old-format Evotor keys, GitHub
 * replays already stored twice): every stored delivery must survive unchanged but for its key.
 */
const USER_A = "01-000000000000001";
const USER_B = "01-000000000000002";
const SUBSCRIPTION = "a99fbf70-6307-4acc-b61c-741ee9eef6c0";
const INSTALLATION = "b1c2d3e4-0000-4000-8000-000000000001";

let embedded: EmbeddedPostgres | undefined;
let url: string;
let dropScratch: (() => Promise<void>) | undefined;

function dataSource(list: typeof migrations): DataSource {
  return new DataSource({
    type: "postgres",
    url,
    entities,
    migrations: list,
    migrationsTableName: "schema_migrations",
    migrationsTransactionMode: "each",
    poolSize: 1,
  });
}

beforeAll(async () => {
  const runUrl = process.env.DATABASE_URL;
  if (runUrl) {
    // A scratch database beside the run's one, so the run's schema stays at the latest migration.
    const name = `${new URL(runUrl).pathname.slice(1)}_rekey`;
    const admin = new DataSource({ type: "postgres", url: runUrl, poolSize: 1 });
    await admin.initialize();
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}"`);
    const scratch = new URL(runUrl);
    scratch.pathname = `/${name}`;
    url = scratch.toString();
    dropScratch = async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
      await admin.destroy();
    };
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: undefined, maxConnections: 4 });
    url = embedded.url;
  }
});

afterAll(async () => {
  await dropScratch?.();
  await embedded?.stop();
});

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const subscriptionBody = (userId: string, sequenceNumber: number) => ({
  subscriptionId: SUBSCRIPTION,
  userId,
  sequenceNumber,
  type: sequenceNumber === 1 ? "SubscriptionCreated" : "SubscriptionActivated",
  timestamp: "2026-01-01T10:00:00.000+0000",
});
const installationBody = {
  id: INSTALLATION,
  timestamp: 1767261601000,
  version: 2,
  type: "ApplicationInstalled",
  data: { userId: USER_B },
};
const purchase = { action: "purchased", marketplace_purchase: { account: { id: 7 } } };
const otherPurchase = { action: "cancelled", marketplace_purchase: { account: { id: 7 } } };

/** Rows as the code before the migration wrote them. */
const OLD_ROWS: Array<[string, string, string, string, string | null, Buffer]> = [
  [
    "evotor",
    "webhook",
    "SubscriptionCreated",
    `subscription:${SUBSCRIPTION}:1`,
    USER_A,
    json(subscriptionBody(USER_A, 1)),
  ],
  [
    "evotor",
    "webhook",
    "SubscriptionActivated",
    `subscription:${SUBSCRIPTION}:2`,
    USER_A,
    json(subscriptionBody(USER_A, 2)),
  ],
  [
    "evotor",
    "webhook",
    "ApplicationInstalled",
    `installation:${INSTALLATION}`,
    USER_B,
    json(installationBody),
  ],
  ["github", "webhook", "marketplace_purchase.purchased", "delivery-1", "7", json(purchase)],
  // The bug point 4 fixes: the same body replayed under a new delivery id, already stored twice.
  ["github", "webhook", "marketplace_purchase.purchased", "delivery-2", "7", json(purchase)],
  ["github", "webhook", "marketplace_purchase.cancelled", "delivery-3", "7", json(otherPurchase)],
  ["github", "reconciliation", "marketplace_purchase.purchased", "repair:7:1", "7", json(purchase)],
];

describe("migration EventLogConflictsAndBodyDigest", () => {
  it("re-keys old Evotor rows by user and keeps every stored delivery", async () => {
    const index = migrations.indexOf(EventLogConflictsAndBodyDigest1795933100000);
    const before = dataSource(migrations.slice(0, index));
    await before.initialize();
    await before.runMigrations({ transaction: "each" });
    for (const [marketplace, source, eventType, key, accountId, body] of OLD_ROWS) {
      await before.query(
        `INSERT INTO inbound_event (marketplace, source, event_type, dedupe_key, account_id, headers, raw_body, payload, received_at, status)
         VALUES ($1, $2, $3, $4, $5, '{}', $6, $7, now(), 'applied')`,
        [marketplace, source, eventType, key, accountId, body, body.toString("utf8")],
      );
    }
    const snapshot = await before.query(
      `SELECT id::text, marketplace, source, event_type, account_id, raw_body, payload, received_at, status FROM inbound_event ORDER BY id`,
    );
    await before.destroy();

    const after = dataSource(migrations);
    await after.initialize();
    try {
      await after.runMigrations({ transaction: "each" });
      const rows = (await after.query(
        `SELECT id::text, marketplace, source, event_type, account_id, raw_body, payload, received_at, status, dedupe_key, encode(body_sha256, 'hex') AS digest FROM inbound_event ORDER BY id`,
      )) as Array<Record<string, unknown>>;

      // Every delivery is still there, byte for byte.
      expect(rows.map(({ dedupe_key: _k, digest: _d, ...rest }) => rest)).toEqual(snapshot);
      expect(rows.map((row) => row.dedupe_key)).toEqual([
        `subscription:${USER_A}:${SUBSCRIPTION}:1`,
        `subscription:${USER_A}:${SUBSCRIPTION}:2`,
        `installation:${USER_B}:${INSTALLATION}`,
        "delivery-1",
        "delivery-2",
        "delivery-3",
        "repair:7:1",
      ]);
      const sha = (value: unknown) => createHash("sha256").update(json(value)).digest("hex");
      // The first GitHub webhook row of each body carries the digest; the earlier replay and repairs do not.
      expect(rows.map((row) => row.digest)).toEqual([
        null,
        null,
        null,
        sha(purchase),
        null,
        sha(otherPurchase),
        null,
      ]);

      // The log is still append-only, the new columns included.
      await expect(after.query(`UPDATE inbound_event SET dedupe_key = 'x' WHERE id = 1`)).rejects.toThrow(
        /append-only/,
      );
      await expect(after.query(`UPDATE inbound_event SET body_sha256 = NULL WHERE id = 4`)).rejects.toThrow(
        /append-only/,
      );
      await expect(after.query(`DELETE FROM inbound_event WHERE id = 5`)).rejects.toThrow(/append-only/);

      // And the new code recognises the old deliveries under their new keys.
      const log = new TypeOrmEventLog(after);
      const again = await log.append({
        marketplace: "evotor",
        source: "webhook",
        eventType: "SubscriptionCreated",
        dedupeKey: `subscription:${USER_A}:${SUBSCRIPTION}:1`,
        accountId: USER_A,
        headers: {},
        rawBody: json(subscriptionBody(USER_A, 1)),
        payload: subscriptionBody(USER_A, 1),
        receivedAt: new Date(),
      });
      expect(again).toMatchObject({ duplicate: true, conflict: false, event: { id: "1" } });
      const replay = await log.append({
        marketplace: "github",
        source: "webhook",
        eventType: "marketplace_purchase.purchased",
        dedupeKey: "delivery-9",
        dedupeOnBody: true,
        accountId: "7",
        headers: {},
        rawBody: json(purchase),
        payload: purchase,
        receivedAt: new Date(),
      });
      expect(replay).toMatchObject({ duplicate: true, event: { id: "4" } });
      const [{ count }] = await after.query(`SELECT count(*)::int AS count FROM inbound_event`);
      expect(count).toBe(OLD_ROWS.length);
    } finally {
      await after.destroy();
    }
  });
});
