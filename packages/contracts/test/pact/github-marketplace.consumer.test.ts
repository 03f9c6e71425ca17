import { createHmac } from "node:crypto";
import { HTTPResponseStatusClass, MatchersV3, PactV4 } from "@pact-foundation/pact";
import { describe, expect, it } from "vitest";
import { PACT_DIR, PROVIDER } from "./pact-files.js";

const { like, regex, integer, uuid, matchStatus, reify } = MatchersV3;

/**
 * github-marketplace → billing-api: the webhook deliveries GitHub Marketplace sends to the listing's Payload
 * URL, and the answer GitHub needs (any 2xx, or it shows the delivery as failed). GitHub is external, so the
 * deliveries are written here from its documentation: raw JSON body, `X-Hub-Signature-256` (HMAC-SHA256 of the
 * body with the listing's secret), `X-GitHub-Event`, `X-GitHub-Delivery`. The signature is pinned as a shape;
 * the provider's request filter re-signs each body with its own secret, except the forged one below.
 */
const pact = new PactV4({
  consumer: "github-marketplace",
  provider: PROVIDER,
  dir: PACT_DIR,
  logLevel: "warn",
});

/** The listing's secret on this side of the contract (the provider signs with its own). */
const PACT_SECRET = "github-marketplace-pact-secret";
/** A signature no secret produces for these bodies: the provider leaves exactly this value as it is. */
const FORGED_SIGNATURE = `sha256=${"0".repeat(64)}`;

const sign = (body: string) => `sha256=${createHmac("sha256", PACT_SECRET).update(body).digest("hex")}`;

interface PurchaseExtra {
  unitCount?: number;
  onFreeTrial?: boolean;
}

/** A `marketplace_purchase` payload on GitHub's shape; `action` and the account id are what billing acts on. */
function purchase(action: string, effectiveDate: string, extra: PurchaseExtra = {}) {
  return {
    action,
    effective_date: like(effectiveDate),
    sender: like({ login: "octocat", id: 1, type: "User" }),
    marketplace_purchase: {
      account: {
        type: like("Organization"),
        id: integer(18404719),
        node_id: like("MDEyOk9yZ2FuaXphdGlvbjE="),
        login: like("octo-org"),
        organization_billing_email: like("billing@octo.example"),
      },
      billing_cycle: like("monthly"),
      unit_count: integer(extra.unitCount ?? 5),
      on_free_trial: like(extra.onFreeTrial ?? false),
      free_trial_ends_on: null,
      next_billing_date: like("2026-04-01T00:00:00+00:00"),
      plan: {
        id: integer(435),
        name: like("Team"),
        description: like("A plan"),
        monthly_price_in_cents: integer(1000),
        yearly_price_in_cents: integer(10000),
        price_model: like("PER_UNIT"),
        has_free_trial: like(true),
        unit_name: like("seat"),
        bullets: like(["Fast", "Friendly"]),
      },
    },
  };
}

const ping = {
  zen: like("Design for failure."),
  hook_id: integer(30),
  hook: like({ type: "Marketplace::Listing", id: 30, active: true, events: ["marketplace_purchase"] }),
};

/** What GitHub sends: the signed JSON delivery. */
async function githubDelivers(
  baseUrl: string,
  event: string,
  deliveryId: string,
  payload: unknown,
  signature?: string,
) {
  const body = JSON.stringify(payload);
  const response = await fetch(`${baseUrl}/webhooks/github`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "User-Agent": "GitHub-Hookshot/044aadd",
      "X-GitHub-Event": event,
      "X-GitHub-Delivery": deliveryId,
      "X-Hub-Signature-256": signature ?? sign(body),
    },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

function deliveryHeaders(event: string, deliveryId: string, signature?: string) {
  return {
    "Content-Type": "application/json",
    "User-Agent": regex(/GitHub-Hookshot\/\S+/, "GitHub-Hookshot/044aadd"),
    "X-GitHub-Event": event,
    "X-GitHub-Delivery": uuid(deliveryId),
    "X-Hub-Signature-256": signature ?? regex(/sha256=[0-9a-f]{64}/, sign("example")),
  };
}

const ACTIONS: Array<[string, string, string | undefined, PurchaseExtra]> = [
  ["purchased", "2026-03-01T00:00:00+00:00", undefined, {}],
  ["purchased", "2026-03-01T00:00:00+00:00", undefined, { onFreeTrial: true }],
  [
    "changed",
    "2026-03-02T00:00:00+00:00",
    "github account 18404719 bought plan 435 with 5 seats",
    { unitCount: 8 },
  ],
  [
    "pending_change",
    "2026-04-01T00:00:00+00:00",
    "github account 18404719 bought plan 435 with 5 seats",
    { unitCount: 2 },
  ],
  [
    "pending_change_cancelled",
    "2026-03-10T00:00:00+00:00",
    "github account 18404719 has a pending change to 2 seats",
    { unitCount: 5 },
  ],
  ["cancelled", "2026-04-01T00:00:00+00:00", "github account 18404719 bought plan 435 with 5 seats", {}],
];

describe("github-marketplace → billing-api (webhook deliveries)", () => {
  ACTIONS.forEach(([action, effectiveDate, state, extra], index) => {
    const label = `${action}${extra.onFreeTrial ? " (free trial)" : ""}`;
    it(`delivers a signed marketplace_purchase ${label} and gets a 2xx`, async () => {
      const deliveryId = `7f3c2a10-0000-4000-8000-00000000000${index}`;
      const payload = purchase(action, effectiveDate, extra);
      const interaction = pact.addInteraction();
      await (state ? interaction.given(state) : interaction)
        .uponReceiving(`a signed marketplace_purchase ${label} delivery`)
        .withRequest("POST", "/webhooks/github", (builder) =>
          builder.headers(deliveryHeaders("marketplace_purchase", deliveryId)).jsonBody(payload),
        )
        .willRespondWith(matchStatus(200, HTTPResponseStatusClass.Success))
        .executeTest(async (mock) => {
          const status = await githubDelivers(mock.url, "marketplace_purchase", deliveryId, reify(payload));
          expect(status).toBe(200);
        });
    });
  });

  it("delivers the listing's ping and gets a 2xx", async () => {
    const deliveryId = "7f3c2a10-0000-4000-8000-0000000000aa";
    await pact
      .addInteraction()
      .uponReceiving("a signed ping delivery")
      .withRequest("POST", "/webhooks/github", (builder) =>
        builder.headers(deliveryHeaders("ping", deliveryId)).jsonBody(ping),
      )
      .willRespondWith(matchStatus(200, HTTPResponseStatusClass.Success))
      .executeTest(async (mock) => {
        expect(await githubDelivers(mock.url, "ping", deliveryId, reify(ping))).toBe(200);
      });
  });

  it("is refused with 401 when the signature is forged", async () => {
    const deliveryId = "7f3c2a10-0000-4000-8000-0000000000ff";
    const payload = purchase("purchased", "2026-03-01T00:00:00+00:00");
    await pact
      .addInteraction()
      .uponReceiving("a marketplace_purchase delivery with a forged signature")
      .withRequest("POST", "/webhooks/github", (builder) =>
        builder
          .headers(deliveryHeaders("marketplace_purchase", deliveryId, FORGED_SIGNATURE))
          .jsonBody(payload),
      )
      .willRespondWith(401)
      .executeTest(async (mock) => {
        expect(
          await githubDelivers(
            mock.url,
            "marketplace_purchase",
            deliveryId,
            reify(payload),
            FORGED_SIGNATURE,
          ),
        ).toBe(401);
      });
  });
});
