import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createEntitlementsClient,
  type Entitlement,
  EntitlementsApiError,
  EntitlementsError,
  EntitlementsUnavailableError,
  type EntitlementUpdatedEvent,
} from "../src/index.js";

function entitlementOf(accountId: string, overrides: Partial<Entitlement> = {}): Entitlement {
  return {
    entitled: true,
    status: "active",
    plan: { planId: "435", name: "Team" },
    features: ["sso"],
    seats: { limit: 5, used: 1 },
    trial: null,
    currentPeriodEnd: null,
    accessEndsAt: null,
    grants: [],
    pendingChange: null,
    billedBy: "marketplace",
    doublePurchase: false,
    updatedAt: "2026-03-01T00:00:00.000Z",
    billing: null,
    upgradeUrl: null,
    source: { marketplace: "github", accountId, subscriptionIds: [accountId] },
    ...overrides,
  };
}

/**
 * A real HTTP server standing in for billing-api's entitlement read: ETags and 304 like the service, and a
 * switch to answer 503, hang up, or stop listening.
 */
class FakeBillingApi {
  readonly entitlements = new Map<string, Entitlement>();
  mode: "up" | "503" | "html-502" | "401" = "up";
  requests: Array<{ url: string; ifNoneMatch: string | undefined }> = [];
  private server: Server | undefined;
  private port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.requests.push({ url: req.url ?? "", ifNoneMatch: req.headers["if-none-match"] });
      if (this.mode === "503") {
        res.writeHead(503, { "content-type": "application/problem+json" });
        res.end(
          JSON.stringify({
            type: "about:blank",
            title: "Service Unavailable",
            status: 503,
            detail: "database down",
          }),
        );
        return;
      }
      if (this.mode === "html-502") {
        res.writeHead(502, { "content-type": "text/html" }).end("<html>Bad Gateway</html>");
        return;
      }
      if (this.mode === "401" || req.headers.authorization !== "Bearer mbk_key") {
        res.writeHead(401, { "content-type": "application/problem+json" });
        res.end(
          JSON.stringify({
            type: "https://marketplace-billing.dev/problems/unauthorized",
            title: "Unauthorized",
            status: 401,
            detail: "unknown API key",
          }),
        );
        return;
      }
      const accountId = decodeURIComponent((req.url ?? "").split("/").at(-1) ?? "");
      const entitlement =
        this.entitlements.get(accountId) ??
        entitlementOf(accountId, { entitled: false, status: "none", plan: null, features: [] });
      const body = JSON.stringify(entitlement);
      const etag = `"${createHash("sha1").update(body).digest("base64url")}"`;
      if (req.headers["if-none-match"] === etag) {
        res.writeHead(304, { etag }).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/json", etag }).end(body);
    });
    this.server.listen(this.port, "127.0.0.1");
    await new Promise((resolve) => this.server?.once("listening", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Stops listening: connections are refused, as when the service is down. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) {
      return;
    }
    this.server = undefined;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

let api: FakeBillingApi;
let clock: number;
const now = () => clock;

beforeEach(async () => {
  api = new FakeBillingApi();
  await api.start();
  clock = Date.parse("2026-03-01T12:00:00.000Z");
});
afterEach(() => api.stop());

const cached = (
  extra: Parameters<typeof createEntitlementsClient>[0] extends infer O ? Partial<O> : never = {},
) =>
  createEntitlementsClient({
    baseUrl: api.url,
    apiKey: "mbk_key",
    retries: 1,
    minRetryDelayMs: 1,
    now,
    cache: { ttlMs: 30_000, staleIfErrorMs: 600_000, maxEntries: 100 },
    ...extra,
  });

describe("caching entitlements client", () => {
  it("serves a fresh entry from memory, then revalidates with If-None-Match and takes the 304", async () => {
    api.entitlements.set("1", entitlementOf("1"));
    const client = cached();
    const first = await client.getEntitlement("github", "1");
    expect(first.meta).toEqual({ source: "network", asOf: new Date(clock) });
    const askedAt = clock;
    clock += 29_000;
    expect((await client.getEntitlement("github", "1")).meta).toEqual({
      source: "cache",
      asOf: new Date(askedAt),
    });
    expect(api.requests).toHaveLength(1);

    clock += 2_000;
    const revalidated = await client.getEntitlement("github", "1");
    expect(revalidated.meta).toEqual({ source: "network", asOf: new Date(clock) });
    expect(revalidated.features).toEqual(["sso"]);
    expect(api.requests).toHaveLength(2);
    expect(api.requests[1]?.ifNoneMatch).toMatch(/^".+"$/);

    // A change on the server shows after the TTL: the ETag no longer matches, the full answer replaces the entry.
    api.entitlements.set("1", entitlementOf("1", { features: ["sso", "export"] }));
    clock += 31_000;
    expect((await client.getEntitlement("github", "1")).features).toEqual(["sso", "export"]);
  });

  it("serves the last known entitlement while the service is down, for staleIfErrorMs past the TTL", async () => {
    api.entitlements.set("1", entitlementOf("1"));
    const client = cached();
    await client.getEntitlement("github", "1");
    const confirmedAt = clock;
    await api.stop();

    clock += 30_000 + 600_000;
    const stale = await client.getEntitlement("github", "1");
    expect(stale.meta).toEqual({ source: "stale", asOf: new Date(confirmedAt) });
    expect(await client.isEntitled("github", "1", "sso")).toBe(true);

    clock += 1;
    const error = await client.getEntitlement("github", "1").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EntitlementsUnavailableError);
    expect(error).toBeInstanceOf(EntitlementsError);
    expect((error as EntitlementsUnavailableError).reason).toBe("network");
    expect(await client.isEntitled("github", "1")).toBe(false);
  });

  it("serves stale on 5xx too, with the problem typed", async () => {
    api.entitlements.set("1", entitlementOf("1"));
    const client = cached();
    await client.getEntitlement("github", "1");
    api.mode = "503";
    clock += 60_000;
    expect((await client.getEntitlement("github", "1")).meta.source).toBe("stale");
    // Two attempts (retries: 1) found it down; for the next TTL the stale entry answers without asking.
    expect(api.requests).toHaveLength(3);
    clock += 29_000;
    expect((await client.getEntitlement("github", "1")).meta.source).toBe("stale");
    expect(api.requests).toHaveLength(3);
    clock += 1_000;
    api.mode = "up";
    expect((await client.getEntitlement("github", "1")).meta.source).toBe("network");
    expect(api.requests).toHaveLength(4);
    api.mode = "503";
    const error = await client.getEntitlement("github", "2").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EntitlementsApiError);
    expect((error as EntitlementsApiError).problem).toEqual({
      type: "about:blank",
      title: "Service Unavailable",
      status: 503,
      detail: "database down",
    });
    api.mode = "html-502";
    const html = await client.getEntitlement("github", "2").catch((caught: unknown) => caught);
    expect(html).toMatchObject({ status: 502, problem: undefined });
  });

  it("does not hide a refused key behind the cache or the fallback", async () => {
    const client = cached({ fallback: "allow" });
    await client.getEntitlement("github", "1");
    api.mode = "401";
    clock += 60_000;
    const error = await client.isEntitled("github", "1").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EntitlementsApiError);
    expect((error as EntitlementsApiError).problem?.detail).toBe("unknown API key");
  });

  it("follows the declared fallback with nothing cached and the service down, never throwing", async () => {
    await api.stop();
    const deny = cached();
    expect(await deny.isEntitled("github", "1")).toBe(false);
    const allow = cached({ fallback: "allow" });
    expect(await allow.isEntitled("github", "1", "sso")).toBe(true);
    const check = await allow.check("github", "1");
    expect(check.meta).toMatchObject({ source: "fallback", asOf: null });
    expect(check.meta.source === "fallback" && check.meta.error).toBeInstanceOf(EntitlementsUnavailableError);
    // Without a cache as well: a dead service is the client's typed error, not `TypeError: fetch failed`.
    const plain = createEntitlementsClient({ baseUrl: api.url, apiKey: "mbk_key", retries: 0 });
    await expect(plain.getEntitlement("github", "1")).rejects.toBeInstanceOf(EntitlementsUnavailableError);
    await expect(plain.api.GET("/v1/plans")).rejects.toBeInstanceOf(EntitlementsUnavailableError);
    expect(await plain.isEntitled("github", "1")).toBe(false);
  });

  it("reports a timeout as such", async () => {
    const hanging = createServer(() => {});
    hanging.listen(0, "127.0.0.1");
    await new Promise((resolve) => hanging.once("listening", resolve));
    const client = createEntitlementsClient({
      baseUrl: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`,
      apiKey: "mbk_key",
      retries: 0,
      timeoutMs: 50,
    });
    const error = await client.getEntitlement("github", "1").catch((caught: unknown) => caught);
    hanging.closeAllConnections();
    hanging.close();
    expect(error).toMatchObject({ name: "EntitlementsUnavailableError", reason: "timeout" });
  });

  it("forgets an account on invalidate", async () => {
    api.entitlements.set("1", entitlementOf("1"));
    const client = cached();
    await client.getEntitlement("github", "1");
    client.invalidate("github", "1");
    expect((await client.getEntitlement("github", "1")).meta.source).toBe("network");
    expect(api.requests).toHaveLength(2);
    expect(api.requests[1]?.ifNoneMatch).toBeUndefined();
  });

  it("applies an entitlement.updated event, ignoring older sequences", async () => {
    api.entitlements.set("1", entitlementOf("1"));
    const client = cached();
    await client.getEntitlement("github", "1");
    const updated = (sequence: number, features: string[]): EntitlementUpdatedEvent => ({
      type: "entitlement.updated",
      timestamp: "2026-03-01T12:00:05.000Z",
      data: {
        account: { marketplace: "github", accountId: "1" },
        customerId: null,
        sequence,
        entitlement: entitlementOf("1", { features, updatedAt: "2026-03-01T12:00:05.000Z" }),
        changes: [{ field: "features", from: ["sso"], to: features }],
        customerEntitlement: null,
      },
    });
    clock += 10_000;
    expect(client.handleEvent(updated(5, ["sso", "export"]))).toBe(true);
    expect(client.handleEvent(updated(4, []))).toBe(false);
    const answer = await client.getEntitlement("github", "1");
    expect(answer).toMatchObject({
      features: ["sso", "export"],
      meta: { source: "cache", asOf: new Date(clock) },
    });
    expect(await client.isEntitled("github", "1", "export")).toBe(true);
    expect(api.requests).toHaveLength(1);
    // Other events leave the cache alone.
    expect(
      client.handleEvent({
        type: "seat.limit_reached",
        timestamp: "2026-03-01T12:00:06.000Z",
        data: {
          account: { marketplace: "github", accountId: "1" },
          customerId: null,
          sequence: 6,
          userId: "u",
          limit: 5,
          used: 5,
        },
      }),
    ).toBe(false);
    // After the TTL the event's entry has no ETag: the next read fetches in full.
    clock += 31_000;
    expect((await client.getEntitlement("github", "1")).features).toEqual(["sso"]);
    expect(api.requests[1]?.ifNoneMatch).toBeUndefined();
  });

  it("keeps at most maxEntries accounts, dropping the least recently read", async () => {
    const client = cached({ cache: { ttlMs: 30_000, staleIfErrorMs: 600_000, maxEntries: 2 } });
    await client.getEntitlement("github", "1");
    await client.getEntitlement("github", "2");
    await client.getEntitlement("github", "1");
    await client.getEntitlement("github", "3");
    expect(api.requests).toHaveLength(3);
    expect((await client.getEntitlement("github", "1")).meta.source).toBe("cache");
    expect((await client.getEntitlement("github", "2")).meta.source).toBe("network");
  });

  it("shares one request among concurrent reads of the same account", async () => {
    const client = cached();
    const answers = await Promise.all(Array.from({ length: 5 }, () => client.getEntitlement("github", "7")));
    expect(answers.every((answer) => answer.source.accountId === "7")).toBe(true);
    expect(api.requests).toHaveLength(1);
  });

  it("without a cache, asks every time", async () => {
    const client = createEntitlementsClient({ baseUrl: api.url, apiKey: "mbk_key", now });
    await client.getEntitlement("github", "1");
    expect((await client.getEntitlement("github", "1")).meta.source).toBe("network");
    expect(api.requests).toHaveLength(2);
    expect(api.requests[1]?.ifNoneMatch).toBeUndefined();
  });
});
