import { createVerify } from "node:crypto";
import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type {
  GithubListingAccount,
  GithubListingPlan,
  GithubUser,
  GithubUserPurchase,
} from "@marketplace-billing/contracts";
import express from "express";

export const FAKE_CLIENT_ID = "Iv1.fakeclient";
export const FAKE_CLIENT_SECRET = "fake-client-secret";

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  authorization: string | undefined;
}

/**
 * A fake GitHub on 127.0.0.1 (a real HTTP server): OAuth token exchange, /user, /user/marketplace_purchases,
 * /marketplace_listing/* (real and stubbed, paginated with Link headers) and token revocation, with the
 * error modes tests switch on: 5xx, rate limiting, and app credentials it refuses.
 */
export class FakeGithub {
  url = "";
  readonly requests: RecordedRequest[] = [];
  /** OAuth code → token. */
  readonly codes = new Map<string, string>();
  readonly users = new Map<string, GithubUser>();
  readonly purchases = new Map<string, GithubUserPurchase[]>();
  plans: GithubListingPlan[] = [];
  readonly accounts = new Map<number, GithubListingAccount[]>();
  /** Purchases `/accounts/{id}` knows but the plan listings miss (as when pages shift during a read). */
  readonly skippedByListing = new Map<number, GithubListingAccount>();
  /** Runs before a plan's accounts are answered: lets a test change things while the listing is read. */
  onListAccounts: (() => Promise<void>) | null = null;
  readonly revoked: string[] = [];
  /** Organization login (lower case) → its members, for `GET /orgs/{org}/members`. */
  readonly orgMembers = new Map<string, GithubUser[]>();
  /** Tokens that may not read organization members (no `read:org`): 403. */
  readonly withoutReadOrg = new Set<string>();
  /** Items per page, whatever per_page asks, so tests exercise the Link header. */
  pageSize = 2;
  /** Answer every request with this status (a GitHub outage). */
  failWith: number | null = null;
  /** The next N requests get a rate-limited 403 (`Retry-After: 2`) or 429. */
  rateLimited = 0;
  rateLimitStatus: 403 | 429 = 403;
  /** When set, app-level calls must carry an RS256 JWT verifiable with this key and `iss` = appId. */
  appJwt: { publicKey: string; appId: string } | null = null;
  private server: Server | undefined;

