import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createEntitlementsClient,
  EntitlementsApiError,
  EntitlementsUnavailableError,
} from "@marketplace-billing/contracts";
import { afterEach, describe, expect, it } from "vitest";
import { generateApiKey } from "../../src/domain/entitlements/api-keys.js";
import { deliver, purchasePayload } from "../support/github-deliveries.js";
import { useTestApp } from "../support/test-app.js";

const context = useTestApp();
const ORG = "18404719";

let server: Server | undefined;
async function listen(): Promise<string> {
  server = context.app.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
async function stopListening(): Promise<void> {
  const running = server;
  server = undefined;
  running?.closeAllConnections();
  await new Promise((resolve) => running?.close(resolve) ?? resolve(undefined));
}
afterEach(stopListening);

async function readKey(): Promise<string> {
  const key = generateApiKey();
  await context.deps.apiKeys.create({
    id: key.id,
    name: "product",
    scopes: ["read"],
    hash: key.hash,
    createdAt: context.clock.now(),
    revokedAt: null,
  });
  return key.secret;
}

/** The client's own clock, moved by the test; and every status billing-api answered, to see the 304s. */
function cachingClient(baseUrl: string, apiKey: string, fallback?: "allow" | "deny") {
  const state = { now: Date.parse("2026-03-01T12:00:00.000Z"), statuses: [] as number[] };
  const client = createEntitlementsClient({
    baseUrl,
    apiKey,
    retries: 0,
    fallback,
    now: () => state.now,
    cache: { ttlMs: 30_000, staleIfErrorMs: 300_000, maxEntries: 1_000 },
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      state.statuses.push(response.status);
      return response;
    },
  });
  return { client, state };
}

describe("caching entitlements client against billing-api", () => {
  it("revalidates with billing-api's ETag (304), sees a change after the TTL, and serves stale when it stops", async () => {
    const url = await listen();
    await deliver(
      context.app,
      purchasePayload("purchased", "2026-03-01T00:00:00+00:00", { unitCount: 5 }),
    ).expect(202);
    const { client, state } = cachingClient(url, await readKey());

    expect(await client.getEntitlement("github", ORG)).toMatchObject({
      entitled: true,
      seats: { limit: 5 },
      meta: { source: "network" },
    });
    state.now += 10_000;
    expect((await client.getEntitlement("github", ORG)).meta.source).toBe("cache");
    state.now += 25_000;
    expect((await client.getEntitlement("github", ORG)).meta).toEqual({
      source: "network",
      asOf: new Date(state.now),
    });
    expect(state.statuses).toEqual([200, 304]);

    await deliver(
      context.app,
      purchasePayload("changed", "2026-03-01T06:00:00+00:00", { unitCount: 8 }),
    ).expect(202);
    state.now += 31_000;
    expect((await client.getEntitlement("github", ORG)).seats.limit).toBe(8);
    expect(state.statuses).toEqual([200, 304, 200]);
    const confirmedAt = state.now;

    await stopListening();
    state.now += 60_000;
    expect(await client.getEntitlement("github", ORG)).toMatchObject({
      seats: { limit: 8 },
      meta: { source: "stale", asOf: new Date(confirmedAt) },
    });
    expect(await client.isEntitled("github", ORG)).toBe(true);
    state.now += 300_000;
    await expect(client.getEntitlement("github", ORG)).rejects.toBeInstanceOf(EntitlementsUnavailableError);
    expect(await client.isEntitled("github", ORG)).toBe(false);
  });

  it("follows the fallback for an account it never saw while billing-api is down", async () => {
    const url = await listen();
    const apiKey = await readKey();
    await stopListening();
    expect(await cachingClient(url, apiKey).client.isEntitled("github", ORG)).toBe(false);
    const allow = await cachingClient(url, apiKey, "allow").client.check("github", ORG);
    expect(allow).toMatchObject({ entitled: true, meta: { source: "fallback", asOf: null } });
  });

  it("reports a refused key as a typed problem, not hidden by the fallback", async () => {
    const url = await listen();
    const { client } = cachingClient(url, "mbk_not-a-key", "allow");
    const error = await client.isEntitled("github", ORG).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EntitlementsApiError);
    expect((error as EntitlementsApiError).problem).toMatchObject({ status: 401, title: expect.any(String) });
  });
});
