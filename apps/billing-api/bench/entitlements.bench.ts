/**
 * `npm run bench`: throughput and latency of GET /v1/entitlements/{marketplace}/{accountId} on PostgreSQL with
 * 10,000 accounts, side by side with a floor measured in the same run (a bare Express handler doing the one
 * indexed SELECT). Loopback only. Uses BENCH_DATABASE_URL (default: a fresh `billing_bench` database on
 * postgres://postgres@127.0.0.1:5432). Results are printed as a Markdown table; bench/README.md records them.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { once } from "node:events";
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import pg from "pg";
import { openDatabase } from "../src/persistence/database.js";
import { SubscriptionEntity } from "../src/persistence/entities/subscription.entity.js";
import { migrate } from "../src/persistence/migrate.js";

const ACCOUNTS = 10_000;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const ADMIN_KEY = "bench-admin-key-0123456789-0123456789";
/** The GitHub webhook secret serve.mjs configures. */
const WEBHOOK_SECRET = "bench-secret-0123456789";
const server = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function prepareDatabase(): Promise<string> {
  if (process.env.BENCH_DATABASE_URL) {
    return process.env.BENCH_DATABASE_URL;
  }
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query("DROP DATABASE IF EXISTS billing_bench WITH (FORCE)");
  await admin.query("CREATE DATABASE billing_bench");
  await admin.end();
  return server.replace(/\/[^/]*$/, "/billing_bench");
}

async function seed(url: string): Promise<void> {
  const database = await openDatabase({ databaseUrl: url, embeddedDataDir: undefined, poolSize: 2 });
  await migrate(database.dataSource);
  const repository = database.dataSource.getRepository(SubscriptionEntity);
  if ((await repository.count()) < ACCOUNTS) {
    const now = new Date();
    for (let start = 0; start < ACCOUNTS; start += 1000) {
      const rows = Array.from({ length: 1000 }, (_, offset) => {
        const id = String(start + offset + 1);
        return repository.create({
          marketplace: "github",
          subscriptionId: id,
          accountId: id,
          planId: String(400 + ((start + offset) % 5)),
          planName: "Bench plan",
          units: 10,
          billingCycle: "monthly",
          startedAt: now,
          trialEndsAt: (start + offset) % 3 === 0 ? new Date(now.getTime() + 7 * 86_400_000) : null,
          currentPeriodEnd: new Date(now.getTime() + 30 * 86_400_000),
          lapsesAt: null,
          endsAt: null,
          pendingPlanId: null,
          pendingPlanName: null,
          pendingUnits: null,
          pendingEffectiveAt: null,
          billedBy: "marketplace",
          details: {},
          lastEventId: null,
          updatedAt: now,
        });
      });
      await repository.save(rows, { chunk: 500 });
    }
  }
  await database.close();
}

type Mode = "service" | "floor" | "floor-simple";

async function startServer(mode: Mode, url: string): Promise<{ child: ChildProcess; port: number }> {
  // Plain node on the built dist/ (npm run bench builds first): the way production runs, and without tsx's
  // loader, which gives CommonJS dependencies separate module instances.
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL("./serve.mjs", import.meta.url)), mode, url, ADMIN_KEY],
    { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, NODE_ENV: "production" } },
  );
  let output = "";
  for await (const chunk of child.stdout ?? []) {
    output += String(chunk);
    const match = /listening (\d+)/.exec(output);
    if (match) {
      return { child, port: Number(match[1]) };
    }
  }
  throw new Error(`${mode} server did not start`);
}

function randomAccountPath(): string {
  return `/v1/entitlements/github/${1 + Math.floor(Math.random() * ACCOUNTS)}`;
}

