import { createGithubApiClient, type GithubApiClient } from "@marketplace-billing/contracts";
import type { GithubConfig } from "../../config/config.js";
import {
  GithubApiError,
  type GithubMarketplaceApi,
  type GithubUserApi,
} from "../../domain/github/github-api.js";
import type { Clock } from "../../domain/time/clock.js";
import { signAppJwt } from "./app-jwt.js";
import { rateLimitedFetch, type Sleep } from "./rate-limited-fetch.js";

const USER_AGENT = "marketplace-billing";
const PER_PAGE = 100;
/** A listing has at most 10 published plans; accounts per plan are bounded by this many pages of 100. */
const MAX_PAGES = 1000;

export interface GithubRestApiOptions {
  config: GithubConfig;
  clock: Clock;
  sleep: Sleep;
}

/**
 * GitHub's REST API through the typed client generated from specs/github-api.yaml. Implements both ports:
 * app-level Marketplace calls (JWT when an app id and key are configured, otherwise the client id and
 * secret as Basic) and the calls made with a buyer's token. `stubbed` switches to GitHub's stubbed endpoints.
 */
export class GithubRestApi implements GithubMarketplaceApi, GithubUserApi {
  private readonly api: GithubApiClient;
  private readonly web: GithubApiClient;

  constructor(private readonly options: GithubRestApiOptions) {
    const fetch = rateLimitedFetch({ clock: options.clock, sleep: options.sleep });
    const headers = { "User-Agent": USER_AGENT, "X-GitHub-Api-Version": "2022-11-28" };
    this.api = createGithubApiClient({
      baseUrl: options.config.apiUrl,
      fetch,
      headers: { ...headers, Accept: "application/vnd.github+json" },
    });
    this.web = createGithubApiClient({
      baseUrl: options.config.webUrl,
      fetch,
      headers: { ...headers, Accept: "application/json" },
    });
  }

  async listPlans() {
    const stubbed = this.options.config.stubbed;
    return this.paginate("list plans", (page) =>
      stubbed
        ? this.api.GET("/marketplace_listing/stubbed/plans", {
            params: { query: { per_page: PER_PAGE, page } },
            headers: this.appHeaders(),
          })
        : this.api.GET("/marketplace_listing/plans", {
            params: { query: { per_page: PER_PAGE, page } },
            headers: this.appHeaders(),
          }),
    );
  }

  async listAccountsForPlan(planId: number) {
    const stubbed = this.options.config.stubbed;
    const params = { path: { plan_id: planId } };
    return this.paginate(`list accounts of plan ${planId}`, (page) => {
      const query = { per_page: PER_PAGE, page, sort: "created" as const, direction: "asc" as const };
      return stubbed
        ? this.api.GET("/marketplace_listing/stubbed/plans/{plan_id}/accounts", {
            params: { ...params, query },
            headers: this.appHeaders(),
          })
        : this.api.GET("/marketplace_listing/plans/{plan_id}/accounts", {
            params: { ...params, query },
            headers: this.appHeaders(),
          });
    });
  }

  async getAccount(accountId: number) {
    const params = { path: { account_id: accountId } };
    const { data, error, response } = await call(`read account ${accountId}`, () =>
      this.options.config.stubbed
        ? this.api.GET("/marketplace_listing/stubbed/accounts/{account_id}", {
            params,
            headers: this.appHeaders(),
          })
        : this.api.GET("/marketplace_listing/accounts/{account_id}", { params, headers: this.appHeaders() }),
    );
    if (response.status === 404) {
      return null;
    }
    if (!response.ok || data === undefined) {
      throw httpError(`read account ${accountId}`, response, error);
    }
    return data;
  }

  async exchangeCode(code: string): Promise<string> {
    const { clientId, clientSecret } = this.clientCredentials();
    const { data, error, response } = await call("exchange the OAuth code", () =>
      this.web.POST("/login/oauth/access_token", {
        body: { client_id: clientId, client_secret: clientSecret, code },
      }),
    );
    if (!response.ok || data === undefined) {
      throw httpError("exchange the OAuth code", response, error);
    }
    if (data.error !== undefined || data.access_token === undefined) {
      throw new GithubApiError(
        "rejected",
        `GitHub refused the OAuth code: ${data.error ?? "no access_token"}`,
        response.status,
        data.error ?? "no_access_token",
      );
    }
    return data.access_token;
  }

  async getUser(token: string) {
    const { data, error, response } = await call("read the user", () =>
      this.api.GET("/user", { headers: { Authorization: `Bearer ${token}` } }),
    );
    if (!response.ok || data === undefined) {
      throw httpError("read the user", response, error);
    }
    return data;
  }

