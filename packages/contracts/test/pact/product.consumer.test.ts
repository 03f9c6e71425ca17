import { MatchersV3, PactV4 } from "@pact-foundation/pact";
import { describe, expect, it } from "vitest";
import { createEntitlementsClient, EntitlementsApiError } from "../../src/index.js";
import { PACT_DIR, PROVIDER } from "./pact-files.js";

const { like, eachLike, integer, string, regex, datetime, nullValue, boolean } = MatchersV3;

/**
 * product → billing-api: what a product backend asks through the generated entitlements client, and the
 * answers it relies on. The client is driven against Pact's mock server; exact values only where the
 * product branches on them (entitled, status, granted, the 409 and 401 statuses), shapes everywhere else.
 */
const pact = new PactV4({ consumer: "product", provider: PROVIDER, dir: PACT_DIR, logLevel: "warn" });

/**
 * The product's key: `seats` scope, since it claims and releases seats as well as reading. The provider state
 * creates a key with exactly this secret and scope.
 */
const API_KEY = "mbk_product-seats-key-for-the-contract-0123456789";
const KEY_STATE = [
  "the product has an API key with the seats scope",
  { key: API_KEY, scope: "seats" },
] as const;
const ORG = "18404719";

const authorized = { Authorization: regex(/Bearer mbk_\S+/, `Bearer ${API_KEY}`) };
const json = { "Content-Type": regex(/application\/json(;.*)?/, "application/json; charset=utf-8") };
const problemJson = {
  "Content-Type": regex(/application\/problem\+json(;.*)?/, "application/problem+json; charset=utf-8"),
};
const ISO = "yyyy-MM-dd'T'HH:mm:ss.SSSX";
const instant = (example: string) => datetime(ISO, example);

const client = (baseUrl: string, apiKey = API_KEY) =>
  createEntitlementsClient({ baseUrl, apiKey, retries: 0 });

/** The entitlement's shape; each interaction overrides the fields the product depends on. */
function entitlementBody(overrides: Record<string, unknown>) {
  return {
    entitled: boolean(true),
    status: "active",
    plan: like({ planId: "435", name: "Team" }),
    features: eachLike("export"),
    seats: like({ limit: 5, used: 0 }),
    trial: nullValue(),
    currentPeriodEnd: instant("2026-04-01T00:00:00.000Z"),
    accessEndsAt: nullValue(),
    grants: [],
    pendingChange: nullValue(),
    billedBy: "marketplace",
    doublePurchase: boolean(false),
    updatedAt: instant("2026-03-01T12:00:00.000Z"),
    source: { marketplace: "github", accountId: ORG, subscriptionIds: eachLike(ORG) },
    ...overrides,
  };
}

