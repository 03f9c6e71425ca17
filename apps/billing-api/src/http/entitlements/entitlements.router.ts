import { createHash } from "node:crypto";
import { type Request, type Response, Router } from "express";
import type { ApiKeyStore } from "../../domain/entitlements/api-keys.js";
import { CustomerConflictError, type CustomerStore } from "../../domain/entitlements/customers.js";
import type { EntitlementService } from "../../domain/entitlements/entitlement-service.js";
import { InvalidCursorError, listSubscriptions } from "../../domain/entitlements/list-subscriptions.js";
import type { SeatStore } from "../../domain/entitlements/seats.js";
import { AccessNotEndedError } from "../../domain/erasure/erase-account.js";
import type { AccountRef, Redaction } from "../../domain/erasure/erasure-store.js";
import type { Marketplace } from "../../domain/events/inbound-event.js";
import { GithubApiError } from "../../domain/github/github-api.js";
import {
  OnboardingCodeError,
  type OnboardingExchange,
} from "../../domain/github-onboarding/exchange-onboarding-code.js";
import type { MembersOutcome } from "../../domain/github-onboarding/organization-members.js";
import type { GrantService } from "../../domain/grants/grant-service.js";
import type { PlanDirectory } from "../../domain/plans/plan.js";
import type { SubscriptionStatus } from "../../domain/subscriptions/subscription-status.js";
import type { SubscriptionStore } from "../../domain/subscriptions/subscription-store.js";
import type { Clock } from "../../domain/time/clock.js";
import { bodyParsers } from "../body-parsers.js";
import { noStore } from "../no-store.js";
import { openApiValidator } from "../openapi-validation.js";
import { problem, sendProblem } from "../problem.js";
import { problemErrorHandler } from "../problem-error-handler.js";
import { apiKeyAuthentication, requireKey } from "./api-key-auth.js";
import {
  toCustomerBody,
  toCustomerEntitlementBody,
  toEntitlementBody,
  toHistoryEntryBody,
  toPlanBody,
  toPlanVersionBody,
  toSeatBody,
  toSubscriptionSummary,
} from "./entitlement-mapping.js";
import { registerGrantRoutes } from "./grant-routes.js";
import { type OperatorRoutesDeps, registerOperatorRoutes } from "./operator-routes.js";

export const ENTITLEMENTS_PATHS = ["/v1"] as const;

type AppDepsEraseAccount = (
  account: AccountRef,
  reason: string,
  options?: { force?: boolean },
) => Promise<Redaction>;

export interface EntitlementsRouterDeps extends OperatorRoutesDeps {
  entitlements: EntitlementService;
  grants: GrantService;
  subscriptions: SubscriptionStore;
  seats: SeatStore;
  customers: CustomerStore;
  plans: PlanDirectory;
  apiKeys: ApiKeyStore;
  /** Trades a GitHub onboarding code (see domain/github-onboarding). */
  exchangeOnboardingCode: (code: string) => Promise<OnboardingExchange>;
  adminApiKey: string;
  clock: Clock;
  validateResponses: boolean;
  eraseAccount: AppDepsEraseAccount;
  /** Lists a GitHub organization's members with a buyer's stored token. */
  listOrganizationMembers: (accountId: string) => Promise<MembersOutcome>;
}

