import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useListeningApp } from "../support/listening.js";
import { useTestApp } from "../support/test-app.js";
import { BILLING_API, pactFile } from "./support/pact-files.js";
import { productStates } from "./support/product-states.js";
import { verifyPact } from "./support/provider.js";

const context = useTestApp();
const real = useListeningApp(() => context.app);

/**
 * billing-api with one drifted answer: a reverse proxy in front of the real app that renames `entitled` to
 * `isEntitled` in entitlement reads, the kind of "harmless" rename a refactor makes. Everything else passes
 * through untouched, so the only reason verification can fail is the drift.
 */
function driftedApp(upstream: () => string) {
  const app = express();
  app.use(express.raw({ type: "*/*", limit: "1mb" }));
  app.use(async (req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string" && !["host", "connection", "content-length"].includes(name)) {
        headers.set(name, value);
      }
    }
    const hasBody = Buffer.isBuffer(req.body) && req.body.length > 0;
    const answer = await fetch(`${upstream()}${req.originalUrl}`, {
      method: req.method,
      headers,
      body: hasBody ? (req.body as Buffer) : undefined,
    });
    let text = await answer.text();
    if (req.method === "GET" && /^\/v1\/entitlements\/[^/]+\/[^/]+$/.test(req.path) && answer.ok) {
      const { entitled, ...rest } = JSON.parse(text) as Record<string, unknown>;
      text = JSON.stringify({ ...rest, isEntitled: entitled });
    }
    res.status(answer.status);
    const type = answer.headers.get("content-type");
    if (type) {
      res.setHeader("Content-Type", type);
    }
    res.send(text);
  });
  return app;
}

let drifted: Server | undefined;
let driftedUrl = "";
beforeAll(async () => {
  drifted = driftedApp(() => real.url).listen(0, "127.0.0.1");
  await once(drifted, "listening");
  driftedUrl = `http://127.0.0.1:${(drifted.address() as AddressInfo).port}`;
});
afterAll(async () => {
  drifted?.closeAllConnections();
  await new Promise((resolve) => drifted?.close(resolve));
});

describe("a provider that drifts from a pinned interaction", () => {
  it("fails verification of the product's pact, naming the field", async () => {
    // Pact's verifier prints its report itself: frame it, so its FAILED lines read as the expected outcome.
    process.stdout.write(
      "\n--- drift.provider.test.ts: EXPECTED failures follow (a provider renaming `entitled` must fail) ---\n",
    );
    const outcome = await verifyPact(context, driftedUrl, pactFile("product", BILLING_API), {
      stateHandlers: productStates(context),
    }).then(
      () => "verified",
      (error: unknown) => String((error as Error).message ?? error),
    );
    process.stdout.write("--- drift.provider.test.ts: end of the EXPECTED failures ---\n\n");
    expect(outcome).not.toBe("verified");
    // pact-core rejects with its JSON report: every entitlement read fails on the missing field, nothing else.
    const report = JSON.parse(outcome) as {
      interactionResults: Array<{ description: string; result: string }>;
      errors: Array<{ mismatch: { mismatches: Array<{ mismatch: string }> } }>;
    };
    const failed = report.interactionResults.filter((result) => result.result !== "OK");
    expect(failed.map((result) => result.description).sort()).toEqual([
      "a request for the entitlement of a trialing account",
      "a request for the entitlement of an account with a pending change",
      "a request for the entitlement of an active account",
      "a request for the entitlement of an unknown account",
    ]);
    for (const error of report.errors) {
      expect(error.mismatch.mismatches.map((mismatch) => mismatch.mismatch)).toContain(
        "Actual map is missing the following keys: entitled",
      );
    }
  });
});
