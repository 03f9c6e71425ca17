/**
 * One server for the benchmark, in its own process (plain `node`, on the built dist/, as production runs it):
 * - `service`: the real app (composeApp + createApp): response validation off, info logs serialized to /dev/null;
 * - `floor`: a bare Express handler running the one indexed SELECT an entitlement read needs (the same
 *   statement billing-api prepares: subscriptions, their plans' terms and the seats in use);
 * - `floor-simple`: a bare Express handler selecting the account's subscription rows only (a lower bound);
 * - `replica`: the whole service as production starts it (startService: migrations under their lock, the apply
 *   workers, the periodic jobs), info logs to stdout (the bench discards them);
 * - `ingest-floor`: a bare Express handler that checks the GitHub HMAC over the raw body and inserts one row.
 * Prints `listening <port>` when ready. Usage: node bench/serve.mjs <mode> <databaseUrl> <adminApiKey>
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import express from "express";
import pg from "pg";
import { pino } from "pino";
import { createApp } from "../dist/app.js";
import { composeApp } from "../dist/composition.js";
import { systemClock } from "../dist/domain/time/clock.js";
import { createLogger } from "../dist/logger.js";
import { openDatabase } from "../dist/persistence/database.js";
import { SNAPSHOT_SQL } from "../dist/persistence/repositories/typeorm-subscription-store.js";
import { startService } from "../dist/service.js";

const [mode, databaseUrl, adminApiKey] = process.argv.slice(2);
const MODES = ["service", "floor", "floor-simple", "replica", "ingest-floor"];
if (!databaseUrl || !adminApiKey || !MODES.includes(mode ?? "")) {
  throw new Error(`usage: serve.mjs ${MODES.join("|")} <databaseUrl> <adminApiKey>`);
}
const WEBHOOK_SECRET = "bench-secret-0123456789";

let app;
if (mode === "replica") {
  const service = await startService({
    DATABASE_URL: databaseUrl,
    PORT: "0",
    HOST: "127.0.0.1",
    NODE_ENV: "production",
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "info",
    ADMIN_API_KEY: adminApiKey,
    GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
    EVOTOR_WEBHOOK_TOKEN: "bench-token-0123456789",
    DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64url"),
    ...(process.env.APPLY_WORKERS ? { APPLY_WORKERS: process.env.APPLY_WORKERS } : {}),
  });
  process.stderr.write(`listening ${new URL(service.url).port}\n`);
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => service.stop().then(() => process.exit(0)));
  }
} else if (mode === "ingest-floor") {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  app = express();
  app.post("/webhooks/github", express.raw({ type: () => true, limit: 1024 * 1024 }), async (req, res) => {
    const expected = Buffer.from(
      `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(req.body).digest("hex")}`,
    );
    const given = Buffer.from(req.header("x-hub-signature-256") ?? "");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.status(401).end();
      return;
    }
    const payload = JSON.parse(req.body.toString("utf8"));
    // The same row the service stores, marked ignored so the service's workers never pick it up.
    await pool.query({
      name: "floor-insert",
      text: `INSERT INTO inbound_event (marketplace, source, event_type, dedupe_key, account_id, headers, raw_body,
               payload, received_at, status)
             VALUES ('github', 'webhook', $1, $2, $3, $4, $5, $6, now(), 'ignored') ON CONFLICT DO NOTHING`,
      values: [
        `marketplace_purchase.${payload.action}`,
        `floor-${req.header("x-github-delivery")}`,
        String(payload.marketplace_purchase?.account?.id ?? ""),
        { "x-github-event": req.header("x-github-event") ?? "" },
        req.body,
        payload,
      ],
    });
    res.status(202).json({ status: "queued" });
  });
} else if (mode === "service") {
  const database = await openDatabase({ databaseUrl, embeddedDataDir: undefined, poolSize: 10 });
  app = createApp(
    composeApp({
      dataSource: database.dataSource,
      config: {
        validateResponses: false,
        secrets: {
          adminApiKey,
          githubWebhookSecrets: ["bench-secret-0123456789"],
          evotorWebhookToken: "bench-token-0123456789",
          dataEncryptionKey: Buffer.alloc(32, 7).toString("base64url"),
        },
      },
      logger: createLogger({
        level: process.env.BENCH_LOG_LEVEL ?? "info",
        destination: pino.destination({ dest: "/dev/null", sync: false }),
      }),
      clock: systemClock,
    }),
  );
} else {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  app = express();
  const statement =
    mode === "floor"
      ? { name: "floor-snapshot", text: SNAPSHOT_SQL }
      : {
          name: "floor-simple",
          text: "SELECT * FROM subscription WHERE marketplace = $1 AND account_id = $2",
        };
  app.get("/v1/entitlements/:marketplace/:accountId", async (req, res) => {
    const { rows } = await pool.query({
      ...statement,
      values: [req.params.marketplace, req.params.accountId],
    });
    res.json({ entitled: rows.some((row) => row.subscription_id !== null), subscriptions: rows });
  });
}
if (app) {
  const server = app.listen(0, "127.0.0.1", () => {
    const address = server.address();
    process.stdout.write(`listening ${typeof address === "object" && address ? address.port : 0}\n`);
  });

  // Exit through process.exit so `--cpu-prof` profiles get written when the bench stops the server.
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => process.exit(0));
  }
}
