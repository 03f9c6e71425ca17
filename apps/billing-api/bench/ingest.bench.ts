/**
 * `npm run bench` (second part): the ingest pipeline on PostgreSQL, side by side with a floor measured in the
 * same run (a bare Express handler that checks the HMAC and inserts one row). Loopback only. Uses a fresh
 * database derived from BENCH_DATABASE_URL (`<name>_ingest`, default `billing_bench_ingest`).
 *
 * - acknowledgement throughput at 16 and 20 connections, and p99 of the acknowledgement at a fixed 200/s;
 * - from the 2xx to the entitlement showing the delivery, at 200 deliveries/s (a sample of the deliveries is
 *   followed by polling the entitlement every 5 ms);
 * - one account's delivery (to visible) with 300 and with 3,000 events of history;
 * - two replicas at 200 deliveries/s over 1,000 accounts on 20 plans: deadlocks, failed applies, and the
 *   final state of every account against folding its events in order.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { once } from "node:events";
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import pg from "pg";
import { githubAdapter } from "../src/domain/github/github-adapter.js";
import { projectorOf } from "../src/domain/marketplaces/fold-account.js";
import { openDatabase } from "../src/persistence/database.js";
import { InboundEventEntity } from "../src/persistence/entities/inbound-event.entity.js";
import { migrate } from "../src/persistence/migrate.js";
import { fromInboundEventEntity } from "../src/persistence/repositories/typeorm-event-log.js";

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const REPLICA_DURATION_S = Number(process.env.BENCH_REPLICA_DURATION_S ?? 30);
const ADMIN_KEY = "bench-admin-key-0123456789-0123456789";
const WEBHOOK_SECRET = "bench-secret-0123456789";
const base = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/billing_bench";
const databaseName = `${new URL(base).pathname.slice(1)}_ingest`;
const databaseUrl = Object.assign(new URL(base), { pathname: `/${databaseName}` }).toString();
const adminUrl = Object.assign(new URL(base), { pathname: "/postgres" }).toString();

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function freshDatabase(): Promise<void> {
  await admin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${databaseName}"`);
  });
  const database = await openDatabase({ databaseUrl, embeddedDataDir: undefined, poolSize: 1 });
  await migrate(database.dataSource);
  await database.close();
}

type Mode = "replica" | "ingest-floor";

async function startServer(mode: Mode): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL("./serve.mjs", import.meta.url)), mode, databaseUrl, ADMIN_KEY],
    // The replica logs to stdout (discarded) and says where it listens on stderr; the floor on stdout.
    { stdio: ["ignore", mode === "replica" ? "ignore" : "pipe", "pipe"], env: process.env },
  );
  const stream = (mode === "replica" ? child.stderr : child.stdout) ?? undefined;
  const port = await new Promise<number>((resolve, reject) => {
    let output = "";
    stream?.on("data", (chunk) => {
      output += String(chunk);
      const match = /listening (\d+)/.exec(output);
      if (match) {
        resolve(Number(match[1]));
      }
    });
    child.once("exit", () => reject(new Error(`${mode} exited: ${output}`)));
  });
  // Keep draining, so a chatty child never blocks on a full pipe.
  stream?.resume();
  child.stderr?.resume();
  return { child, port };
}

async function stop(child: ChildProcess): Promise<void> {
  child.kill("SIGTERM");
  await once(child, "exit");
}

let sequence = 0;
function purchase(
  accountId: number,
  options: { action?: string; units?: number; planId?: number; at?: number } = {},
) {
  sequence += 1;
  const body = JSON.stringify({
    action: options.action ?? "purchased",
    effective_date: new Date(options.at ?? Date.UTC(2026, 0, 1) + sequence * 1000).toISOString(),
    sender: { id: 1, login: "octocat" },
    marketplace_purchase: {
      account: { type: "Organization", id: accountId, login: `org-${accountId}` },
      billing_cycle: "monthly",
      unit_count: options.units ?? 1 + (sequence % 20),
      on_free_trial: false,
      free_trial_ends_on: null,
      next_billing_date: "2027-02-01T00:00:00Z",
      plan: {
        id: options.planId ?? 435,
        name: `Plan ${options.planId ?? 435}`,
        price_model: "PER_UNIT",
        unit_name: "seat",
        bullets: [],
      },
    },
  });
  return {
    body,
    headers: {
      "content-type": "application/json",
      "x-github-event": "marketplace_purchase",
      "x-github-delivery": `bench-${process.pid}-${sequence}`,
      "x-hub-signature-256": `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(body).digest("hex")}`,
    },
  };
}

/** Saturated acknowledgement throughput: every request a new delivery for one of 1,000 accounts. */
async function ackThroughput(port: number, connections: number) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: DURATION_S,
    requests: [
      {
        method: "POST",
        setupRequest: (req) => ({
          ...req,
          path: "/webhooks/github",
          ...purchase(60_000 + (sequence % 1000)),
        }),
      },
    ],
  });
  return {
    perSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function send(
  port: number,
  method: string,
  path: string,
  body?: { body: string; headers: Record<string, string> },
): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method,
        path,
        agent,
        headers: body ? body.headers : { authorization: `Bearer ${ADMIN_KEY}` },
      },
      (res) => {
        let text = "";
        res.on("data", (chunk) => {
          text += String(chunk);
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", () => resolve({ status: 0, text: "" }));
    req.end(body?.body);
  });
}

