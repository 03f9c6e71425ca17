/**
 * The caching entitlements client in-process: `isEntitled` answered from memory for 10,000 accounts, each call
 * timed on its own, side by side with a floor (a bare Map lookup and the same entitled/feature test). The
 * cache is filled through a loopback HTTP server answering like billing-api (JSON + ETag), then every measured
 * call must be served from the cache (the run fails if any call reached the network).
 */
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { createEntitlementsClient, type Entitlement } from "@marketplace-billing/contracts";

const ACCOUNTS = 10_000;
const CALLS = 200_000;

function entitlementOf(accountId: string): Entitlement {
  const n = Number(accountId);
  return {
    entitled: n % 7 !== 0,
    status: n % 7 !== 0 ? "active" : "cancelled",
    plan: { planId: String(400 + (n % 5)), name: "Bench plan" },
    features: ["export", "sso", "audit-log"].slice(0, 1 + (n % 3)),
    seats: { limit: 10, used: n % 10 },
    trial: null,
    currentPeriodEnd: "2026-12-01T00:00:00.000Z",
    accessEndsAt: null,
    grants: [],
    pendingChange: null,
    billedBy: "marketplace",
    doublePurchase: false,
    updatedAt: "2026-11-01T00:00:00.000Z",
    billing: null,
    upgradeUrl: null,
    source: { marketplace: "github", accountId, subscriptionIds: [accountId] },
  };
}

let requests = 0;
const server = createServer((req, res) => {
  requests++;
  const accountId = (req.url ?? "").split("/").at(-1) ?? "";
  const body = JSON.stringify(entitlementOf(accountId));
  const etag = `"${createHash("sha1").update(body).digest("base64url")}"`;
  res.writeHead(200, { "content-type": "application/json", etag }).end(body);
});
server.listen(0, "127.0.0.1");
await new Promise((resolve) => server.once("listening", resolve));

const client = createEntitlementsClient({
  baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  apiKey: "mbk_bench",
  cache: { ttlMs: 3_600_000, staleIfErrorMs: 3_600_000, maxEntries: ACCOUNTS },
});
for (let start = 1; start <= ACCOUNTS; start += 100) {
  await Promise.all(
    Array.from({ length: 100 }, (_, offset) => client.getEntitlement("github", String(start + offset))),
  );
}
const filled = requests;
server.close();

const floor = new Map<string, Entitlement>();
for (let id = 1; id <= ACCOUNTS; id++) {
  floor.set(`github\u0000${id}`, entitlementOf(String(id)));
}

/** Pseudo-random but repeatable account order, so both sides read the same sequence. */
const order = Array.from({ length: CALLS }, (_, i) => String(1 + ((i * 7919) % ACCOUNTS)));
const features = ["sso", undefined, "export"];

function summarize(samples: Float64Array) {
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99), p999: at(0.999), max: sorted[sorted.length - 1] ?? 0 };
}

async function run(
  name: string,
  call: (accountId: string, feature: string | undefined) => Promise<boolean> | boolean,
) {
  // Warm-up pass (JIT), then the measured pass.
  for (let i = 0; i < 20_000; i++) {
    await call(order[i] as string, features[i % 3]);
  }
  const samples = new Float64Array(CALLS);
  let granted = 0;
  const began = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const start = performance.now();
    if (await call(order[i] as string, features[i % 3])) {
      granted++;
    }
    samples[i] = performance.now() - start;
  }
  const elapsed = performance.now() - began;
  return { name, granted, perSecond: Math.round(CALLS / (elapsed / 1000)), ...summarize(samples) };
}

const floorResult = await run("floor (Map.get + the same check, awaited)", async (accountId, feature) => {
  const entitlement = floor.get(`github\u0000${accountId}`);
  return !!entitlement?.entitled && (feature === undefined || entitlement.features.includes(feature));
});
const clientResult = await run("client.isEntitled (cache: 10,000 accounts)", (accountId, feature) =>
  client.isEntitled("github", accountId, feature),
);
if (requests !== filled || clientResult.granted !== floorResult.granted) {
  throw new Error(`measured calls must all come from the cache and agree with the floor`);
}

const ms = (value: number) => value.toFixed(4);
process.stdout.write(
  [
    `\nCached isEntitled in-process: ${ACCOUNTS} accounts cached, ${CALLS} calls, heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB\n`,
    "| path | calls/s | p50 ms | p99 ms | p99.9 ms | max ms |",
    "|---|---|---|---|---|---|",
    ...[floorResult, clientResult].map(
      (r) => `| ${r.name} | ${r.perSecond} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.p999)} | ${ms(r.max)} |`,
    ),
    `\ncached isEntitled p99: ${ms(clientResult.p99)} ms (target < 1 ms) ${clientResult.p99 < 1 ? "met" : "MISSED"}\n`,
  ].join("\n"),
);
