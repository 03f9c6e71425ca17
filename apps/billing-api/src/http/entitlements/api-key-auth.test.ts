import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Request, Response } from "express";
import { describe, expect, it } from "vitest";
import {
  API_KEY_SCOPES,
  type ApiKey,
  type ApiKeyStore,
  generateApiKey,
} from "../../domain/entitlements/api-keys.js";
import { apiKeyAuthentication } from "./api-key-auth.js";

/** An in-memory key store that counts its lookups. */
function countingStore(keys: Map<string, ApiKey>) {
  const store = {
    lookups: new Map<string, number>(),
    async create() {},
    async findByHash(hash: string) {
      store.lookups.set(hash, (store.lookups.get(hash) ?? 0) + 1);
      return keys.get(hash) ?? null;
    },
    async list() {
      return [...keys.values()];
    },
    async revoke() {
      return false;
    },
  } satisfies ApiKeyStore & { lookups: Map<string, number> };
  return store;
}

/** Runs the middleware for one bearer key; true when it let the request through. */
async function authenticate(
  handler: ReturnType<typeof apiKeyAuthentication>,
  secret: string,
): Promise<boolean> {
  let passed = false;
  const res = {
    setHeader: () => res,
    status: () => res,
    type: () => res,
    json: () => res,
    send: () => res,
  };
  const req = { header: (name: string) => (name === "authorization" ? `Bearer ${secret}` : undefined) };
  await handler(req as unknown as Request, res as unknown as Response, () => {
    passed = true;
  });
  return passed;
}

describe("API key authentication", () => {
  it("keeps a live key cached however many unknown keys are tried", async () => {
    const live = generateApiKey();
    const keys = new Map<string, ApiKey>([
      [
        live.hash,
        { id: live.id, name: "product", scopes: ["seats"], createdAt: new Date(0), revokedAt: null },
      ],
    ]);
    const store = countingStore(keys);
    const handler = apiKeyAuthentication({ adminApiKey: "a".repeat(32), store, now: () => 0 });

    expect(await authenticate(handler, live.secret)).toBe(true);
    for (let guess = 0; guess < 12_000; guess += 1) {
      expect(await authenticate(handler, `mbk_guess-${guess}`)).toBe(false);
    }
    expect(await authenticate(handler, live.secret)).toBe(true);
    // The live key was looked up once: the flood never pushed it out of the cache.
    expect(store.lookups.get(live.hash)).toBe(1);
  });

  it("remembers unknown keys for a while too, in a bounded cache of their own", async () => {
    const store = countingStore(new Map());
    let now = 1_000_000;
    const handler = apiKeyAuthentication({
      adminApiKey: "a".repeat(32),
      store,
      now: () => now,
      cacheLimits: { known: 10, unknown: 2 },
    });
    for (let round = 0; round < 3; round += 1) {
      expect(await authenticate(handler, "mbk_guess")).toBe(false);
    }
    expect([...store.lookups.values()]).toEqual([1]);
    now += 5_001;
    expect(await authenticate(handler, "mbk_guess")).toBe(false);
    expect([...store.lookups.values()]).toEqual([2]);
  });

  it("offers exactly the scopes the entitlements spec lists", () => {
    const require = createRequire(import.meta.url);
    const spec = JSON.parse(
      readFileSync(require.resolve("@marketplace-billing/specs/dist/entitlements.json"), "utf8"),
    ) as { components: { schemas: { ApiKeyScope: { enum: string[] } } } };
    expect(spec.components.schemas.ApiKeyScope.enum).toEqual([...API_KEY_SCOPES]);
  });
});
