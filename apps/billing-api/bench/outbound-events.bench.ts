/**
 * `npm run bench` (last): how long an entitlement change takes to reach the vendor. The built service runs in its
 * own process on PostgreSQL (a fresh `billing_bench_events` database, or BENCH_EVENTS_DATABASE_URL), with one
 * webhook endpoint on a loopback receiver in this process. Signed GitHub `marketplace_purchase` deliveries, each
 * changing one account's seat count, arrive at 50 per second; each change's latency runs from sending its
 * delivery to receiving its `entitlement.updated`. The floor, side by side: the delivery's own answer (the change
 * is committed then, and cannot be announced sooner). Loopback only.
 */
import { spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { Webhook } from "standardwebhooks";

const RATE = 50;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const ACCOUNTS = 200;
const ADMIN_KEY = "bench-admin-key-0123456789-0123456789";
const GITHUB_SECRET = "bench-secret-0123456789";
const server = process.env.BENCH_EVENTS_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function prepareDatabase(): Promise<string> {
  if (process.env.BENCH_EVENTS_DATABASE_URL) {
    return process.env.BENCH_EVENTS_DATABASE_URL;
  }
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query("DROP DATABASE IF EXISTS billing_bench_events WITH (FORCE)");
  await admin.query("CREATE DATABASE billing_bench_events");
  await admin.end();
  return server.replace(/\/[^/]*$/, "/billing_bench_events");
}

function purchase(accountId: number, units: number, action: string) {
  return JSON.stringify({
    action,
    effective_date: new Date().toISOString(),
    sender: { login: "bench", id: 1, type: "User" },
    marketplace_purchase: {
      account: { type: "Organization", id: accountId, node_id: "O_bench", login: `org-${accountId}` },
      billing_cycle: "monthly",
      unit_count: units,
      on_free_trial: false,
      free_trial_ends_on: null,
      next_billing_date: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      plan: {
        id: 435,
        name: "Team",
        description: "Bench plan",
        monthly_price_in_cents: 1000,
        yearly_price_in_cents: 10000,
        price_model: "PER_UNIT",
        has_free_trial: false,
        unit_name: "seat",
        bullets: [],
      },
    },
  });
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(url, { method: "POST", headers, body });
  await response.arrayBuffer();
  return response.status;
}

function deliver(base: string, body: string): Promise<number> {
  const signature = `sha256=${createHmac("sha256", GITHUB_SECRET).update(body).digest("hex")}`;
  return post(`${base}/webhooks/github`, body, {
    "content-type": "application/json",
    "x-github-event": "marketplace_purchase",
    "x-github-delivery": randomUUID(),
    "x-hub-signature-256": signature,
    "user-agent": "GitHub-Hookshot/bench",
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const databaseUrl = await prepareDatabase();

// The vendor's receiver: verifies each delivery and notes when each account's seat count was announced.
const announced = new Map<string, number>();
let secret = "";
let rejected = 0;
let refusedDeliveries = 0;
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const at = performance.now();
    try {
      const body = Buffer.concat(chunks).toString("utf8");
      const event = new Webhook(secret).verify(body, req.headers as Record<string, string>) as {
        type: string;
        data: { account: { accountId: string }; entitlement: { seats: { limit: number } } };
      };
      if (event.type === "entitlement.updated") {
        announced.set(`${event.data.account.accountId}:${event.data.entitlement.seats.limit}`, at);
      }
      res.statusCode = 204;
    } catch {
      rejected += 1;
      res.statusCode = 400;
    }
    res.end();
  });
});
receiver.listen(0, "127.0.0.1");
await once(receiver, "listening");
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`;

// A free loopback port for the service.
const probe = createServer();
probe.listen(0, "127.0.0.1");
await once(probe, "listening");
const port = (probe.address() as AddressInfo).port;
probe.close();
const base = `http://127.0.0.1:${port}`;

