import createClient, { type Client } from "openapi-fetch";
import pRetry from "p-retry";
import type { BillingEvent } from "./billing-events.js";
import {
  type CachedEntitlement,
  EntitlementCache,
  type EntitlementsCacheOptions,
} from "./entitlement-cache.js";
import {
  EntitlementsApiError,
  type EntitlementsError,
  EntitlementsUnavailableError,
  unavailable,
} from "./entitlements-errors.js";
import type { components, paths } from "./generated/entitlements.js";

export type Entitlement = components["schemas"]["Entitlement"];
export type Marketplace = components["schemas"]["MarketplaceName"];
export type Seat = components["schemas"]["Seat"];
export type SeatProblem = components["schemas"]["SeatProblem"];

export interface EntitlementsClientOptions {
  /** Where billing-api runs, e.g. `http://localhost:3000`. */
  baseUrl: string;
  /** A `seats` key for the product (reads and seat claims), `read` for read-only use, `admin` for plans and customers. */
  apiKey: string;
  /** Per attempt; default 5 s. */
  timeoutMs?: number;
  /** Attempts after the first on network errors and 502/503/504 (and 500 on reads); default 3. */
  retries?: number;
  /** Base delay of the exponential backoff; default 100 ms. */
  minRetryDelayMs?: number;
  /** Keep entitlements in memory (revalidated with ETags, served stale while billing-api is down). Off by default. */
  cache?: EntitlementsCacheOptions;
  /** What `isEntitled` answers when billing-api cannot be asked and nothing usable is cached; default `"deny"`. */
  fallback?: "deny" | "allow";
  /** The client's clock (ms since epoch); tests pass their own. */
  now?: () => number;
  fetch?: typeof globalThis.fetch;
}

/** Where an answer came from: billing-api just now, the in-memory cache, or the cache past its TTL because billing-api failed. */
export interface AnswerMeta {
  source: "network" | "cache" | "stale";
  /** When billing-api last confirmed this answer. */
  asOf: Date;
}

/**
 * The entitlement as billing-api sent it, plus `meta`. `meta` is not enumerable, so the answer still serializes,
 * spreads and compares as the wire `Entitlement` (products often pass it on as is).
 */
export type EntitlementAnswer = Entitlement & { readonly meta: AnswerMeta };

/** `check()`'s answer; `source: "fallback"` means billing-api could not be asked and nothing usable was cached. */
export type EntitlementCheck =
  | { entitled: boolean; meta: AnswerMeta }
  | { entitled: boolean; meta: { source: "fallback"; asOf: null; error: EntitlementsError } };

export type SeatClaim =
  | { granted: true; seat: Seat }
  | {
      granted: false;
      reason: "seat-limit-reached" | "not-entitled";
      limit: number | null;
      used: number | null;
      /** GitHub Marketplace's upgrade page for the account's plan, when the service knows it. */
      upgradeUrl: string | null;
      detail: string;
    };

export interface EntitlementsClient {
  /** The raw typed client: every path, parameter and body checked against specs/entitlements.yaml. */
  api: Client<paths>;
  /**
   * The entitlement of a GitHub account id or an Evotor userId (an unknown account is `status: none`), with
   * `meta` saying where it came from. Throws an `EntitlementsError` when it cannot answer.
   */
  getEntitlement(marketplace: Marketplace, accountId: string): Promise<EntitlementAnswer>;
  /** Never throws for an unreachable or failing service: follows `fallback` then. Throws on 4xx (a bad key). */
  isEntitled(marketplace: Marketplace, accountId: string, feature?: string): Promise<boolean>;
  /** `isEntitled` with where the answer came from. */
  check(marketplace: Marketplace, accountId: string, feature?: string): Promise<EntitlementCheck>;
  /** Forgets the cached entitlement, so the next read asks billing-api. */
  invalidate(marketplace: Marketplace, accountId: string): void;
  /**
   * Applies a verified event to the cache: an `entitlement.updated` replaces the account's entry (older
   * sequences are ignored). Returns whether the cache changed. Other events are ignored.
   */
  handleEvent(event: BillingEvent): boolean;
  /** Claims a seat for one of the product's users; refusals (limit reached, not entitled) are values, not throws. */
  claimSeat(marketplace: Marketplace, accountId: string, userId: string): Promise<SeatClaim>;
  releaseSeat(marketplace: Marketplace, accountId: string, userId: string): Promise<void>;
}

