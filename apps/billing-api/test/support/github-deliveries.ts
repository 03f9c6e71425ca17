import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import type { Express } from "express";
import request from "supertest";
import { signBody } from "../../src/http/github/webhook-signature.js";
import { TEST_SECRETS } from "./test-app.js";

const require = createRequire(import.meta.url);

interface ExampleEntry {
  name: string;
  examples: Array<Record<string, unknown>>;
}

/** GitHub's public example payloads (`@octokit/webhooks-examples`) for one event name. */
export function githubExamples(name: "marketplace_purchase" | "ping"): Array<Record<string, unknown>> {
  const index = require("@octokit/webhooks-examples/api.github.com/index.json") as ExampleEntry[];
  const entry = index.find((candidate) => candidate.name === name);
  if (!entry) {
    throw new Error(`no ${name} examples`);
  }
  return entry.examples.map((example) => structuredClone(example));
}

export interface DeliveryOptions {
  event?: string;
  deliveryId?: string;
  secret?: string | null;
  /** Sign these bytes instead of the body (a forged signature). */
  signatureOf?: string;
  form?: boolean;
}

/** POSTs a delivery the way GitHub does: raw body, HMAC signature, event and delivery headers. */
export function deliver(app: Express, payload: unknown, options: DeliveryOptions = {}) {
  const json = typeof payload === "string" ? payload : JSON.stringify(payload);
  const body = options.form ? `payload=${encodeURIComponent(json)}` : json;
  const secret = options.secret === undefined ? TEST_SECRETS.githubWebhookSecrets[0] : options.secret;
  let call = request(app)
    .post("/webhooks/github")
    .set("Content-Type", options.form ? "application/x-www-form-urlencoded" : "application/json")
    .set("X-GitHub-Event", options.event ?? "marketplace_purchase")
    .set("X-GitHub-Delivery", options.deliveryId ?? randomUUID())
    .set("User-Agent", "GitHub-Hookshot/test");
  if (secret !== null && secret !== undefined) {
    call = call.set("X-Hub-Signature-256", signBody(secret, options.signatureOf ?? body));
  }
  return call.send(body);
}

/** A `marketplace_purchase` payload for tests, built on GitHub's shape. */
export function purchasePayload(
  action: string,
  effectiveDate: string,
  purchase: {
    accountId?: number;
    planId?: number;
    planName?: string;
    priceModel?: string;
    unitCount?: number | null;
    onFreeTrial?: boolean;
    freeTrialEndsOn?: string | null;
    nextBillingDate?: string | null;
  } = {},
) {
  const planId = purchase.planId ?? 435;
  return {
    action,
    effective_date: effectiveDate,
    sender: { login: "octocat", id: 1, type: "User" },
    marketplace_purchase: {
      account: {
        type: "Organization",
        id: purchase.accountId ?? 18404719,
        node_id: "MDEyOk9yZ2FuaXphdGlvbjE=",
        login: "octo-org",
        organization_billing_email: "billing@octo.example",
      },
      billing_cycle: "monthly",
      unit_count: purchase.unitCount === undefined ? 5 : purchase.unitCount,
      on_free_trial: purchase.onFreeTrial ?? false,
      free_trial_ends_on: purchase.freeTrialEndsOn ?? null,
      next_billing_date:
        purchase.nextBillingDate === undefined ? "2026-04-01T00:00:00+00:00" : purchase.nextBillingDate,
      plan: {
        id: planId,
        name: purchase.planName ?? `Plan ${planId}`,
        description: "A plan",
        monthly_price_in_cents: 1000,
        yearly_price_in_cents: 10000,
        price_model: purchase.priceModel ?? "PER_UNIT",
        has_free_trial: true,
        unit_name: "seat",
        bullets: ["Fast", "Friendly"],
      },
    },
  };
}