describe("product → billing-api (entitlements API)", () => {
  it("reads the entitlement of a paying account, with its features and seats", async () => {
    await pact
      .addInteraction()
      .given(...KEY_STATE)
      .given("github account 18404719 has an active Team plan of 5 seats with features export and sso")
      .uponReceiving("a request for the entitlement of an active account")
      .withRequest("GET", `/v1/entitlements/github/${ORG}`, (builder) => builder.headers(authorized))
      .willRespondWith(200, (builder) =>
        builder.headers(json).jsonBody(
          entitlementBody({
            entitled: true,
            status: "active",
            features: eachLike("export"),
            seats: { limit: integer(5), used: integer(0) },
          }),
        ),
      )
      .executeTest(async (mock) => {
        const entitlement = await client(mock.url).getEntitlement("github", ORG);
        expect(entitlement).toMatchObject({ entitled: true, status: "active", seats: { limit: 5 } });
        expect(entitlement.features).toContain("export");
      });
  });

  it("reads a trial with its end and the days left", async () => {
    await pact
      .addInteraction()
      .given(...KEY_STATE)
      .given("github account 18404719 is on a free trial ending 2026-03-05")
      .uponReceiving("a request for the entitlement of a trialing account")
      .withRequest("GET", `/v1/entitlements/github/${ORG}`, (builder) => builder.headers(authorized))
      .willRespondWith(200, (builder) =>
        builder.headers(json).jsonBody(
          entitlementBody({
            entitled: true,
            status: "trialing",
            features: like([]),
            trial: { endsAt: instant("2026-03-05T00:00:00.000Z"), daysLeft: integer(4) },
            currentPeriodEnd: like(null),
          }),
        ),
      )
      .executeTest(async (mock) => {
        const entitlement = await client(mock.url).getEntitlement("github", ORG);
        expect(entitlement.status).toBe("trialing");
        expect(entitlement.trial?.daysLeft).toBe(4);
      });
  });

  it("reads a pending change (a downgrade at the end of the cycle)", async () => {
    await pact
      .addInteraction()
      .given(...KEY_STATE)
      .given("github account 18404719 has a pending downgrade to 2 seats on 2026-04-01")
      .uponReceiving("a request for the entitlement of an account with a pending change")
      .withRequest("GET", `/v1/entitlements/github/${ORG}`, (builder) => builder.headers(authorized))
      .willRespondWith(200, (builder) =>
        builder.headers(json).jsonBody(
          entitlementBody({
            features: like([]),
            pendingChange: {
              plan: like({ planId: "435", name: "Team" }),
              seats: integer(2),
              effectiveAt: instant("2026-04-01T00:00:00.000Z"),
            },
          }),
        ),
      )
      .executeTest(async (mock) => {
        const entitlement = await client(mock.url).getEntitlement("github", ORG);
        expect(entitlement.pendingChange).toMatchObject({
          seats: 2,
          effectiveAt: "2026-04-01T00:00:00.000Z",
        });
      });
  });

  it("reads an account it has never seen as status none, not a 404", async () => {
    await pact
      .addInteraction()
      .given(...KEY_STATE)
      .uponReceiving("a request for the entitlement of an unknown account")
      .withRequest("GET", "/v1/entitlements/github/999", (builder) => builder.headers(authorized))
      .willRespondWith(200, (builder) =>
        builder.headers(json).jsonBody({
          entitled: false,
          status: "none",
          plan: null,
          features: [],
          seats: { limit: nullValue(), used: 0 },
          trial: null,
          currentPeriodEnd: null,
          accessEndsAt: null,
          pendingChange: null,
          billedBy: nullValue(),
          doublePurchase: false,
          updatedAt: nullValue(),
          source: { marketplace: "github", accountId: "999", subscriptionIds: [] },
        }),
      )
      .executeTest(async (mock) => {
        const billing = client(mock.url);
        expect(await billing.isEntitled("github", "999")).toBe(false);
      });
  });

  it("reads the history that explains an entitlement", async () => {
    await pact
      .addInteraction()
      .given(...KEY_STATE)
      .given("github account 18404719 has an active Team plan of 5 seats with features export and sso")
      .uponReceiving("a request for the history of an account")
      .withRequest("GET", `/v1/entitlements/github/${ORG}/history`, (builder) => builder.headers(authorized))
      .willRespondWith(200, (builder) =>
        builder.headers(json).jsonBody({
          marketplace: "github",
          accountId: ORG,
          events: eachLike({
            eventId: string("1"),
            type: string("marketplace_purchase.purchased"),
            source: regex(/webhook|reconciliation|onboarding/, "webhook"),
            receivedAt: instant("2026-03-01T12:00:00.000Z"),
            applyStatus: regex(/received|applied|failed|ignored/, "applied"),
            // What changed, field by field (from/to are any JSON value).
            changes: eachLike({ field: string("planId") }),
          }),
        }),
      )
      .executeTest(async (mock) => {
        const history = await client(mock.url).api.GET("/v1/entitlements/{marketplace}/{accountId}/history", {
          params: { path: { marketplace: "github", accountId: ORG } },
        });
        expect(history.data?.events[0]?.type).toBe("marketplace_purchase.purchased");
      });
  });

  it("lists subscriptions by status (trials to follow up)", async () => {
    await pact
      .addInteraction()
      .given(...KEY_STATE)
      .given("github account 18404719 is on a free trial ending 2026-03-05")
      .uponReceiving("a request for the trialing subscriptions")
      .withRequest("GET", "/v1/subscriptions", (builder) =>
        builder.headers(authorized).query({ status: "trialing" }),
      )
      .willRespondWith(200, (builder) =>
        builder.headers(json).jsonBody({
          items: eachLike({
            marketplace: "github",
            accountId: string(ORG),
            subscriptionId: string(ORG),
            status: "trialing",
            entitled: true,
            plan: like({ planId: "435", name: "Team" }),
            seats: integer(3),
            trialEndsAt: instant("2026-03-05T00:00:00.000Z"),
            currentPeriodEnd: like(null),
            endsAt: like(null),
            updatedAt: instant("2026-03-01T12:00:00.000Z"),
          }),
          nextCursor: like(null),
        }),
      )
      .executeTest(async (mock) => {
        const page = await client(mock.url).api.GET("/v1/subscriptions", {
          params: { query: { status: "trialing" } },
        });
        expect(page.data?.items[0]).toMatchObject({ accountId: ORG, status: "trialing" });
      });
  });

  it("claims a seat for a product user", async () => {
    await pact
      .addInteraction()
      .given(...KEY_STATE)
      .given("github account 18404719 has an active Team plan of 5 seats with features export and sso")
      .uponReceiving("a seat claim within the limit")
      .withRequest("POST", `/v1/entitlements/github/${ORG}/seats`, (builder) =>
        builder.headers({ ...authorized, "Content-Type": "application/json" }).jsonBody({ userId: "alice" }),
      )
      .willRespondWith(MatchersV3.matchStatus(201, [200, 201]), (builder) =>
        builder.headers(json).jsonBody({ userId: "alice", claimedAt: instant("2026-03-01T12:00:00.000Z") }),
      )
      .executeTest(async (mock) => {
        expect(await client(mock.url).claimSeat("github", ORG, "alice")).toMatchObject({
          granted: true,
          seat: { userId: "alice" },
        });
      });
  });

  it("is refused a seat at the limit, with the limit and the seats in use", async () => {
    await pact
      .addInteraction()
      .given(...KEY_STATE)
      .given("github account 18404719 has 2 seats, both claimed")
      .uponReceiving("a seat claim past the limit")
      .withRequest("POST", `/v1/entitlements/github/${ORG}/seats`, (builder) =>
        builder.headers({ ...authorized, "Content-Type": "application/json" }).jsonBody({ userId: "carol" }),
      )
      .willRespondWith(409, (builder) =>
        builder.headers(problemJson).jsonBody({
          type: regex(
            /.*\/seat-limit-reached/,
            "https://marketplace-billing.dev/problems/seat-limit-reached",
          ),
          title: string("Seat limit reached"),
          status: 409,
          detail: string("All 2 seats are in use; the customer must upgrade to add users."),
          limit: integer(2),
          used: integer(2),
        }),
      )
      .executeTest(async (mock) => {
        expect(await client(mock.url).claimSeat("github", ORG, "carol")).toMatchObject({
          granted: false,
          reason: "seat-limit-reached",
          limit: 2,
          used: 2,
        });
      });
  });

  it("gets a 401 problem for a key billing-api does not know", async () => {
    await pact
      .addInteraction()
      .uponReceiving("a request with an unknown API key")
      .withRequest("GET", `/v1/entitlements/github/${ORG}`, (builder) =>
        builder.headers({ Authorization: "Bearer mbk_a-key-billing-api-never-issued" }),
      )
      .willRespondWith(401, (builder) =>
        builder.headers(problemJson).jsonBody({
          type: string("https://marketplace-billing.dev/problems/unauthorized"),
          title: string("Unauthorized"),
          status: 401,
        }),
      )
      .executeTest(async (mock) => {
        const error = await client(mock.url, "mbk_a-key-billing-api-never-issued")
          .getEntitlement("github", ORG)
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(EntitlementsApiError);
        expect((error as EntitlementsApiError).status).toBe(401);
      });
  });
});