const child = spawn(process.execPath, ["--enable-source-maps", "dist/server.js"], {
  cwd: fileURLToPath(new URL("..", import.meta.url)),
  env: {
    PATH: process.env.PATH,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    ADMIN_API_KEY: ADMIN_KEY,
    GITHUB_WEBHOOK_SECRET: GITHUB_SECRET,
    EVOTOR_WEBHOOK_TOKEN: "bench-token-0123456789",
    DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64url"),
    LOG_LEVEL: "warn",
    NO_ANNOUNCE: process.env.NO_ANNOUNCE,
  },
  stdio: ["ignore", "ignore", "inherit"],
});
// Never leave the service running, whatever happens to this process.
process.on("exit", () => child.kill("SIGKILL"));
const started = Date.now();
for (;;) {
  const ready = await fetch(`${base}/readyz`).then(
    (response) => response.ok,
    () => false,
  );
  if (ready) {
    break;
  }
  if (Date.now() - started > 60_000 || child.exitCode !== null) {
    throw new Error("the service did not start");
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}

try {
  const created = await fetch(`${base}/v1/webhook-endpoints`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ url: receiverUrl, events: ["entitlement.updated"] }),
  });
  secret = ((await created.json()) as { secret: string }).secret;

  // Every account exists first, so each measured delivery is a change of seats.
  for (let account = 1; account <= ACCOUNTS; account += 1) {
    await deliver(base, purchase(account, 1, "purchased"));
  }
  await new Promise((resolve) => setTimeout(resolve, 2_000));

  const changes: Array<{ key: string; sentAt: number; answeredAt: number }> = [];
  const total = RATE * DURATION_S;
  const inFlight: Array<Promise<void>> = [];
  const begin = performance.now();
  for (let index = 0; index < total; index += 1) {
    const dueAt = begin + (index * 1000) / RATE;
    const wait = dueAt - performance.now();
    if (wait > 0) {
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    const account = (index % ACCOUNTS) + 1;
    const units = 2 + Math.floor(index / ACCOUNTS);
    const change = { key: `${account}:${units}`, sentAt: dueAt, answeredAt: Number.NaN };
    changes.push(change);
    inFlight.push(
      deliver(base, purchase(account, units, "changed")).then(
        (status) => {
          // 202: stored and queued (the apply workers fold it right after).
          if (status === 202 || status === 200) {
            change.answeredAt = performance.now();
          } else {
            refusedDeliveries += 1;
          }
        },
        () => {
          refusedDeliveries += 1;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  const deadline = performance.now() + 15_000;
  while (changes.some((change) => !announced.has(change.key)) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  const latencies = changes
    .filter((change) => announced.has(change.key))
    .map((change) => (announced.get(change.key) as number) - change.sentAt);
  const floors = changes
    .filter((change) => !Number.isNaN(change.answeredAt))
    .map((change) => change.answeredAt - change.sentAt);
  const missing = changes.length - latencies.length;
  const row = (name: string, values: number[]) =>
    `| ${name} | ${values.length} | ${percentile(values, 50).toFixed(0)} | ${percentile(values, 99).toFixed(0)} | ${Math.max(...values).toFixed(0)} |`;
  process.stdout.write(
    [
      "",
      `Entitlement change → entitlement.updated received, ${RATE} changes/s for ${DURATION_S} s (${ACCOUNTS} accounts):`,
      "",
      "| measured | changes | p50 ms | p99 ms | max ms |",
      "|---|---|---|---|---|",
      row("floor: the delivery's answer (change committed)", floors),
      row("change → entitlement.updated received", latencies),
      "",
      `missing announcements: ${missing}, refused signatures: ${rejected}, failed deliveries: ${refusedDeliveries}; target p99 ≤ 1000 ms: ${
        missing === 0 && percentile(latencies, 99) <= 1000 ? "met" : "NOT met"
      }`,
      "",
    ].join("\n"),
  );
} finally {
  child.kill("SIGTERM");
  await once(child, "exit");
  receiver.close();
}