const RETRYABLE = new Set([502, 503, 504]);

/**
 * A fetch that gives each attempt a timeout and retries transient failures with exponential backoff
 * (p-retry). Non-idempotent requests are retried only when no answer came back at all.
 */
function resilientFetch(
  options: Required<Pick<EntitlementsClientOptions, "timeoutMs" | "retries" | "minRetryDelayMs">> & {
    fetch: typeof globalThis.fetch;
  },
): typeof globalThis.fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.body ? await request.arrayBuffer() : undefined;
    const idempotent = request.method !== "POST" && request.method !== "PATCH";
    let lastTransient: Response | undefined;
    try {
      return await pRetry(
        async () => {
          const response = await options.fetch(
            new Request(request, { body: body ?? null, signal: AbortSignal.timeout(options.timeoutMs) }),
          );
          const transient =
            RETRYABLE.has(response.status) || (response.status === 500 && request.method === "GET");
          if (transient && idempotent) {
            lastTransient = response;
            throw new Error(`transient ${response.status}`);
          }
          return response;
        },
        { retries: options.retries, minTimeout: options.minRetryDelayMs, factor: 2, randomize: true },
      );
    } catch (error) {
      // Out of retries on a transient status: hand the last answer back rather than a generic error.
      if (lastTransient) {
        return lastTransient;
      }
      throw unavailable(error);
    }
  };
}

interface Known {
  entitlement: Entitlement;
  meta: AnswerMeta;
}