interface Measured {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(port: number, options: { connections: number; overallRate?: number }): Promise<Measured> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: options.connections,
    duration: DURATION_S,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    headers: { authorization: `Bearer ${ADMIN_KEY}` },
    requests: [{ method: "GET", setupRequest: (request) => ({ ...request, path: randomAccountPath() }) }],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

/**
 * GitHub's side: signed `marketplace_purchase` deliveries, each a new delivery id for one of 1,000 accounts, so
 * every request appends to the event log (applying is the workers' job: ingest.bench.ts measures the whole
 * pipeline). GitHub gives up after 10 s.
 */
async function webhookLoad(port: number): Promise<Measured & { max: number }> {
  let sequence = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 20,
    duration: DURATION_S,
    requests: [
      {
        method: "POST",
        setupRequest: (request) => {
          sequence += 1;
          const body = JSON.stringify(deliveryPayload(50_000 + (sequence % 1000), sequence));
          return {
            ...request,
            path: "/webhooks/github",
            body,
            headers: {
              "content-type": "application/json",
              "x-github-event": "marketplace_purchase",
              "x-github-delivery": `bench-${process.pid}-${sequence}`,
              "x-hub-signature-256": `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(body).digest("hex")}`,
            },
          };
        },
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.non2xx,
  };
}

function deliveryPayload(accountId: number, sequence: number) {
  return {
    action: sequence % 5 === 0 ? "changed" : "purchased",
    effective_date: new Date(Date.UTC(2026, 0, 1) + sequence * 1000).toISOString(),
    sender: { id: 1, login: "octocat" },
    marketplace_purchase: {
      account: { type: "Organization", id: accountId, login: `org-${accountId}` },
      billing_cycle: "monthly",
      unit_count: 1 + (sequence % 20),
      on_free_trial: false,
      free_trial_ends_on: null,
      next_billing_date: "2026-02-01T00:00:00Z",
      plan: { id: 435, name: "Team", price_model: "PER_UNIT", unit_name: "seat", bullets: [] },
    },
  };
}

/**
 * An open-loop load at a fixed rate: one request every 1000/rate ms on keep-alive connections, each latency
 * counted from when the request was due (not when it could be sent), so a stall shows in full instead of
 * being hidden by fewer requests going out (autocannon's rate limit sends each second's quota in a burst).
 */
async function paced(port: number, rate: number): Promise<Measured> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const intervalMs = 1000 / rate;
  const total = Math.round(rate * DURATION_S);
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const inFlight: Array<Promise<void>> = [];
  const fire = (due: number) =>
    new Promise<void>((resolve) => {
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path: randomAccountPath(),
          agent,
          headers: { authorization: `Bearer ${ADMIN_KEY}` },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - due);
            if (res.statusCode !== 200) {
              errors += 1;
            }
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors += 1;
        resolve();
      });
      req.end();
    });
  for (let sent = 0; sent < total; ) {
    const now = performance.now();
    while (sent < total && started + sent * intervalMs <= now) {
      inFlight.push(fire(started + sent * intervalMs));
      sent += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10) / 10;
  return { requestsPerSecond: total / DURATION_S, p50: at(0.5), p99: at(0.99), errors };
}

async function measure(mode: Mode, url: string) {
  const { child, port } = await startServer(mode, url);
  try {
    await load(port, { connections: 10 }); // warm-up: JIT, pools, validator compilation
    const saturated = await load(port, { connections: 20 });
    const steady = await paced(port, 500);
    const webhooks = mode === "service" ? await webhookLoad(port) : undefined;
    return { saturated, paced: steady, webhooks };
  } finally {
    child.kill("SIGTERM");
    await once(child, "exit");
  }
}

const url = await prepareDatabase();
await seed(url);
const simple = await measure("floor-simple", url);
const floor = await measure("floor", url);
const service = await measure("service", url);

const row = (name: string, m: Awaited<ReturnType<typeof measure>>) =>
  `| ${name} | ${Math.round(m.saturated.requestsPerSecond)} | ${m.saturated.p50} | ${m.saturated.p99} | ${m.paced.p50} | ${m.paced.p99} | ${m.saturated.errors + m.paced.errors} |`;
const ratio = service.saturated.requestsPerSecond / floor.saturated.requestsPerSecond;
process.stdout.write(
  [
    "",
    `GET /v1/entitlements/github/{random of ${ACCOUNTS}} on PostgreSQL, ${DURATION_S} s per run, loopback`,
    "",
    "| server | req/s (20 conns) | p50 ms | p99 ms | p50 ms @500 req/s | p99 ms @500 req/s | errors |",
    "|---|---|---|---|---|---|---|",
    row("floor-simple (bare Express, SELECT subscription rows only)", simple),
    row("floor (bare Express, the same snapshot SELECT)", floor),
    row("billing-api", service),
    "",
    `billing-api / floor throughput: ${(ratio * 100).toFixed(0)}% (target ≥ 50%); p99 at 500 req/s: ${service.paced.p99} ms (target < 10 ms)`,
    `billing-api / floor-simple throughput: ${((service.saturated.requestsPerSecond / simple.saturated.requestsPerSecond) * 100).toFixed(0)}%`,
    "",
    `POST /webhooks/github (signed, each a new delivery for one of 1,000 accounts; acknowledged once stored: this server runs no apply workers, see ingest.bench.ts), 20 connections, ${DURATION_S} s:`,
    `${Math.round(service.webhooks?.requestsPerSecond ?? 0)} deliveries/s, p50 ${service.webhooks?.p50} ms, p99 ${service.webhooks?.p99} ms, max ${service.webhooks?.max} ms (GitHub's budget: 10,000 ms), errors ${service.webhooks?.errors}`,
    "",
  ].join("\n"),
);