  async start(): Promise<void> {
    const app = express();
    app.use(express.json());
    app.use((req, res, next) => {
      this.requests.push({
        method: req.method,
        path: req.path,
        query: { ...req.query },
        authorization: req.header("authorization"),
      });
      if (this.failWith !== null) {
        res.status(this.failWith).json({ message: "Server Error" });
        return;
      }
      if (this.rateLimited > 0) {
        this.rateLimited -= 1;
        res
          .status(this.rateLimitStatus)
          .set({ "Retry-After": "2", "x-ratelimit-remaining": "0" })
          .json({ message: "API rate limit exceeded" });
        return;
      }
      next();
    });

    app.post("/login/oauth/access_token", (req, res) => {
      const body = req.body as Record<string, string>;
      if (body.client_id !== FAKE_CLIENT_ID || body.client_secret !== FAKE_CLIENT_SECRET) {
        res.json({ error: "incorrect_client_credentials" });
        return;
      }
      const token = this.codes.get(body.code ?? "");
      if (token === undefined) {
        res.json({
          error: "bad_verification_code",
          error_description: "The code passed is incorrect or expired.",
        });
        return;
      }
      this.codes.delete(body.code ?? "");
      res.json({ access_token: token, token_type: "bearer", scope: "" });
    });

    const userOf = (req: express.Request) => /^Bearer (.+)$/.exec(req.header("authorization") ?? "")?.[1];
    app.get("/user", (req, res) => {
      const user = this.users.get(userOf(req) ?? "");
      if (!user) {
        res.status(401).json({ message: "Bad credentials" });
        return;
      }
      res.json(user);
    });
    for (const path of ["/user/marketplace_purchases", "/user/marketplace_purchases/stubbed"]) {
      app.get(path, (req, res) => {
        const token = userOf(req) ?? "";
        if (!this.users.has(token)) {
          res.status(401).json({ message: "Bad credentials" });
          return;
        }
        this.page(req, res, this.purchases.get(token) ?? []);
      });
    }

    app.get("/orgs/:org/members", (req, res) => {
      const token = userOf(req) ?? "";
      if (!this.users.has(token)) {
        res.status(401).json({ message: "Bad credentials" });
        return;
      }
      if (this.withoutReadOrg.has(token)) {
        res.status(403).json({ message: "Must have admin rights to Repository." });
        return;
      }
      const members = this.orgMembers.get(String(req.params.org).toLowerCase());
      if (members === undefined) {
        res.status(404).json({ message: "Not Found" });
        return;
      }
      this.page(req, res, members);
    });

    const appAuth: express.RequestHandler = (req, res, next) => {
      if (!this.appAuthorized(req.header("authorization"))) {
        res.status(401).json({ message: "A JSON web token could not be decoded" });
        return;
      }
      next();
    };
    app.get(["/marketplace_listing/plans", "/marketplace_listing/stubbed/plans"], appAuth, (req, res) => {
      this.page(req, res, this.plans);
    });
    app.get(
      ["/marketplace_listing/plans/:planId/accounts", "/marketplace_listing/stubbed/plans/:planId/accounts"],
      appAuth,
      async (req, res) => {
        await this.onListAccounts?.();
        const accounts = this.accounts.get(Number(req.params.planId));
        if (accounts === undefined) {
          res.status(404).json({ message: "Not Found" });
          return;
        }
        this.page(req, res, accounts);
      },
    );

    app.get(
      ["/marketplace_listing/accounts/:accountId", "/marketplace_listing/stubbed/accounts/:accountId"],
      appAuth,
      (req, res) => {
        const id = Number(req.params.accountId);
        const account =
          [...this.accounts.values()].flat().find((candidate) => candidate.id === id) ??
          this.skippedByListing.get(id);
        if (account === undefined) {
          res.status(404).json({ message: "Not Found" });
          return;
        }
        res.json(account);
      },
    );

    app.delete("/applications/:clientId/token", (req, res) => {
      const expected = `Basic ${Buffer.from(`${FAKE_CLIENT_ID}:${FAKE_CLIENT_SECRET}`).toString("base64")}`;
      if (req.params.clientId !== FAKE_CLIENT_ID || req.header("authorization") !== expected) {
        res.status(401).json({ message: "Requires authentication" });
        return;
      }
      const token = (req.body as { access_token?: string }).access_token ?? "";
      this.revoked.push(token);
      this.users.delete(token);
      res.status(204).end();
    });

    this.server = app.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    if (this.server) {
      this.server.closeAllConnections();
      await new Promise((resolve) => this.server?.close(resolve));
    }
  }

  reset(): void {
    this.requests.length = 0;
    this.codes.clear();
    this.users.clear();
    this.purchases.clear();
    this.plans = [];
    this.accounts.clear();
    this.skippedByListing.clear();
    this.onListAccounts = null;
    this.revoked.length = 0;
    this.orgMembers.clear();
    this.withoutReadOrg.clear();
    this.pageSize = 2;
    this.failWith = null;
    this.rateLimited = 0;
    this.rateLimitStatus = 403;
    this.appJwt = null;
  }

  /** A buyer who will authorize the app: its next OAuth code exchanges for `token`. */
  authorize(user: GithubUser, purchases: GithubUserPurchase[], code = `code-${user.id}`): string {
    const token = `gho_token_${user.id}_${this.codes.size}`;
    this.users.set(token, user);
    this.purchases.set(token, purchases);
    this.codes.set(code, token);
    return code;
  }

  /** Puts accounts on a plan (and the plan in the listing). */
  list(plan: GithubListingPlan, accounts: GithubListingAccount[]): void {
    this.plans = [...this.plans.filter((candidate) => candidate.id !== plan.id), plan];
    this.accounts.set(plan.id, accounts);
  }