/**
 * Polls the entitlement every 20 ms until `shows` holds; the time it took, in ms. Polling faster would load
 * the service with reads more than the deliveries do.
 */
async function untilVisible(
  port: number,
  accountId: number,
  shows: (entitlement: Record<string, unknown>) => boolean,
) {
  const started = performance.now();
  for (;;) {
    const { status, text } = await send(port, "GET", `/v1/entitlements/github/${accountId}`);
    if (status === 200 && shows(JSON.parse(text))) {
      return performance.now() - started;
    }
    if (performance.now() - started > 30_000) {
      process.stderr.write(`not visible after 30 s: ${accountId} answered ${status} ${text.slice(0, 200)}\n`);
      return Number.POSITIVE_INFINITY;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Watches for subscriptions to show, straight in the database the entitlement API reads, with one query every
 * 10 ms for all pending accounts: polling the API per delivery would load the service more than the deliveries.
 */
class VisibilityWatcher {
  private readonly pending = new Map<string, { since: number; resolve: (ms: number) => void }>();
  private readonly pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  private readonly timer = setInterval(() => void this.poll(), 10);
  private polling = false;

  /** Resolves with the ms from now until the account's subscription has 7 units. */
  watch(accountId: number): Promise<number> {
    return new Promise((resolve) =>
      this.pending.set(String(accountId), { since: performance.now(), resolve }),
    );
  }

  private async poll() {
    if (this.polling || this.pending.size === 0) {
      return;
    }
    this.polling = true;
    try {
      const { rows } = await this.pool.query<{ account_id: string }>(
        "SELECT account_id FROM subscription WHERE marketplace = 'github' AND account_id = ANY($1) AND units = 7",
        [[...this.pending.keys()]],
      );
      const now = performance.now();
      for (const { account_id } of rows) {
        const entry = this.pending.get(account_id);
        this.pending.delete(account_id);
        entry?.resolve(now - (entry?.since ?? now));
      }
    } finally {
      this.polling = false;
    }
  }

  async close() {
    clearInterval(this.timer);
    await this.pool.end();
  }
}

const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;
};

/**
 * An open-loop load at `rate` deliveries/s spread over `ports` (one request every 1000/rate ms, latency from
 * when it was due). Every `sampleEvery`-th delivery is a purchase for a new account, followed by polling its
 * entitlement until it shows: the freshness measurement.
 */
async function pacedDeliveries(
  ports: number[],
  rate: number,
  durationS: number,
  next: (index: number) => { accountId: number; delivery: ReturnType<typeof purchase> },
  sampleEvery = 0,
) {
  const watcher = sampleEvery > 0 ? new VisibilityWatcher() : undefined;
  const intervalMs = 1000 / rate;
  const total = Math.round(rate * durationS);
  const acks: number[] = [];
  const visible: number[] = [];
  let errors = 0;
  const started = performance.now();
  const inFlight: Array<Promise<void>> = [];
  for (let sent = 0; sent < total; ) {
    const now = performance.now();
    while (sent < total && started + sent * intervalMs <= now) {
      const due = started + sent * intervalMs;
      const index = sent;
      const port = ports[index % ports.length] as number;
      const sampled = sampleEvery > 0 && index % sampleEvery === 0;
      const { accountId, delivery } = sampled
        ? { accountId: 900_000 + index, delivery: purchase(900_000 + index, { units: 7 }) }
        : next(index);
      inFlight.push(
        send(port, "POST", "/webhooks/github", delivery).then(async ({ status }) => {
          acks.push(performance.now() - due);
          if (status !== 202) {
            errors += 1;
          } else if (sampled && watcher) {
            visible.push(await watcher.watch(accountId));
          }
        }),
      );
      sent += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  await watcher?.close();
  return { acks, visible, errors, total };
}

/** One account's delivery, acknowledged and then visible, after `history` events for the account. */
async function historyCost(port: number, accountId: number, history: number, have: number) {
  // Build the history quickly (in order), then time deliveries that each change the seat count.
  const builders = Array.from({ length: history - have }, (_, index) =>
    purchase(accountId, { action: index + have === 0 ? "purchased" : "changed" }),
  );
  for (let start = 0; start < builders.length; start += 50) {
    await Promise.all(
      builders.slice(start, start + 50).map((delivery) => send(port, "POST", "/webhooks/github", delivery)),
    );
  }
  await untilVisible(port, accountId, () => true);
  await new Promise((resolve) => setTimeout(resolve, 500)); // let the queue drain
  const timings: number[] = [];
  for (let round = 0; round < 30; round += 1) {
    const units = 100 + round + history;
    const started = performance.now();
    await send(port, "POST", "/webhooks/github", purchase(accountId, { action: "changed", units }));
    await untilVisible(port, accountId, (e) => (e.seats as { limit?: number })?.limit === units);
    timings.push(performance.now() - started);
  }
  return { p50: percentile(timings, 0.5), p90: percentile(timings, 0.9) };
}

async function deadlocks(): Promise<number> {
  return admin(async (client) => {
    const { rows } = await client.query("SELECT deadlocks FROM pg_stat_database WHERE datname = $1", [
      databaseName,
    ]);
    return Number(rows[0]?.deadlocks ?? 0);
  });
}

/** Every account's stored subscription against folding its logged events in order; returns the mismatches. */
async function compareWithInOrder(
  accountIds: number[],
): Promise<{ mismatches: number; failed: number; pending: number }> {
  const database = await openDatabase({ databaseUrl, embeddedDataDir: undefined, poolSize: 2 });
  try {
    const [{ failed, pending }] = await database.dataSource.query(
      `SELECT count(*) FILTER (WHERE status = 'failed')::int AS failed,
              count(*) FILTER (WHERE status = 'received')::int AS pending FROM inbound_event`,
    );
    let mismatches = 0;
    for (const accountId of accountIds) {
      const events = (
        await database.dataSource
          .getRepository(InboundEventEntity)
          .find({ where: { marketplace: "github", accountId: String(accountId) }, order: { id: "ASC" } })
      ).map(fromInboundEventEntity);
      const [expected] = projectorOf(githubAdapter).project(events, new Date()).subscriptions;
      const [stored] = await database.dataSource.query(
        "SELECT plan_id, units, ends_at, pending_plan_id FROM subscription WHERE marketplace = 'github' AND account_id = $1",
        [String(accountId)],
      );
      const same =
        expected === undefined
          ? stored === undefined
          : stored?.plan_id === expected.planId &&
            stored?.units === expected.units &&
            (stored?.pending_plan_id ?? null) === (expected.pendingChange?.planId ?? null) &&
            (stored?.ends_at?.getTime() ?? null) === (expected.endsAt?.getTime() ?? null);
      if (!same) {
        mismatches += 1;
      }
    }
    return { mismatches, failed, pending };
  } finally {
    await database.close();
  }
}

/** Waits until nothing is left to apply; returns how many events were applied meanwhile, and in how long. */
async function waitForQueue(
  timeoutMs = 900_000,
): Promise<{ applied: number; seconds: number; drained: boolean }> {
  const database = await openDatabase({ databaseUrl, embeddedDataDir: undefined, poolSize: 1 });
  const started = performance.now();
  try {
    let first: number | undefined;
    for (;;) {
      const [{ due }] = await database.dataSource.query(
        "SELECT count(*)::int AS due FROM inbound_event WHERE status = 'received'",
      );
      first ??= due;
      const seconds = (performance.now() - started) / 1000;
      if (due === 0 || performance.now() - started > timeoutMs) {
        return { applied: (first ?? 0) - due, seconds, drained: due === 0 };
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await database.close();
  }
}

const lines: string[] = [];
const say = (line = "") => {
  lines.push(line);
  process.stderr.write(`${line}\n`);
};

await freshDatabase();

// 1. Acknowledgement throughput and latency, floor first.
const floor = await startServer("ingest-floor");
const floorAt16 = await ackThroughput(floor.port, 16);
const floorAt20 = await ackThroughput(floor.port, 20);
const floorPaced = await pacedDeliveries([floor.port], 200, DURATION_S, (index) => ({
  accountId: 70_000 + (index % 1000),
  delivery: purchase(70_000 + (index % 1000)),
}));
await stop(floor.child);

const single = await startServer("replica");
await ackThroughput(single.port, 10); // warm-up: JIT, pools, validator compilation
await waitForQueue();
// Freshness first, on an empty queue: at a fixed 200/s, from each 2xx to the entitlement showing it.
const servicePaced = await pacedDeliveries(
  [single.port],
  200,
  DURATION_S,
  (index) => ({ accountId: 80_000 + (index % 1000), delivery: purchase(80_000 + (index % 1000)) }),
  10,
);
await waitForQueue();

// 2. History: the same account at 300 and at 3,000 events.
const at300 = await historyCost(single.port, 99_001, 300, 0);
const at3000 = await historyCost(single.port, 99_001, 3000, 330);

// Saturated acknowledgements last: they leave a backlog, whose draining gives the apply throughput.
const serviceAt16 = await ackThroughput(single.port, 16);
const drain = await waitForQueue();
const serviceAt20 = await ackThroughput(single.port, 20);
await stop(single.child);

say("");
say(`POST /webhooks/github on PostgreSQL, ${DURATION_S} s per run, loopback`);
say("");
say(
  "| server | ack/s (16 conns) | p99 ms | ack/s (20 conns) | p99 ms | p50 ms @200/s | p99 ms @200/s | errors |",
);
say("|---|---|---|---|---|---|---|---|");
const ackRow = (
  name: string,
  a: Awaited<ReturnType<typeof ackThroughput>>,
  b: Awaited<ReturnType<typeof ackThroughput>>,
  p: Awaited<ReturnType<typeof pacedDeliveries>>,
) =>
  say(
    `| ${name} | ${a.perSecond} | ${a.p99} | ${b.perSecond} | ${b.p99} | ${percentile(p.acks, 0.5)} | ${percentile(p.acks, 0.99)} | ${a.errors + b.errors + p.errors} |`,
  );
ackRow("floor (bare Express: HMAC + one INSERT)", floorAt16, floorAt20, floorPaced);
ackRow("billing-api (one replica)", serviceAt16, serviceAt20, servicePaced);
say("");
say(
  `ack throughput / floor: ${Math.round((serviceAt16.perSecond / floorAt16.perSecond) * 100)}% at 16 connections, ${Math.round((serviceAt20.perSecond / floorAt20.perSecond) * 100)}% at 20 (target ≥ 50%); p99 ack at 200/s: ${percentile(servicePaced.acks, 0.99)} ms (target < 50 ms)`,
);
say(
  `2xx → entitlement visible at 200/s (${servicePaced.visible.length} sampled deliveries; the subscription row the entitlement API reads, watched every 10 ms): p50 ${percentile(servicePaced.visible, 0.5)} ms, p99 ${percentile(servicePaced.visible, 0.99)} ms (target ≤ 1,000 ms)`,
);
say(
  `apply throughput (draining the backlog the saturated run left): ${Math.round(drain.applied / Math.max(drain.seconds, 0.001))} events/s over ${drain.seconds.toFixed(0)} s${drain.drained ? "" : " (not drained before the timeout)"}`,
);
say(
  `one account's delivery, POST to visible: ${at300.p50} ms p50 (${at300.p90} p90) at 300 events of history, ${at3000.p50} ms p50 (${at3000.p90} p90) at 3,000: ${(at3000.p50 / at300.p50).toFixed(2)}× (target ≤ 1.5×)`,
);

// 3. Two replicas, 200/s over 1,000 accounts on 20 plans, effective dates shuffled so some deliveries are late.
const replicas = [await startServer("replica"), await startServer("replica")];
const deadlocksBefore = await deadlocks();
const accounts = Array.from({ length: 1000 }, (_, index) => 200_000 + index);
const started = new Set<number>();
const twoReplicas = await pacedDeliveries(
  replicas.map((replica) => replica.port),
  200,
  REPLICA_DURATION_S,
  (index) => {
    const accountId = accounts[(index * 7919) % accounts.length] as number;
    const action = started.has(accountId) ? (index % 11 === 0 ? "cancelled" : "changed") : "purchased";
    started.add(accountId);
    return {
      accountId,
      delivery: purchase(accountId, {
        action,
        planId: 500 + (index % 20),
        // Out of order now and then: an effective date up to a minute before the previous ones.
        at: Date.UTC(2026, 0, 1) + index * 1000 - (index % 13 === 0 ? 60_000 : 0),
      }),
    };
  },
);
await waitForQueue();
const deadlocksAfter = await deadlocks();
const check = await compareWithInOrder([...started]);
await Promise.all(replicas.map((replica) => stop(replica.child)));
say(
  `two replicas, ${REPLICA_DURATION_S} s at 200 deliveries/s over ${started.size} accounts on 20 plans: ${twoReplicas.total} deliveries, ${twoReplicas.errors} errors, p99 ack ${percentile(twoReplicas.acks, 0.99)} ms; deadlocks ${deadlocksAfter - deadlocksBefore}; failed applies ${check.failed}; accounts differing from in-order delivery ${check.mismatches}`,
);
agent.destroy();
process.stdout.write(`${lines.join("\n")}\n`);
