import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, inject, it } from "vitest";
import { signBody } from "../../src/http/github/webhook-signature.js";
import { purchasePayload } from "../support/github-deliveries.js";
import { spawnService } from "../support/service-process.js";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const CONTRACTS = join(ROOT, "packages/contracts");
const TSC = join(ROOT, "node_modules/typescript/bin/tsc");
const SECRETS = {
  GITHUB_WEBHOOK_SECRET: "pack-test-github-secret-0123456789",
  EVOTOR_WEBHOOK_TOKEN: "pack-test-evotor-token-0123456789",
  ADMIN_API_KEY: "pack-test-admin-key-0123456789-0123456789",
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"),
};

/** npm and tsc as a user runs them: none of the npm_* variables of the `npm test` that started this run. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
}

/**
 * What a vendor does with the published package, end to end and outside the workspace: pack it (through its
 * own prepack/postpack), install the tarball into a scratch project (dependencies from the npm cache when
 * present), compile a TypeScript consumer with `node16` and with `bundler` resolution, and run it against a
 * real billing-api process.
 */
describe("the packed @marketplace-billing/contracts in a scratch project", () => {
  let scratch = "";
  let service: ReturnType<typeof spawnService> | undefined;
  afterAll(async () => {
    // Also when the test timed out mid-way: never leave the service running.
    if (service && service.child.exitCode === null) {
      service.child.kill("SIGTERM");
      await service.exited;
    }
    if (scratch) {
      await rm(scratch, { recursive: true, force: true });
    }
  });

  it("installs, compiles under node16 and bundler resolution, and talks to the real service", {
    timeout: 240_000,
  }, async () => {
    scratch = await mkdtemp(join(tmpdir(), "contracts-package-"));
    // Pack a copy, so the workspace's package.json is never rewritten under a running test.
    const copy = join(scratch, "contracts");
    await cp(CONTRACTS, copy, {
      recursive: true,
      filter: (source) => !source.includes("node_modules") && !source.includes(".turbo"),
    });
    const packed = await run("npm", ["pack", "--json", "--pack-destination", scratch], {
      cwd: copy,
      env: cleanEnv(),
    });
    const [tarball] = JSON.parse(packed.stdout) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    const files = tarball?.files.map((file) => file.path) ?? [];
    expect(files).toEqual(
      expect.arrayContaining(["LICENSE", "README.md", "package.json", "dist/index.js", "dist/index.d.ts"]),
    );
    expect(
      files.filter((path) => path.startsWith("src/") || (path.endsWith(".ts") && !path.endsWith(".d.ts"))),
    ).toEqual([]);

    const consumer = join(scratch, "consumer");
    await mkdir(consumer);
    const typesNode = JSON.parse(
      await readFile(join(ROOT, "node_modules/@types/node/package.json"), "utf8"),
    ).version;
    await writeFile(
      join(consumer, "package.json"),
      JSON.stringify({
        name: "vendor-product",
        private: true,
        type: "module",
        dependencies: {
          "@marketplace-billing/contracts": `file:../${tarball?.filename}`,
          "@types/node": typesNode,
        },
      }),
    );
    await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"], {
      cwd: consumer,
      env: cleanEnv(),
    });
    const installed = JSON.parse(
      await readFile(join(consumer, "node_modules/@marketplace-billing/contracts/package.json"), "utf8"),
    );
    expect(installed.private).toBeUndefined();
    expect(installed.license).toBe("MIT");
    expect(JSON.stringify(installed.exports)).not.toContain("development");
    // The workspace copy was restored by postpack.
    expect(await readFile(join(copy, "package.json"), "utf8")).toContain('"development"');

    await writeFile(join(consumer, "consumer.ts"), CONSUMER);
    const compilerOptions = { strict: true, target: "ES2022", types: ["node"], skipLibCheck: false };
    await writeFile(
      join(consumer, "tsconfig.node16.json"),
      JSON.stringify({
        compilerOptions: { ...compilerOptions, module: "node16", moduleResolution: "node16", outDir: "out" },
        files: ["consumer.ts"],
      }),
    );
    await writeFile(
      join(consumer, "tsconfig.bundler.json"),
      JSON.stringify({
        compilerOptions: { ...compilerOptions, module: "esnext", moduleResolution: "bundler", noEmit: true },
        files: ["consumer.ts"],
      }),
    );
    for (const config of ["tsconfig.node16.json", "tsconfig.bundler.json"]) {
      await run(process.execPath, [TSC, "-p", config], { cwd: consumer }).catch(
        (error: { stdout?: string }) => {
          throw new Error(`tsc -p ${config} failed:\n${error.stdout}`);
        },
      );
    }

    service = spawnService({ DATABASE_URL: inject("databaseUrl"), ...SECRETS });
    try {
      const url = await service.listening;
      const body = JSON.stringify(
        purchasePayload("purchased", "2026-03-01T00:00:00+00:00", { accountId: 7_700_001, unitCount: 3 }),
      );
      const delivered = await fetch(`${url}/webhooks/github`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-github-event": "marketplace_purchase",
          "x-github-delivery": randomUUID(),
          "x-hub-signature-256": signBody(SECRETS.GITHUB_WEBHOOK_SECRET, body),
        },
        body,
      });
      // Acknowledged once stored; the service's apply workers apply it right after.
      expect(delivered.status).toBe(202);
      for (let waited = 0; waited < 10_000; waited += 50) {
        const read = await fetch(`${url}/v1/entitlements/github/7700001`, {
          headers: { authorization: `Bearer ${SECRETS.ADMIN_API_KEY}` },
        });
        if (((await read.json()) as { entitled?: boolean }).entitled) {
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }

      const output = await run(process.execPath, ["out/consumer.js"], {
        cwd: consumer,
        env: { ...cleanEnv(), BILLING_URL: url, BILLING_API_KEY: SECRETS.ADMIN_API_KEY },
      });
      expect(JSON.parse(output.stdout)).toEqual({
        paying: { status: "active", seats: 3, source: "network" },
        again: "cache",
        unknown: { status: "none", entitled: false },
        verified: { type: "entitlement.updated", applied: true, seatsAfterEvent: 4 },
        tampered: "WebhookVerificationError",
        down: { entitled: false, error: "EntitlementsUnavailableError" },
      });
    } finally {
      service.child.kill("SIGTERM");
      await service.exited;
    }
  });
});

