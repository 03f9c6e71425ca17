/**
 * One server for the benchmark, in its own process so the load generator does not share its event loop:
 * - `service`: the real app (composeApp + createApp) as production runs it: response validation off, info
 *   logs serialized (to /dev/null);
 * - `floor`: a bare Express handler doing the one indexed SELECT an entitlement read needs.
 * Prints `listening <port>` when ready.
 */
import express from "express";
import pg from "pg";
import { pino } from "pino";
import { createApp } from "../src/app.js";
import { composeApp } from "../src/composition.js";
import { systemClock } from "../src/domain/time/clock.js";
import { createLogger } from "../src/logger.js";
import { openDatabase } from "../src/persistence/database.js";

const [mode, databaseUrl, adminApiKey] = process.argv.slice(2);
if (!databaseUrl || !adminApiKey || (mode !== "service" && mode !== "floor")) {
  throw new Error("usage: serve.ts service|floor <databaseUrl> <adminApiKey>");
}

let app: express.Express;
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
        level: (process.env.BENCH_LOG_LEVEL as "info" | undefined) ?? "info",
        destination: pino.destination({ dest: "/dev/null", sync: false }),
      }),
      clock: systemClock,
    }),
  );
} else {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  app = express();
  app.get("/v1/entitlements/:marketplace/:accountId", async (req, res) => {
    const { rows } = await pool.query(
      "SELECT * FROM subscription WHERE marketplace = $1 AND account_id = $2",
      [req.params.marketplace, req.params.accountId],
    );
    res.json({ entitled: rows.length > 0, subscriptions: rows });
  });
}
const server = app.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === "object" && address ? address.port : 0}\n`);
});

// Exit through process.exit so `--cpu-prof` profiles get written when the bench stops the server.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => process.exit(0));
}