  private page<T>(req: express.Request, res: express.Response, items: T[]): void {
    const page = Number(req.query.page ?? 1);
    const last = Math.max(1, Math.ceil(items.length / this.pageSize));
    if (page < last) {
      const next = new URL(`${this.url}${req.path}`);
      for (const [key, value] of Object.entries(req.query)) {
        next.searchParams.set(key, String(value));
      }
      next.searchParams.set("page", String(page + 1));
      res.set("Link", `<${next.toString()}>; rel="next", <${this.url}${req.path}?page=${last}>; rel="last"`);
    }
    res.json(items.slice((page - 1) * this.pageSize, page * this.pageSize));
  }

  private appAuthorized(authorization: string | undefined): boolean {
    if (this.appJwt === null) {
      const expected = `Basic ${Buffer.from(`${FAKE_CLIENT_ID}:${FAKE_CLIENT_SECRET}`).toString("base64")}`;
      return authorization === expected;
    }
    const jwt = /^Bearer (.+)$/.exec(authorization ?? "")?.[1] ?? "";
    const [header, payload, signature] = jwt.split(".");
    if (!header || !payload || !signature) {
      return false;
    }
    const valid = createVerify("RSA-SHA256")
      .update(`${header}.${payload}`)
      .verify(this.appJwt.publicKey, Buffer.from(signature, "base64url"));
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { iss?: string };
    return valid && claims.iss === this.appJwt.appId;
  }
}

/** A plan as GitHub's REST API describes it. */
export function listingPlan(id: number, overrides: Partial<GithubListingPlan> = {}): GithubListingPlan {
  return {
    url: `https://api.github.com/marketplace_listing/plans/${id}`,
    accounts_url: `https://api.github.com/marketplace_listing/plans/${id}/accounts`,
    id,
    number: id % 10,
    name: `Plan ${id}`,
    description: "A plan",
    monthly_price_in_cents: 1000,
    yearly_price_in_cents: 10000,
    price_model: "PER_UNIT",
    has_free_trial: false,
    unit_name: "seat",
    state: "published",
    bullets: ["Fast"],
    ...overrides,
  };
}

/** An account on a plan as `/marketplace_listing/plans/{id}/accounts` shows it. */
export function listingAccount(
  id: number,
  plan: GithubListingPlan,
  options: {
    type?: string;
    unitCount?: number | null;
    billingCycle?: string;
    pending?: { plan: GithubListingPlan; unitCount: number | null; effectiveDate: string } | null;
  } = {},
): GithubListingAccount {
  return {
    url: `https://api.github.com/orgs/account-${id}`,
    type: options.type ?? "Organization",
    id,
    login: `account-${id}`,
    organization_billing_email: options.type === "User" ? null : `billing@account-${id}.example`,
    email: null,
    marketplace_pending_change: options.pending
      ? {
          is_installed: true,
          effective_date: options.pending.effectiveDate,
          unit_count: options.pending.unitCount,
          id: 77,
          plan: options.pending.plan,
        }
      : null,
    marketplace_purchase: {
      billing_cycle: options.billingCycle ?? "monthly",
      next_billing_date: "2026-04-01T00:00:00Z",
      is_installed: true,
      unit_count: options.unitCount === undefined ? 5 : options.unitCount,
      on_free_trial: false,
      free_trial_ends_on: null,
      updated_at: "2026-02-20T10:00:00Z",
      plan,
    },
  };
}

/** A purchase as `/user/marketplace_purchases` shows it. */
export function userPurchase(
  account: { id: number; login: string; type: "User" | "Organization" },
  plan: GithubListingPlan,
  unitCount: number | null = 5,
): GithubUserPurchase {
  return {
    billing_cycle: "monthly",
    next_billing_date: "2026-04-01T00:00:00Z",
    unit_count: unitCount,
    on_free_trial: false,
    free_trial_ends_on: null,
    updated_at: "2026-03-01T11:59:00Z",
    account: {
      url: `https://api.github.com/users/${account.login}`,
      id: account.id,
      type: account.type,
      login: account.login,
      node_id: "MDEyOk9yZ2FuaXphdGlvbjE=",
      email: null,
      organization_billing_email: account.type === "Organization" ? "billing@octo.example" : null,
    },
    plan,
  };
}