/** A vendor's product: reads, cache, event verification and an outage, through the package's public API only. */
const CONSUMER = `
import { createHmac } from "node:crypto";
import {
  createEntitlementsClient,
  type BillingEvent,
  type Entitlement,
  EntitlementsUnavailableError,
  verifyBillingEvent,
  WebhookVerificationError,
} from "@marketplace-billing/contracts";

const billing = createEntitlementsClient({
  baseUrl: process.env.BILLING_URL!,
  apiKey: process.env.BILLING_API_KEY!,
  cache: { ttlMs: 60_000, staleIfErrorMs: 60_000, maxEntries: 100 },
});

// @ts-expect-error: the types are the package's own, not \`any\`: no such marketplace
const notAMarketplace: Parameters<typeof billing.isEntitled>[0] = "stripe";
void notAMarketplace;

const paying: Entitlement = await billing.getEntitlement("github", "7700001");
const again = await billing.getEntitlement("github", "7700001");
const unknown = await billing.getEntitlement("evotor", "01-000000000000042");

// An event as billing-api signs it (Standard Webhooks), signed here by hand with the endpoint's secret.
const key = Buffer.from("pack-test-endpoint-secret-bytes!");
const secret = "whsec_" + key.toString("base64");
const event: BillingEvent = {
  type: "entitlement.updated",
  timestamp: new Date().toISOString(),
  data: {
    account: { marketplace: "github", accountId: "7700001" },
    customerId: null,
    sequence: 1,
    entitlement: { ...paying, seats: { limit: 4, used: 0 } },
    changes: [{ field: "seats.limit", from: 3, to: 4 }],
    customerEntitlement: null,
  },
};
const body = JSON.stringify(event);
const id = "msg_pack_test";
const timestamp = String(Math.floor(Date.now() / 1000));
const signature = "v1," + createHmac("sha256", key).update(id + "." + timestamp + "." + body).digest("base64");
const headers = { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature };
const verified = verifyBillingEvent(Buffer.from(body), headers, secret);
const applied = verified.type === "entitlement.updated" ? billing.handleEvent(verified) : false;
const afterEvent = await billing.getEntitlement("github", "7700001");
let tampered = "accepted";
try {
  verifyBillingEvent(body.replace('"limit":4', '"limit":40'), headers, secret);
} catch (error) {
  tampered = error instanceof WebhookVerificationError ? "WebhookVerificationError" : String(error);
}

const dead = createEntitlementsClient({ baseUrl: "http://127.0.0.1:9", apiKey: "mbk_x", retries: 0 });
const downError = await dead.getEntitlement("github", "1").catch((error: unknown) => error);

console.log(JSON.stringify({
  paying: { status: paying.status, seats: paying.seats.limit, source: again.meta.source === "cache" ? "network" : "?" },
  again: again.meta.source,
  unknown: { status: unknown.status, entitled: unknown.entitled },
  verified: { type: verified.type, applied, seatsAfterEvent: afterEvent.seats.limit },
  tampered,
  down: {
    entitled: await dead.isEntitled("github", "1"),
    error: downError instanceof EntitlementsUnavailableError ? downError.name : String(downError),
  },
}));
`;