export function createEntitlementsClient(options: EntitlementsClientOptions): EntitlementsClient {
  const api = createClient<paths>({
    baseUrl: options.baseUrl,
    headers: { Authorization: `Bearer ${options.apiKey}` },
    fetch: resilientFetch({
      timeoutMs: options.timeoutMs ?? 5_000,
      retries: options.retries ?? 3,
      minRetryDelayMs: options.minRetryDelayMs ?? 100,
      fetch: options.fetch ?? globalThis.fetch,
    }),
  });

  const now = options.now ?? Date.now;
  const cache = options.cache ? new EntitlementCache(options.cache) : undefined;
  const fallback = options.fallback ?? "deny";
  /** One request per account at a time: concurrent reads of a cold or expired entry share it. */
  const inFlight = new Map<string, Promise<Known>>();

  async function fetchEntitlement(
    marketplace: Marketplace,
    accountId: string,
    etag: string | null,
  ): Promise<{ entitlement: Entitlement; etag: string | null } | "not-modified"> {
    const { data, error, response } = await api.GET("/v1/entitlements/{marketplace}/{accountId}", {
      params: { path: { marketplace, accountId }, header: etag ? { "If-None-Match": etag } : {} },
    });
    if (response.status === 304 && etag) {
      return "not-modified";
    }
    if (!data) {
      throw new EntitlementsApiError(response.status, error);
    }
    return { entitlement: data, etag: response.headers.get("etag") };
  }

  async function revalidate(marketplace: Marketplace, accountId: string, key: string): Promise<Known> {
    const cached = cache?.get(key);
    try {
      const answer = await fetchEntitlement(marketplace, accountId, cached?.etag ?? null);
      const confirmedAt = now();
      const fresh = answer === "not-modified" ? undefined : answer;
      const entitlement = fresh?.entitlement ?? (cached as CachedEntitlement).entitlement;
      cache?.set(key, {
        entitlement,
        etag: fresh ? fresh.etag : (cached?.etag ?? null),
        confirmedAt,
        sequence: cached?.sequence ?? null,
        retryAt: null,
      });
      return { entitlement, meta: { source: "network", asOf: new Date(confirmedAt) } };
    } catch (caught) {
      const error = unavailable(caught);
      const last = cache?.get(key);
      if (isOutage(error) && last && cache?.isUsableStale(last, now())) {
        // While billing-api is down, ask again once per TTL per account, not on every read.
        last.retryAt = now() + cache.ttlMs;
        return { entitlement: last.entitlement, meta: { source: "stale", asOf: new Date(last.confirmedAt) } };
      }
      throw error;
    }
  }

  /** The cached or fetched entitlement itself (not a copy): for the client's own checks only. */
  async function lookup(marketplace: Marketplace, accountId: string): Promise<Known> {
    const key = EntitlementCache.key(marketplace, accountId);
    const cached = cache?.get(key);
    if (cached && cache?.isFresh(cached, now())) {
      return {
        entitlement: cached.entitlement,
        meta: { source: "cache", asOf: new Date(cached.confirmedAt) },
      };
    }
    if (cached && cache?.isBackingOff(cached, now())) {
      return {
        entitlement: cached.entitlement,
        meta: { source: "stale", asOf: new Date(cached.confirmedAt) },
      };
    }
    const pending = inFlight.get(key);
    if (pending) {
      return pending;
    }
    const request = revalidate(marketplace, accountId, key).finally(() => inFlight.delete(key));
    inFlight.set(key, request);
    return request;
  }

  async function check(
    marketplace: Marketplace,
    accountId: string,
    feature?: string,
  ): Promise<EntitlementCheck> {
    try {
      const { entitlement, meta } = await lookup(marketplace, accountId);
      return { entitled: grants(entitlement, feature), meta };
    } catch (error) {
      if (!isOutage(error)) {
        throw error;
      }
      return { entitled: fallback === "allow", meta: { source: "fallback", asOf: null, error } };
    }
  }

  async function getEntitlement(marketplace: Marketplace, accountId: string): Promise<EntitlementAnswer> {
    const { entitlement, meta } = await lookup(marketplace, accountId);
    return withMeta(entitlement, meta);
  }

  return {
    api,
    getEntitlement,
    check,
    async isEntitled(marketplace, accountId, feature) {
      return (await check(marketplace, accountId, feature)).entitled;
    },
    invalidate(marketplace, accountId) {
      cache?.delete(EntitlementCache.key(marketplace, accountId));
    },
    handleEvent(event) {
      if (!cache || event.type !== "entitlement.updated") {
        return false;
      }
      const { account, sequence, entitlement } = event.data;
      const key = EntitlementCache.key(account.marketplace, account.accountId);
      const cached = cache.get(key);
      if (cached && !isNewer(sequence, entitlement, cached)) {
        return false;
      }
      // The event is what billing-api committed; counting it as confirmed now keeps it fresh for ttlMs.
      cache.set(key, { entitlement, etag: null, confirmedAt: now(), sequence, retryAt: null });
      return true;
    },
    async claimSeat(marketplace, accountId, userId) {
      const { data, error, response } = await api.POST("/v1/entitlements/{marketplace}/{accountId}/seats", {
        params: { path: { marketplace, accountId } },
        body: { userId },
      });
      if (data) {
        return { granted: true, seat: data };
      }
      if (response.status === 409 && error) {
        const problem = error as SeatProblem;
        return {
          granted: false,
          reason: problem.type.endsWith("/not-entitled") ? "not-entitled" : "seat-limit-reached",
          limit: problem.limit ?? null,
          used: problem.used ?? null,
          upgradeUrl: problem.upgradeUrl ?? null,
          detail: problem.detail,
        };
      }
      throw new EntitlementsApiError(response.status, error);
    },
    async releaseSeat(marketplace, accountId, userId) {
      const { error, response } = await api.DELETE(
        "/v1/entitlements/{marketplace}/{accountId}/seats/{userId}",
        {
          params: { path: { marketplace, accountId, userId } },
        },
      );
      if (!response.ok) {
        throw new EntitlementsApiError(response.status, error);
      }
    },
  };
}

function withMeta(entitlement: Entitlement, meta: AnswerMeta): EntitlementAnswer {
  // A copy per answer: callers may mutate what they get without touching the cache.
  return Object.defineProperty(structuredClone(entitlement), "meta", {
    value: meta,
    enumerable: false,
  }) as EntitlementAnswer;
}

function grants(entitlement: Entitlement, feature: string | undefined): boolean {
  return entitlement.entitled && (feature === undefined || entitlement.features.includes(feature));
}

/** An event replaces the cached entry only if it is not older: by sequence, else by the entitlement's updatedAt. */
function isNewer(sequence: number, entitlement: Entitlement, cached: CachedEntitlement): boolean {
  if (cached.sequence !== null) {
    return sequence > cached.sequence;
  }
  const cachedAt = cached.entitlement.updatedAt;
  return entitlement.updatedAt === null || cachedAt === null || entitlement.updatedAt >= cachedAt;
}

/** billing-api could not be asked (no answer) or failed on its side (5xx): serve stale or fall back. */
function isOutage(error: unknown): error is EntitlementsError {
  return (
    error instanceof EntitlementsUnavailableError ||
    (error instanceof EntitlementsApiError && error.serverError)
  );
}
