/**
 * One server for the benchmark, in its own process (plain `node`, on the built dist/, as production runs it):
 * - `service`: the real app (composeApp + createApp): response validation off, info logs serialized to /dev/null;
 * - `floor`: a bare Express handler running the one indexed SELECT an entitlement read needs (the same
 *   statement billing-api prepares: subscriptions, their plans' terms and the seats in use);
 * - `floor-simple`: a bare Express handler selecting the account's subscription rows only (a lower bound).
 * Prints `listening <port>` when ready. Usage: node bench/serve.mjs <mode> <databaseUrl> <adminApiKey>
 */
import express from "express";
import pg from "pg";
import { pino } from "pino";
import { createApp } from "../dist/app.js";
import { composeApp } from "../dist/composition.js";
import { systemClock } from "../dist/domain/time/clock.js";
import { createLogger } from "../dist/logger.js";
import { openDatabase } from "../dist/persistence/database.js";
import { SNAPSHOT_SQL } from "../dist/persistence/repositories/typeorm-subscription-store.js";

const [mode, databaseUrl, adminApiKey] = process.argv.slice(2);
if (!databaseUrl || !adminApiKey || !["service", "floor", "floor-simple"].includes(mode ?? "")) {
  throw new Error("usage: serve.mjs service|floor|floor-simple <databaseUrl> <adminApiKey>");
}

let app;
if (mode === "service") {
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
const server = app.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === "object" && address ? address.port : 0}\n`);
});

// Exit through process.exit so `--cpu-prof` profiles get written when the bench stops the server.
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => process.exit(0));
}
