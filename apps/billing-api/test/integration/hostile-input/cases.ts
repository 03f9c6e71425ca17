import { randomUUID } from "node:crypto";
import type { Express } from "express";
import request from "supertest";
import { PRODUCT_ID, subscriptionPayload, USER_ID } from "../../support/evotor-fixtures.js";
import { withField } from "../../support/fuzz.js";
import { deliver, purchasePayload } from "../../support/github-deliveries.js";
import { TEST_SECRETS } from "../../support/test-app.js";

/**
 * Hostile and poison inputs, one row each. To add one, add a row: which surface it hits, how to send it,
 * and what must come of it. The suite (hostile-input.test.ts) checks every row the same way: no 5xx, a refusal
 * in the surface's own error format, the service still answering, and nothing stored before it lost.
 *
 * - `refused`: a 4xx in the surface's format (problem details, or Evotor's `{"errors":[…]}`), nothing stored;
 * - `stored`: acknowledged (2xx) and kept in the event log; if it cannot be applied it is retried and then
 *   quarantined as `dead` (hostile-input.test.ts checks the account is not blocked by it).
 */
export interface HostileCase {
  surface: "github" | "evotor" | "v1";
  name: string;
  outcome: "refused" | "stored";
  send(app: Express, keys: { read: string }): request.Test;
}

/** The GitHub account the suite's baseline purchase is for; hostile GitHub cases use another one. */
export const BASELINE_ORG = 18404719;
const HOSTILE_ORG = 777;

const NUL = "ab\u0000cd";
const LONE_HIGH = "ab\ud800cd";
const LONE_LOW = "ab\udc00cd";