  async listPurchases(token: string) {
    const stubbed = this.options.config.stubbed;
    const headers = { Authorization: `Bearer ${token}` };
    return this.paginate("list the user's purchases", (page) =>
      stubbed
        ? this.api.GET("/user/marketplace_purchases/stubbed", {
            params: { query: { per_page: PER_PAGE, page } },
            headers,
          })
        : this.api.GET("/user/marketplace_purchases", {
            params: { query: { per_page: PER_PAGE, page } },
            headers,
          }),
    );
  }

  async listOrganizationMembers(token: string, org: string) {
    return this.paginate(`list the members of ${org}`, (page) =>
      this.api.GET("/orgs/{org}/members", {
        params: { path: { org }, query: { per_page: PER_PAGE, page } },
        headers: { Authorization: `Bearer ${token}` },
      }),
    );
  }

  async revokeToken(token: string): Promise<void> {
    const { clientId, clientSecret } = this.clientCredentials();
    const { error, response } = await call("revoke a user token", () =>
      this.api.DELETE("/applications/{client_id}/token", {
        params: { path: { client_id: clientId } },
        body: { access_token: token },
        headers: { Authorization: basic(clientId, clientSecret) },
      }),
    );
    // 404: GitHub no longer knows the token (revoked by the user); the goal is reached either way.
    if (!response.ok && response.status !== 404) {
      throw httpError("revoke a user token", response, error);
    }
  }

  /** App-level credentials: the App JWT when configured (signed per call), else OAuth App Basic. */
  private appHeaders(): { Authorization: string } {
    const { appId, appPrivateKey } = this.options.config;
    if (appId !== undefined && appPrivateKey !== undefined) {
      return { Authorization: `Bearer ${signAppJwt(appId, appPrivateKey, this.options.clock.now())}` };
    }
    const { clientId, clientSecret } = this.clientCredentials();
    return { Authorization: basic(clientId, clientSecret) };
  }

  private clientCredentials(): { clientId: string; clientSecret: string } {
    const { clientId, clientSecret } = this.options.config;
    if (clientId === undefined || clientSecret === undefined) {
      throw new GithubApiError(
        "unauthorized",
        "GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET are not configured",
      );
    }
    return { clientId, clientSecret };
  }

  /** Follows `Link: <…>; rel="next"` until the last page. */
  private async paginate<T>(
    what: string,
    fetchPage: (page: number) => Promise<{ data?: T[]; error?: unknown; response: Response }>,
  ): Promise<T[]> {
    const items: T[] = [];
    for (let page = 1; page <= MAX_PAGES; ) {
      const { data, error, response } = await call(what, () => fetchPage(page));
      if (!response.ok || data === undefined) {
        throw httpError(what, response, error);
      }
      items.push(...data);
      const next = nextPage(response.headers.get("link"));
      if (next === null || next <= page) {
        return items;
      }
      page = next;
    }
    throw new GithubApiError("rejected", `${what}: more than ${MAX_PAGES} pages`);
  }
}

/** The `page` of the `rel="next"` link, or null on the last page. */
export function nextPage(link: string | null): number | null {
  if (link === null) {
    return null;
  }
  for (const part of link.split(",")) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match?.[1]) {
      const page = Number(new URL(match[1], "http://placeholder").searchParams.get("page"));
      return Number.isInteger(page) && page > 0 ? page : null;
    }
  }
  return null;
}

async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new GithubApiError("unreachable", `could not ${what}: ${reason}`);
  }
}

function httpError(what: string, response: Response, body: unknown): GithubApiError {
  const message = `could not ${what}: GitHub answered ${response.status}${describe(body)}`;
  if (response.status >= 500) {
    return new GithubApiError("unreachable", message, response.status);
  }
  if (response.status === 429 || (response.status === 403 && isRateLimited(response.headers))) {
    return new GithubApiError("rate_limited", message, response.status);
  }
  if (response.status === 401 || response.status === 403) {
    return new GithubApiError("unauthorized", message, response.status);
  }
  if (response.status === 404) {
    return new GithubApiError("not_found", message, response.status);
  }
  return new GithubApiError("rejected", message, response.status);
}

function isRateLimited(headers: Headers): boolean {
  return headers.get("x-ratelimit-remaining") === "0" || headers.has("retry-after");
}

function describe(body: unknown): string {
  const message = (body as { message?: unknown } | undefined)?.message;
  return typeof message === "string" ? ` (${message.slice(0, 200)})` : "";
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}
