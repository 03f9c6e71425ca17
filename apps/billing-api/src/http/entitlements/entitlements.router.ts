import { createHash } from "node:crypto";
import { type Request, type Response, Router } from "express";
import type { ApiKeyStore } from "../../domain/entitlements/api-keys.js";
import { CustomerConflictError, type CustomerStore } from "../../domain/entitlements/customers.js";
import type { EntitlementService } from "../../domain/entitlements/entitlement-service.js";
import { InvalidCursorError, listSubscriptions } from "../../domain/entitlements/list-subscriptions.js";
import type { SeatStore } from "../../domain/entitlements/seats.js";
import type { Marketplace } from "../../domain/events/inbound-event.js";
import {
  OnboardingCodeError,
  type OnboardingExchange,
} from "../../domain/github-onboarding/exchange-onboarding-code.js";
import type { GrantService } from "../../domain/grants/grant-service.js";
import type { PlanDirectory } from "../../domain/plans/plan.js";
import type { SubscriptionStatus } from "../../domain/subscriptions/subscription-status.js";
import type { SubscriptionStore } from "../../domain/subscriptions/subscription-store.js";
import type { Clock } from "../../domain/time/clock.js";
import { bodyParsers } from "../body-parsers.js";
import { openApiValidator } from "../openapi-validation.js";
import { problem, sendProblem } from "../problem.js";
import { problemErrorHandler } from "../problem-error-handler.js";
import { apiKeyAuthentication, requireScope } from "./api-key-auth.js";
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
}

/** The product-facing API (specs/entitlements.yaml): thin handlers over EntitlementService and the stores. */
export function entitlementsRouter(deps: EntitlementsRouterDeps): Router {
  const router = Router();
  router.use(bodyParsers());
  router.use(
    apiKeyAuthentication({ adminApiKey: deps.adminApiKey, store: deps.apiKeys, now: () => Date.now() }),
  );
  router.use(openApiValidator("entitlements", { validateResponses: deps.validateResponses }));
  const read = requireScope("read");
  const admin = requireScope("admin");
  registerGrantRoutes(router, deps, { read, admin });

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

  router.post("/v1/entitlements/:marketplace/:accountId/seats", read, async (req, res) => {
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
        sendProblem(
          res,
          problem(
            409,
            "not-entitled",
            "Not Entitled",
            `${marketplace} account ${accountId} has no live subscription.`,
            {
              upgradeRequired: true,
            },
          ),
        );
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
            { limit, used: outcome.used, upgradeRequired: true },
          ),
        );
        return;
      }
    }
  });

  router.delete("/v1/entitlements/:marketplace/:accountId/seats/:userId", read, async (req, res) => {
    const { marketplace, accountId } = accountParams(req);
    await deps.seats.release(marketplace, accountId, String(req.params.userId));
    res.status(204).end();
  });

  router.get("/v1/subscriptions", read, async (req, res) => {
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

  router.post("/v1/customers", admin, async (req, res) => {
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

  router.get("/v1/customers/:customerId", read, async (req, res) => {
    const customer = await deps.customers.get(String(req.params.customerId));
    if (!customer) {
      sendProblem(res, customerNotFound(String(req.params.customerId)));
      return;
    }
    res.json(toCustomerBody(customer));
  });

  router.post("/v1/customers/:customerId/links", admin, async (req, res) => {
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
    await deps.customers.unlink(id, accountParams(req));
    res.status(204).end();
  });

  router.get("/v1/customers/:customerId/entitlement", read, async (req, res) => {
    const customer = await deps.customers.get(String(req.params.customerId));
    if (!customer) {
      sendProblem(res, customerNotFound(String(req.params.customerId)));
      return;
    }
    res.json(toCustomerEntitlementBody(await deps.entitlements.forCustomer(customer)));
  });

  router.get("/v1/plans", read, async (req, res) => {
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

  router.post("/v1/onboarding/github/exchange", admin, async (req, res) => {
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
  });

  registerOperatorRoutes(router, admin, deps);

  router.use(problemErrorHandler);
  return router;
}

function accountParams(req: Request): { marketplace: Marketplace; accountId: string } {
  return {
    marketplace: String(req.params.marketplace) as Marketplace,
    accountId: String(req.params.accountId),
  };
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