/** `{"a":{"a":…}}` `levels` deep, built as text (a value that deep would overflow JSON.stringify). */
export function nestedJson(levels: number): string {
  return `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;
}

/** A valid payload with one extra field nested `levels` deep, as raw JSON text. */
function withDeepField(payload: unknown, levels: number): string {
  const json = JSON.stringify(payload);
  return `${json.slice(0, -1)},"extra":${nestedJson(levels)}}`;
}

/** A valid purchase for the hostile account, with the field at `path` (dotted) set to `value`. */
function purchase(path?: string, value?: unknown): unknown {
  const payload = purchasePayload("purchased", "2026-03-01T00:00:00+00:00", { accountId: HOSTILE_ORG });
  return path === undefined ? payload : withField(payload, path, value);
}

const EVOTOR_EVENT = "/evotor/api/v1/subscription/event";
const HOSTILE_SUBSCRIPTION = "b0000000-0000-4000-8000-000000000001";

function evotor(app: Express, body: unknown, path = EVOTOR_EVENT) {
  return request(app)
    .post(path)
    .set("Authorization", `Bearer ${TEST_SECRETS.evotorWebhookToken}`)
    .set("Content-Type", "application/json")
    .send(typeof body === "string" ? body : JSON.stringify(body));
}

function evotorCreated(extra: Record<string, unknown>) {
  return subscriptionPayload(
    "SubscriptionCreated",
    1,
    "2026-03-01T10:00:00.000Z",
    { planId: "basic", deviceNumber: 2, ...extra },
    HOSTILE_SUBSCRIPTION,
  );
}

function v1(app: Express, key: string, method: "get" | "post", path: string, body?: unknown) {
  const call = request(app)[method](path).set("Authorization", `Bearer ${key}`);
  return body === undefined
    ? call
    : call
        .set("Content-Type", "application/json")
        .send(typeof body === "string" ? body : JSON.stringify(body));
}

const seats = `/v1/entitlements/github/${BASELINE_ORG}/seats`;

export const HOSTILE_CASES: HostileCase[] = [
  // GitHub Marketplace webhook
  {
    surface: "github",
    name: "NUL in account.login",
    outcome: "refused",
    send: (app) => deliver(app, purchase("marketplace_purchase.account.login", NUL)),
  },
  {
    surface: "github",
    name: "lone high surrogate in account.login",
    outcome: "refused",
    send: (app) => deliver(app, purchase("marketplace_purchase.account.login", LONE_HIGH)),
  },
  {
    surface: "github",
    name: "lone low surrogate in a key",
    outcome: "refused",
    send: (app) => deliver(app, { ...(purchase() as object), [LONE_LOW]: 1 }),
  },
  {
    surface: "github",
    name: "valid payload with an extra field nested 10k deep",
    outcome: "refused",
    send: (app) => deliver(app, withDeepField(purchase(), 10_000)),
  },
  {
    surface: "github",
    name: "form-encoded payload nested 10k deep",
    outcome: "refused",
    send: (app) => deliver(app, withDeepField(purchase(), 10_000), { form: true }),
  },
  {
    surface: "github",
    name: "account.id 9007199254740993 (past 2^53)",
    outcome: "refused",
    send: (app) =>
      deliver(app, JSON.stringify(purchase()).replace(`"id":${HOSTILE_ORG}`, '"id":9007199254740993')),
  },
  {
    surface: "github",
    name: "delivery id of 6000 random characters",
    outcome: "refused",
    send: (app) =>
      deliver(app, purchase(), {
        deliveryId: Array.from({ length: 190 }, () => randomUUID()).join(""),
      }),
  },
  {
    surface: "github",
    name: "unit_count 3e9 (past int4)",
    outcome: "stored",
    send: (app) => deliver(app, purchase("marketplace_purchase.unit_count", 3e9)),
  },
  {
    surface: "github",
    name: "unit_count 2^53+1",
    outcome: "stored",
    send: (app) =>
      deliver(app, JSON.stringify(purchase()).replace('"unit_count":5', '"unit_count":9007199254740993')),
  },
  {
    surface: "github",
    name: "monthly_price_in_cents 1e12",
    outcome: "stored",
    send: (app) => deliver(app, purchase("marketplace_purchase.plan.monthly_price_in_cents", 1e12)),
  },
  {
    surface: "github",
    name: "effective_date -271821-04-20T00:00:00.000Z",
    outcome: "stored",
    send: (app) => deliver(app, purchase("effective_date", "-271821-04-20T00:00:00.000Z")),
  },
  {
    surface: "github",
    name: "100k-character plan name",
    outcome: "stored",
    send: (app) => deliver(app, purchase("marketplace_purchase.plan.name", "n".repeat(100_000))),
  },
  // Evotor partner webhooks
  {
    surface: "evotor",
    name: "NUL in productId",
    outcome: "refused",
    send: (app) => evotor(app, evotorCreated({ productId: NUL })),
  },
  {
    surface: "evotor",
    name: "lone surrogate in productId",
    outcome: "refused",
    send: (app) => evotor(app, evotorCreated({ productId: LONE_HIGH })),
  },
  {
    surface: "evotor",
    name: "NUL in an unknown field",
    outcome: "refused",
    send: (app) => evotor(app, evotorCreated({ note: NUL })),
  },
  {
    surface: "evotor",
    name: "valid event with an extra field nested 10k deep",
    outcome: "refused",
    send: (app) => evotor(app, withDeepField(evotorCreated({}), 10_000)),
  },
  {
    surface: "evotor",
    name: "deviceNumber 3e9 (past int4)",
    outcome: "refused",
    send: (app) => evotor(app, evotorCreated({ deviceNumber: 3e9 })),
  },
  {
    surface: "evotor",
    name: "deviceNumber 2^53+1",
    outcome: "refused",
    send: (app) =>
      evotor(
        app,
        JSON.stringify(evotorCreated({})).replace('"deviceNumber":2', '"deviceNumber":9007199254740993'),
      ),
  },
  {
    surface: "evotor",
    name: "100k-character planId",
    outcome: "refused",
    send: (app) => evotor(app, evotorCreated({ planId: "p".repeat(100_000) })),
  },
  {
    surface: "evotor",
    name: "100k-character subscriptionId",
    outcome: "refused",
    send: (app) => evotor(app, { ...evotorCreated({}), subscriptionId: "s".repeat(100_000) }),
  },
  {
    surface: "evotor",
    name: "timestamp in year 0000",
    outcome: "refused",
    send: (app) => evotor(app, { ...evotorCreated({}), timestamp: "0000-01-01T00:00:00.000Z" }),
  },
  {
    surface: "evotor",
    name: "installation timestamp 2^53-1 ms (year 287396)",
    outcome: "refused",
    send: (app) =>
      evotor(
        app,
        {
          id: randomUUID(),
          timestamp: Number.MAX_SAFE_INTEGER,
          type: "ApplicationInstalled",
          data: { productId: PRODUCT_ID, userId: USER_ID },
        },
        "/evotor/api/v2/installation/event",
      ),
  },
  {
    surface: "evotor",
    name: "NUL in userId on user/create",
    outcome: "refused",
    send: (app) => evotor(app, { userId: `01-00000000000000\u0000` }, "/evotor/api/v1/user/create"),
  },
  {
    surface: "evotor",
    name: "sequenceNumber 1099511627776",
    outcome: "stored",
    send: (app) => evotor(app, { ...evotorCreated({}), sequenceNumber: 1099511627776 }),
  },
  // Entitlements API
  {
    surface: "v1",
    name: "NUL in a path parameter (ab%00cd)",
    outcome: "refused",
    send: (app, keys) => v1(app, keys.read, "get", "/v1/entitlements/github/ab%00cd"),
  },
  {
    surface: "v1",
    name: "lone surrogate in a path parameter (%ED%A0%80)",
    outcome: "refused",
    send: (app, keys) => v1(app, keys.read, "get", "/v1/entitlements/github/ab%ED%A0%80cd/seats"),
  },
  {
    surface: "v1",
    name: "NUL in a seat userId",
    outcome: "refused",
    send: (app, keys) => v1(app, keys.read, "post", seats, { userId: NUL }),
  },
  {
    surface: "v1",
    name: "lone surrogate in a seat userId",
    outcome: "refused",
    send: (app, keys) => v1(app, keys.read, "post", seats, { userId: LONE_LOW }),
  },
  {
    surface: "v1",
    name: "NUL in a query value",
    outcome: "refused",
    send: (app, keys) => v1(app, keys.read, "get", "/v1/subscriptions?marketplace=github&cursor=a%00b"),
  },
  {
    surface: "v1",
    name: "seat claim nested 10k deep",
    outcome: "refused",
    send: (app, keys) => v1(app, keys.read, "post", seats, withDeepField({ userId: "u1" }, 10_000)),
  },
  {
    surface: "v1",
    name: "page size past 2^53",
    outcome: "refused",
    send: (app, keys) => v1(app, keys.read, "get", "/v1/subscriptions?limit=9007199254740993"),
  },
  {
    surface: "v1",
    name: "customer externalId of NUL characters",
    outcome: "refused",
    send: (app) => v1(app, TEST_SECRETS.adminApiKey, "post", "/v1/customers", { externalId: "\u0000\u0000" }),
  },
];