/** The product-facing API (specs/entitlements.yaml): thin handlers over EntitlementService and the stores. */
export function entitlementsRouter(deps: EntitlementsRouterDeps): Router {
  const router = Router();
  // Customer data behind a key: no cache may keep it. The entitlement read revalidates by ETag instead.
  router.use(noStore);
  router.use(bodyParsers());
  router.use(
    apiKeyAuthentication({ adminApiKey: deps.adminApiKey, store: deps.apiKeys, now: () => Date.now() }),
  );
  router.use(openApiValidator("entitlements", { validateResponses: deps.validateResponses }));
  // Scope first, then, for keys restricted to one marketplace, the marketplace the request names.
  const inPath = (req: Request) => req.params.marketplace;
  const inQuery = (req: Request) => req.query.marketplace;
  const inBody = (req: Request) => (req.body as { marketplace?: unknown }).marketplace;
  const spansMarketplaces = () => undefined;
  const read = requireKey("read", inPath);
  const seats = requireKey("seats", inPath);
  const admin = requireKey("admin", inPath);
  const readAll = requireKey("read", inQuery);
  const readCustomer = requireKey("read", spansMarketplaces);
  const adminCustomer = requireKey("admin", spansMarketplaces);
  registerGrantRoutes(router, deps, { read, admin, readCustomer, adminCustomer });

  router.get("/v1/entitlements/:marketplace/:accountId", read, async (req, res) => {
    const { marketplace, accountId } = accountParams(req);
    const body = toEntitlementBody(await deps.entitlements.forAccount(marketplace, accountId));
    sendWithEtag(req, res, body);
  });

  router.get("/v1/entitlements/:marketplace/:accountId/history", read, async (req, res) => {
    const { marketplace, accountId } = accountParams(req);
    const entries = await deps.entitlements.history(marketplace, accountId);
    res.json({ marketplace, accountId, events: entries.map(toHistoryEntryBody) });
  });

  router.get("/v1/entitlements/:marketplace/:accountId/seats", read, async (req, res) => {
    const { marketplace, accountId } = accountParams(req);
    const [entitlement, seats] = await Promise.all([
      deps.entitlements.forAccount(marketplace, accountId),
      deps.seats.list(marketplace, accountId),
    ]);
    res.json({ limit: entitlement.seats.limit, used: seats.length, seats: seats.map(toSeatBody) });
  });

  router.post("/v1/entitlements/:marketplace/:accountId/seats", seats, async (req, res) => {
    const { marketplace, accountId } = accountParams(req);
    const { userId } = req.body as { userId: string };
    const outcome = await deps.entitlements.claimSeat(marketplace, accountId, userId);
    switch (outcome.kind) {
      case "claimed":
        res.status(201).json(toSeatBody(outcome.seat));
        return;
      case "already_held":
        res.status(200).json(toSeatBody(outcome.seat));
        return;
      case "not_entitled":
        sendProblem(res, notEntitled(marketplace, accountId));
        return;
      case "limit_reached": {
        const { limit } = outcome;
        sendProblem(
          res,
          problem(
            409,
            "seat-limit-reached",
            "Seat Limit Reached",
            `All ${limit} seats of ${marketplace} account ${accountId} are taken; the customer must upgrade to add users.`,
            { limit, used: outcome.used, upgradeRequired: true, upgradeUrl: outcome.upgradeUrl },
          ),
        );
        return;
      }
    }
  });

  router.put("/v1/entitlements/:marketplace/:accountId/seats", seats, async (req, res) => {
    const { marketplace, accountId } = accountParams(req);
    const { userIds } = req.body as { userIds: string[] };
    const outcome = await deps.entitlements.assignSeats(marketplace, accountId, userIds);
    switch (outcome.kind) {
      case "assigned":
        res.json({ limit: outcome.limit, used: outcome.seats.length, seats: outcome.seats.map(toSeatBody) });
        return;
      case "not_entitled":
        sendProblem(res, notEntitled(marketplace, accountId));
        return;
      case "limit_reached":
        sendProblem(
          res,
          problem(
            409,
            "seat-limit-reached",
            "Seat Limit Reached",
            `${outcome.requested} users do not fit in the ${outcome.limit} seats of ${marketplace} account ${accountId}; nothing was changed. The customer must upgrade or choose fewer users.`,
            {
              limit: outcome.limit,
              used: outcome.used,
              requested: outcome.requested,
              upgradeRequired: true,
              upgradeUrl: outcome.upgradeUrl,
            },
          ),
        );
        return;
    }
  });

  router.get("/v1/entitlements/github/:accountId/members", seats, async (req, res) => {
    const accountId = String(req.params.accountId);
    let outcome: MembersOutcome;
    try {
      outcome = await deps.listOrganizationMembers(accountId);
    } catch (error) {
      if (error instanceof GithubApiError) {
        req.log.warn({ err: error, accountId }, "could not list the organization's members");
        sendProblem(
          res,
          problem(
            502,
            "github-unavailable",
            "Bad Gateway",
            `GitHub did not list the members of account ${accountId} (${error.kind}); try again later.`,
          ),
        );
        return;
      }
      throw error;
    }
    switch (outcome.kind) {
      case "members":
        res.json({ accountId: outcome.accountId, login: outcome.login, members: outcome.members });
        return;
      case "not_an_organization":
        sendProblem(
          res,
          problem(
            409,
            "not-an-organization",
            "Conflict",
            `GitHub account ${accountId} is a personal account: it has no members to choose from.`,
          ),
        );
        return;
      case "sign_in_required":
        sendProblem(
          res,
          problem(409, "github-sign-in-required", "GitHub Sign-In Required", SIGN_IN_DETAIL[outcome.reason], {
            reason: outcome.reason,
          }),
        );
        return;
    }
  });

  router.delete("/v1/entitlements/:marketplace/:accountId/seats/:userId", seats, async (req, res) => {
    const { marketplace, accountId } = accountParams(req);
    await deps.seats.release(marketplace, accountId, String(req.params.userId));
    res.status(204).end();
  });

  router.get("/v1/subscriptions", readAll, async (req, res) => {
    const query = req.query as Record<string, string | number | undefined>;
    try {
      const listing = await listSubscriptions(
        deps.subscriptions,
        {
          ...(query.marketplace ? { marketplace: query.marketplace as Marketplace } : {}),
          ...(query.status ? { status: query.status as SubscriptionStatus } : {}),
          ...(query.planId ? { planId: String(query.planId) } : {}),
          ...(query.trialEndsBefore ? { trialEndsBefore: new Date(String(query.trialEndsBefore)) } : {}),
        },
        { limit: Number(query.limit ?? 50), cursor: query.cursor ? String(query.cursor) : null },
        deps.clock.now(),
      );
      res.json({
        items: listing.items.map(({ subscription, status }) => toSubscriptionSummary(subscription, status)),
        nextCursor: listing.nextCursor,
      });
    } catch (error) {
      if (error instanceof InvalidCursorError) {
        sendProblem(res, problem(400, "invalid-cursor", "Bad Request", error.message));
        return;
      }
      throw error;
    }
  });

  router.post("/v1/customers", adminCustomer, async (req, res) => {
    const input = req.body as { externalId?: string; name?: string };
    try {
      const customer = await deps.customers.create(
        { externalId: input.externalId ?? null, name: input.name ?? null },
        deps.clock.now(),
      );
      res.status(201).location(`/v1/customers/${customer.id}`).json(toCustomerBody(customer));
    } catch (error) {
      if (error instanceof CustomerConflictError) {
        sendProblem(res, problem(409, "customer-exists", "Conflict", error.message));
        return;
      }
      throw error;
    }
  });

  router.get("/v1/customers/:customerId", readCustomer, async (req, res) => {
    const customer = await deps.customers.get(String(req.params.customerId));
    if (!customer) {
      sendProblem(res, customerNotFound(String(req.params.customerId)));
      return;
    }
    res.json(toCustomerBody(customer));
  });

  router.post("/v1/customers/:customerId/links", requireKey("admin", inBody), async (req, res) => {
    const id = String(req.params.customerId);
    const account = req.body as { marketplace: Marketplace; accountId: string };
    if (!(await deps.customers.get(id))) {
      sendProblem(res, customerNotFound(id));
      return;
    }
    try {
      await deps.customers.link(id, account, deps.clock.now());
    } catch (error) {
      if (error instanceof CustomerConflictError) {
        sendProblem(res, problem(409, "account-linked-elsewhere", "Conflict", error.message));
        return;
      }
      throw error;
    }
    res.json(toCustomerBody((await deps.customers.get(id)) ?? fail(id)));
  });

  router.delete("/v1/customers/:customerId/links/:marketplace/:accountId", admin, async (req, res) => {
    const id = String(req.params.customerId);
    if (!(await deps.customers.get(id))) {
      sendProblem(res, customerNotFound(id));
      return;
    }
    await deps.customers.unlink(id, accountParams(req), deps.clock.now());
    res.status(204).end();
  });

  router.get("/v1/customers/:customerId/entitlement", readCustomer, async (req, res) => {
    const customer = await deps.customers.get(String(req.params.customerId));
    if (!customer) {
      sendProblem(res, customerNotFound(String(req.params.customerId)));
      return;
    }
    res.json(toCustomerEntitlementBody(await deps.entitlements.forCustomer(customer)));
  });

  router.get("/v1/plans", readAll, async (req, res) => {
    const marketplace = req.query.marketplace as Marketplace | undefined;
    const plans = await deps.plans.list(marketplace);
    res.json({ items: plans.map(toPlanBody) });
  });

  router.get("/v1/plans/:marketplace/:planId/versions", read, async (req, res) => {
    const versions = await deps.plans.versions({
      marketplace: String(req.params.marketplace) as Marketplace,
      planId: String(req.params.planId),
    });
    res.json({ versions: versions.map(toPlanVersionBody) });
  });

  router.put("/v1/plans/:marketplace/:planId", admin, async (req, res) => {
    const marketplace = String(req.params.marketplace) as Marketplace;
    const body = req.body as { features: string[]; seatRules?: { seatLimit?: number | null } };
    const plan = await deps.plans.map(
      { marketplace, planId: String(req.params.planId) },
      { features: [...new Set(body.features)].sort(), seatLimit: body.seatRules?.seatLimit ?? null },
      deps.clock.now(),
    );
    res.json(toPlanBody(plan));
  });

  router.post(
    "/v1/onboarding/github/exchange",
    requireKey("admin", () => "github"),
    async (req, res) => {
      const { code, customerId } = req.body as { code: string; customerId?: string };
      if (customerId && !(await deps.customers.get(customerId))) {
        sendProblem(res, customerNotFound(customerId));
        return;
      }
      let exchange: OnboardingExchange;
      try {
        exchange = await deps.exchangeOnboardingCode(code);
      } catch (error) {
        if (error instanceof OnboardingCodeError) {
          const gone = error.reason !== "invalid_code";
          sendProblem(
            res,
            problem(
              gone ? 410 : 400,
              error.reason.replaceAll("_", "-"),
              gone ? "Gone" : "Bad Request",
              gone
                ? "The onboarding code was already used or has expired; send the buyer through the setup URL again."
                : "This is not an onboarding code this service issued.",
            ),
          );
          return;
        }
        throw error;
      }
      const refs = exchange.accounts.map((account) => ({
        marketplace: "github" as const,
        accountId: account.accountId,
      }));
      if (customerId) {
        try {
          await deps.customers.linkAll(customerId, refs, deps.clock.now());
        } catch (error) {
          if (error instanceof CustomerConflictError) {
            // The code is spent: say who bought what, so the product can resolve the conflict and link by hand.
            sendProblem(
              res,
              problem(409, "account-linked-elsewhere", "Conflict", error.message, {
                githubUser: exchange.githubUser,
                accountIds: refs.map((ref) => ref.accountId),
              }),
            );
            return;
          }
          throw error;
        }
      }
      const accounts = await Promise.all(
        exchange.accounts.map(async (account) => ({
          accountId: account.accountId,
          login: account.login,
          type: account.type,
          planId: account.planId,
          planName: account.planName,
          seatsClaimable: account.seatsClaimable,
          entitlement: toEntitlementBody(await deps.entitlements.forAccount("github", account.accountId)),
        })),
      );
      res.json({ githubUser: exchange.githubUser, accounts, customerId: customerId ?? null });
    },
  );

  router.post("/v1/erasures", requireKey("admin", inBody), async (req, res) => {
    const body = req.body as {
      marketplace: Marketplace;
      accountId: string;
      reason?: string;
      force?: boolean;
    };
    try {
      const redaction = await deps.eraseAccount(
        { marketplace: body.marketplace, accountId: body.accountId },
        `operator: ${body.reason ?? "erasure requested"}`,
        { force: body.force === true },
      );
      req.log.info(
        { redactionId: redaction.id, marketplace: body.marketplace },
        "erased an account's personal data",
      );
      res.status(201).json({ ...redaction, redactedAt: redaction.redactedAt.toISOString() });
    } catch (error) {
      if (error instanceof AccessNotEndedError) {
        sendProblem(
          res,
          problem(
            409,
            "access-not-ended",
            "Conflict",
            `${error.message}; send force: true to erase it anyway.`,
          ),
        );
        return;
      }
      throw error;
    }
  });

  // Keys, the event log and reconciliation span marketplaces: a key restricted to one never reaches them.
  registerOperatorRoutes(router, adminCustomer, deps);

  router.use(problemErrorHandler);
  return router;
}

