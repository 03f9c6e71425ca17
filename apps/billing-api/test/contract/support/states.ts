import { randomUUID } from "node:crypto";
import { type ApiKeyScope, hashApiKey } from "../../../src/domain/entitlements/api-keys.js";
import { deliver, purchasePayload } from "../../support/github-deliveries.js";
import type { TestContext } from "../../support/test-app.js";

/**
 * Provider states seeded the way production gets them: keys through the API key store, subscriptions by
 * signed webhooks delivered through the app, plan mappings and seats through their stores. No SQL.
 */
export function apiKeyState(context: TestContext) {
  return async (params?: unknown) => {
    const { key, scope } = params as { key: string; scope: ApiKeyScope };
    await context.deps.apiKeys.create({
      id: randomUUID(),
      name: "product (contract)",
      scopes: [scope],
      hash: hashApiKey(key),
      createdAt: context.clock.now(),
      revokedAt: null,
    });
  };
}

/** A GitHub webhook delivered (signed) through the app; fails the state when it is not stored and applied. */
export async function githubWebhook(
  context: TestContext,
  action: string,
  effectiveDate: string,
  purchase: Parameters<typeof purchasePayload>[2] = {},
): Promise<void> {
  const response = await deliver(context.app, purchasePayload(action, effectiveDate, purchase));
  if (response.status !== 202) {
    throw new Error(`state: ${action} answered ${response.status} ${JSON.stringify(response.body)}`);
  }
}
