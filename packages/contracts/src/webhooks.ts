import type { components, webhooks } from "./generated/github-marketplace.js";

/** The name of a GitHub webhook described in specs/github-marketplace.yaml (`marketplace-purchase-purchased` …). */
export type GithubWebhookName = keyof webhooks;

/** The JSON payload GitHub sends for a webhook, e.g. `GithubWebhookPayload<"marketplace-purchase-changed">`. */
export type GithubWebhookPayload<Name extends GithubWebhookName> = NonNullable<
  webhooks[Name]["post"]["requestBody"]
>["content"]["application/json"];

/** Every `marketplace_purchase` action, one payload shape. */
export type MarketplacePurchaseEvent = components["schemas"]["MarketplacePurchaseEvent"];
export type MarketplacePurchaseAction = MarketplacePurchaseEvent["action"];
export type MarketplacePurchase = components["schemas"]["MarketplacePurchase"];
export type MarketplacePlan = components["schemas"]["MarketplacePlan"];
