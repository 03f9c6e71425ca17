import createClient, { type Client } from "openapi-fetch";
import pRetry from "p-retry";
import type { components, paths } from "./generated/entitlements.js";

export type Entitlement = components["schemas"]["Entitlement"];
export type Marketplace = components["schemas"]["MarketplaceName"];
export type Seat = components["schemas"]["Seat"];
export type SeatProblem = components["schemas"]["SeatProblem"];

export interface EntitlementsClientOptions {
  /** Where billing-api runs, e.g. `http://localhost:3000`. */
  baseUrl: string;
  /** A `read` key for the product, or an `admin` key for plan mapping and customers. */
  apiKey: string;
  /** Per attempt; default 5 s. */
  timeoutMs?: number;
  /** Attempts after the first on network errors and 502/503/504 (and 500 on reads); default 3. */
  retries?: number;
  /** Base delay of the exponential backoff; default 100 ms. */
  minRetryDelayMs?: number;
  fetch?: typeof globalThis.fetch;
}

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
  /** The entitlement of a GitHub account id or an Evotor userId (an unknown account is `status: none`). */
  getEntitlement(marketplace: Marketplace, accountId: string): Promise<Entitlement>;
  isEntitled(marketplace: Marketplace, accountId: string, feature?: string): Promise<boolean>;
  /** Claims a seat for one of the product's users; refusals (limit reached, not entitled) are values, not throws. */
  claimSeat(marketplace: Marketplace, accountId: string, userId: string): Promise<SeatClaim>;
  releaseSeat(marketplace: Marketplace, accountId: string, userId: string): Promise<void>;
}

export class EntitlementsApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: unknown,
  ) {
    const detail = (problem as { detail?: string } | undefined)?.detail;
    super(`entitlements API answered ${status}${detail ? `: ${detail}` : ""}`);
    this.name = "EntitlementsApiError";
  }
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
      throw error;
    }
  };
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

  async function getEntitlement(marketplace: Marketplace, accountId: string): Promise<Entitlement> {
    const { data, error, response } = await api.GET("/v1/entitlements/{marketplace}/{accountId}", {
      params: { path: { marketplace, accountId } },
    });
    if (!data) {
      throw new EntitlementsApiError(response.status, error);
    }
    return data;
  }

  return {
    api,
    getEntitlement,
    async isEntitled(marketplace, accountId, feature) {
      const entitlement = await getEntitlement(marketplace, accountId);
      return entitlement.entitled && (feature === undefined || entitlement.features.includes(feature));
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