function accountParams(req: Request): { marketplace: Marketplace; accountId: string } {
  return {
    marketplace: String(req.params.marketplace) as Marketplace,
    accountId: String(req.params.accountId),
  };
}

const SIGN_IN_DETAIL = {
  no_token:
    "No buyer of this organization has a GitHub token here (none onboarded, or it was revoked when the subscription ended): a buyer must sign in again through the setup URL.",
  token_expired:
    "GitHub refused the stored token (expired or revoked): a buyer of this organization must sign in again through the setup URL.",
  access_denied:
    "GitHub refused to list the organization's members with the stored token: a buyer must sign in again granting read:org, or the organization must approve the app.",
} as const;

function notEntitled(marketplace: Marketplace, accountId: string) {
  return problem(
    409,
    "not-entitled",
    "Not Entitled",
    `${marketplace} account ${accountId} has no live subscription.`,
    { upgradeRequired: true },
  );
}

function customerNotFound(id: string) {
  return problem(404, "customer-not-found", "Not Found", `No customer ${id}.`);
}

function fail(id: string): never {
  throw new Error(`customer ${id} vanished`);
}

/** A strong ETag over the body; `If-None-Match` with it (or `*`) answers 304. */
function sendWithEtag(req: Request, res: Response, body: unknown): void {
  const json = JSON.stringify(body);
  // A validator, not a secret: SHA-1 is plenty and cheaper on the hottest path.
  const etag = `"${createHash("sha1").update(json).digest("base64url")}"`;
  res.setHeader("ETag", etag);
  res.setHeader("Cache-Control", "private, no-cache");
  const ifNoneMatch = req.header("if-none-match");
  if (ifNoneMatch) {
    const candidates = ifNoneMatch.split(",").map((tag) => tag.trim().replace(/^W\//, ""));
    if (candidates.includes(etag) || candidates.includes("*")) {
      res.status(304).end();
      return;
    }
  }
  res.type("application/json").send(json);
}
