import type { Entitlements } from "@marketplace-billing/contracts";
import type { RequestHandler, Router } from "express";
import type { CustomerStore } from "../../domain/entitlements/customers.js";
import type { Marketplace } from "../../domain/events/inbound-event.js";
import type { GrantSubject, GrantTerms } from "../../domain/grants/grant.js";
import type { GrantService } from "../../domain/grants/grant-service.js";
import type { Clock } from "../../domain/time/clock.js";
import { problem, sendProblem } from "../problem.js";
import { toGrantBody } from "./entitlement-mapping.js";

/** `GrantRequest` (its `anyOf` of required fields makes the generated type `unknown`). */
interface GrantRequest {
  features?: string[];
  seats?: number;
  trialExtensionDays?: number;
  expiresAt?: string;
  note?: string;
}

/**
 * `…/grants` for marketplace accounts and customers: reads need `read`, granting and revoking `admin`. The
 * request body was validated against the spec before it gets here.
 */
export function registerGrantRoutes(
  router: Router,
  deps: { grants: GrantService; customers: CustomerStore; clock: Clock },
  scopes: {
    read: RequestHandler;
    admin: RequestHandler;
    /** A customer spans marketplaces: keys restricted to one marketplace are refused. */
    readCustomer: RequestHandler;
    adminCustomer: RequestHandler;
  },
): void {
  const account = (params: Record<string, unknown>): GrantSubject => ({
    marketplace: String(params.marketplace) as Marketplace,
    accountId: String(params.accountId),
  });
  /** The customer, or a 404 already sent. */
  const customer = async (params: Record<string, unknown>, res: Parameters<RequestHandler>[1]) => {
    const id = String(params.customerId);
    if (await deps.customers.get(id)) {
      return { customerId: id };
    }
    sendProblem(res, problem(404, "customer-not-found", "Not Found", `No customer ${id}.`));
    return null;
  };

  const list: (subject: GrantSubject) => Promise<Entitlements.components["schemas"]["GrantList"]> = async (
    subject,
  ) => {
    const now = deps.clock.now();
    return { grants: (await deps.grants.list(subject)).map((grant) => toGrantBody(grant, now)) };
  };
  const grant = async (subject: GrantSubject, body: GrantRequest) => {
    const created = await deps.grants.grant(subject, termsOf(body));
    return toGrantBody(created, deps.clock.now());
  };
  const grantNotFound = (id: string) => problem(404, "grant-not-found", "Not Found", `No grant ${id} here.`);

  router.get("/v1/entitlements/:marketplace/:accountId/grants", scopes.read, async (req, res) => {
    res.json(await list(account(req.params)));
  });
  router.post("/v1/entitlements/:marketplace/:accountId/grants", scopes.admin, async (req, res) => {
    res.status(201).json(await grant(account(req.params), req.body as GrantRequest));
  });
  router.delete(
    "/v1/entitlements/:marketplace/:accountId/grants/:grantId",
    scopes.admin,
    async (req, res) => {
      const id = String(req.params.grantId);
      if (!(await deps.grants.revoke(account(req.params), id))) {
        sendProblem(res, grantNotFound(id));
        return;
      }
      res.status(204).end();
    },
  );

  router.get("/v1/customers/:customerId/grants", scopes.readCustomer, async (req, res) => {
    const subject = await customer(req.params, res);
    if (subject) {
      res.json(await list(subject));
    }
  });
  router.post("/v1/customers/:customerId/grants", scopes.adminCustomer, async (req, res) => {
    const subject = await customer(req.params, res);
    if (subject) {
      res.status(201).json(await grant(subject, req.body as GrantRequest));
    }
  });
  router.delete("/v1/customers/:customerId/grants/:grantId", scopes.adminCustomer, async (req, res) => {
    const subject = await customer(req.params, res);
    if (!subject) {
      return;
    }
    const id = String(req.params.grantId);
    if (!(await deps.grants.revoke(subject, id))) {
      sendProblem(res, grantNotFound(id));
      return;
    }
    res.status(204).end();
  });
}

function termsOf(body: GrantRequest): GrantTerms {
  return {
    features: body.features ?? [],
    seats: body.seats ?? null,
    trialExtensionDays: body.trialExtensionDays ?? null,
    expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
    note: body.note ?? null,
  };
}
