import type { VendorAccounts } from "@marketplace-billing/contracts";
import { Router } from "express";
import type { ApiKeyStore } from "../../domain/entitlements/api-keys.js";
import {
  UsernameTakenError,
  type VendorAccount,
  type VendorAccountDirectory,
} from "../../domain/vendor-accounts/vendor-account-directory.js";
import { bodyParsers } from "../body-parsers.js";
import { apiKeyAuthentication, requireKey } from "../entitlements/api-key-auth.js";
import { noStore } from "../no-store.js";
import { openApiValidator } from "../openapi-validation.js";
import { problem, sendProblem } from "../problem.js";
import { problemErrorHandler } from "../problem-error-handler.js";

type Schemas = VendorAccounts.components["schemas"];

export const VENDOR_ACCOUNTS_PATHS = ["/admin/accounts"] as const;

function present(account: VendorAccount): Schemas["VendorAccount"] {
  return {
    id: account.id,
    username: account.username,
    hasBilling: account.hasBilling,
    fields: account.fields,
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
  };
}

/** The built-in vendor account directory (`specs/vendor-accounts.yaml`); passwords never leave as anything but a hash. */
export function vendorAccountsRouter(deps: {
  directory: VendorAccountDirectory;
  adminApiKey: string;
  apiKeys: ApiKeyStore;
  validateResponses: boolean;
}): Router {
  const router = Router();
  router.use(noStore);
  router.use(bodyParsers());
  // The same keys as the entitlements API: ADMIN_API_KEY or any key with the admin scope.
  router.use(
    apiKeyAuthentication({ adminApiKey: deps.adminApiKey, store: deps.apiKeys, now: () => Date.now() }),
  );
  // The directory serves Evotor's /user/verify: a key restricted to another marketplace has no business here.
  router.use(requireKey("admin", () => "evotor"));
  router.use(openApiValidator("vendor-accounts", { validateResponses: deps.validateResponses }));

  router.get("/admin/accounts", async (_req, res) => {
    const body: Schemas["VendorAccountList"] = { items: (await deps.directory.list()).map(present) };
    res.json(body);
  });

  router.post("/admin/accounts", async (req, res) => {
    const input = req.body as Schemas["NewVendorAccount"];
    try {
      const account = await deps.directory.create(input);
      req.log.info({ accountId: account.id }, "vendor account created");
      res.status(201).json(present(account));
    } catch (error) {
      if (error instanceof UsernameTakenError) {
        sendProblem(res, problem(409, "username-taken", "Conflict", "An account with this username exists."));
        return;
      }
      throw error;
    }
  });

  router.get("/admin/accounts/:accountId", async (req, res) => {
    const account = await deps.directory.get(String(req.params.accountId));
    if (!account) {
      sendProblem(res, problem(404, "not-found", "Not Found", "No such account."));
      return;
    }
    res.json(present(account));
  });

  router.patch("/admin/accounts/:accountId", async (req, res) => {
    const account = await deps.directory.change(
      String(req.params.accountId),
      req.body as Schemas["VendorAccountChange"],
    );
    if (!account) {
      sendProblem(res, problem(404, "not-found", "Not Found", "No such account."));
      return;
    }
    req.log.info({ accountId: account.id }, "vendor account changed");
    res.json(present(account));
  });

  router.use(problemErrorHandler);
  return router;
}
