import { MatchersV3, PactV4 } from "@pact-foundation/pact";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { GithubRestApi } from "../../src/clients/github/github-rest-api.js";
import type { GithubConfig } from "../../src/config/config.js";
import { systemClock } from "../../src/domain/time/clock.js";
import { TypeOrmGithubUsers } from "../../src/persistence/repositories/typeorm-github-users.js";
import { decodeDataKey, SecretBox } from "../../src/security/secret-box.js";
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET } from "../support/fake-github.js";
import { callback, PRODUCT_URL, startFlow } from "../support/github-onboarding-flow.js";
import { TEST_SECRETS, useTestApp } from "../support/test-app.js";
import { appCalling } from "./support/compose.js";
import { BILLING_API, PACT_DIR } from "./support/pact-files.js";

const { like, eachLike, integer, regex, string } = MatchersV3;

/**
 * billing-api → github-api: the GitHub REST calls billing-api makes, with the real onboarding and
 * reconciliation code pointed at Pact's mock server (GITHUB_API_URL and GITHUB_WEB_URL). GitHub is external:
 * this pact is written for a broker (and as the record of what we rely on), not verified against GitHub here.
 * The answers' shapes follow GitHub's REST documentation; exact values only where billing-api acts on them.
 */
const pact = new PactV4({ consumer: BILLING_API, provider: "github-api", dir: PACT_DIR, logLevel: "warn" });
const context = useTestApp();

const config = (url: string): GithubConfig => ({
  clientId: FAKE_CLIENT_ID,
  clientSecret: FAKE_CLIENT_SECRET,
  appId: undefined,
  appPrivateKey: undefined,
  apiUrl: url,
  webUrl: url,
  productOnboardingUrl: PRODUCT_URL,
  stubbed: false,
  reconcileIntervalMs: 0,
});

const APP_BASIC = `Basic ${Buffer.from(`${FAKE_CLIENT_ID}:${FAKE_CLIENT_SECRET}`).toString("base64")}`;
const USER_TOKEN = "gho_16C7e42F292c6912E7710c838347Ae178B4a";
const json = { "Content-Type": regex(/application\/json(;.*)?/, "application/json; charset=utf-8") };
const githubHeaders = (accept: string, authorization: string | MatchersV3.Matcher<string>) => ({
  Accept: accept,
  "X-GitHub-Api-Version": "2022-11-28",
  "User-Agent": string("marketplace-billing"),
  Authorization: authorization,
});

const plan = {
  url: like("https://api.github.com/marketplace_listing/plans/435"),
  accounts_url: like("https://api.github.com/marketplace_listing/plans/435/accounts"),
  id: integer(435),
  number: integer(3),
  name: like("Team"),
  description: like("A professional-grade CI solution"),
  monthly_price_in_cents: integer(1099),
  yearly_price_in_cents: integer(11870),
  price_model: like("PER_UNIT"),
  has_free_trial: like(true),
  unit_name: like("seat"),
  state: like("published"),
  bullets: eachLike("Up to 25 private repositories"),
};

const purchase = {
  billing_cycle: like("monthly"),
  next_billing_date: like("2026-04-01T00:00:00Z"),
  unit_count: integer(10),
  on_free_trial: like(false),
  free_trial_ends_on: null,
  updated_at: like("2026-03-01T11:59:00Z"),
  plan,
};

describe("billing-api → github-api (onboarding)", () => {
  it("exchanges the OAuth code, reads the user and its purchases", async () => {
    pact
      .addInteraction()
      .uponReceiving("an OAuth code exchange")
      .withRequest("POST", "/login/oauth/access_token", (builder) =>
        builder
          .headers({
            Accept: "application/json",
            "Content-Type": regex(/application\/json.*/, "application/json"),
          })
          .jsonBody({
            client_id: FAKE_CLIENT_ID,
            client_secret: FAKE_CLIENT_SECRET,
            code: like("e72e16c7e42f292c6912"),
          }),
      )
      .willRespondWith(200, (builder) =>
        builder
          .headers(json)
          .jsonBody({ access_token: string(USER_TOKEN), token_type: "bearer", scope: like("") }),
      );
    pact
      .addInteraction()
      .given("the user octocat authorized the app")
      .uponReceiving("a request for the authenticated user")
      .withRequest("GET", "/user", (builder) =>
        builder.headers(
          githubHeaders("application/vnd.github+json", regex(/Bearer \S+/, `Bearer ${USER_TOKEN}`)),
        ),
      )
      .willRespondWith(200, (builder) =>
        builder.headers(json).jsonBody({ id: integer(583231), login: like("octocat"), type: like("User") }),
      );
    await pact
      .addInteraction()
      .given("the user octocat bought plan 435 for octo-org")
      .uponReceiving("a request for the user's Marketplace purchases")
      .withRequest("GET", "/user/marketplace_purchases", (builder) =>
        builder
          .headers(githubHeaders("application/vnd.github+json", regex(/Bearer \S+/, `Bearer ${USER_TOKEN}`)))
          .query({ per_page: "100", page: "1" }),
      )
      .willRespondWith(200, (builder) =>
        builder.headers(json).jsonBody(
          eachLike({
            ...purchase,
            account: {
              url: like("https://api.github.com/orgs/octo-org"),
              id: integer(18404719),
              type: like("Organization"),
              login: like("octo-org"),
              node_id: like("MDEyOk9yZ2FuaXphdGlvbjE="),
              email: null,
              organization_billing_email: like("billing@octo.example"),
            },
          }),
        ),
      )
      .executeTest(async (mock) => {
        const { app, deps } = appCalling(context, { github: config(mock.url) });
        const flow = await startFlow(app);
        const { location } = await callback(
          app,
          { code: "e72e16c7e42f292c6912", state: flow.state },
          flow.cookie,
        );
        expect(location?.searchParams.get("onboarding_code")).toBeTruthy();
        expect(await deps.subscriptions.findByAccount("github", "18404719")).toHaveLength(1);
      });
  });
});

describe("billing-api → github-api (reconciliation)", () => {
  it("lists the listing's plans and the accounts on each", async () => {
    pact
      .addInteraction()
      .given("the listing has the published plan 435")
      .uponReceiving("a request for the listing's plans")
      .withRequest("GET", "/marketplace_listing/plans", (builder) =>
        builder
          .headers(githubHeaders("application/vnd.github+json", APP_BASIC))
          .query({ per_page: "100", page: "1" }),
      )
      .willRespondWith(200, (builder) => builder.headers(json).jsonBody(eachLike(plan)));
    await pact
      .addInteraction()
      .given("the listing has the published plan 435")
      .given("octo-org is on plan 435 with 10 seats")
      .uponReceiving("a request for the accounts on plan 435")
      .withRequest("GET", "/marketplace_listing/plans/435/accounts", (builder) =>
        builder
          .headers(githubHeaders("application/vnd.github+json", APP_BASIC))
          .query({ per_page: "100", page: "1", sort: "created", direction: "asc" }),
      )
      .willRespondWith(200, (builder) =>
        builder.headers(json).jsonBody(
          eachLike({
            url: like("https://api.github.com/orgs/octo-org"),
            type: like("Organization"),
            id: integer(18404719),
            login: like("octo-org"),
            organization_billing_email: like("billing@octo.example"),
            email: null,
            marketplace_pending_change: null,
            marketplace_purchase: { ...purchase, is_installed: like(true) },
          }),
        ),
      )
      .executeTest(async (mock) => {
        const { deps } = appCalling(context, { github: config(mock.url) });
        const result = await deps.reconcileGithub();
        expect(result).toMatchObject({ accounts: 1, drift: { missed_purchase: 1 } });
        expect((await deps.subscriptions.findByAccount("github", "18404719"))[0]).toMatchObject({
          units: 10,
        });
      });
  });

  it("gets a 404 for an account that has not purchased the listing", async () => {
    await pact
      .addInteraction()
      .given("account 4242 has no purchase on the listing")
      .uponReceiving("a request for the plan of an account without a purchase")
      .withRequest("GET", "/marketplace_listing/accounts/4242", (builder) =>
        builder.headers({ Accept: "application/vnd.github+json", Authorization: APP_BASIC }),
      )
      .willRespondWith(404, (builder) =>
        builder
          .headers(json)
          .jsonBody({ message: like("Not Found"), documentation_url: like("https://docs.github.com/rest") }),
      )
      .executeTest(async (mock) => {
        // Reconciliation asks this before cancelling a live subscription the listing did not show.
        const github = new GithubRestApi({
          config: config(mock.url),
          clock: systemClock,
          sleep: async () => {},
        });
        expect(await github.getAccount(4242)).toBeNull();
      });
  });
});

/** A buyer who onboarded for octo-org earlier: its token sealed in the store, as onboarding leaves it. */
async function buyerOnboardedFor(token: string) {
  const users = new TypeOrmGithubUsers(context.database.dataSource);
  const box = new SecretBox(decodeDataKey(TEST_SECRETS.dataEncryptionKey) as Buffer, "github-user-token");
  const at = context.clock.now();
  await users.saveUser({ id: "583231", login: "octocat", sealedToken: box.seal(token) }, at);
  await users.replaceAccounts(
    "583231",
    [
      {
        accountId: "18404719",
        login: "octo-org",
        type: "Organization",
        planId: "435",
        planName: "Team",
        priceModel: "flat_rate",
        billingCycle: "monthly",
        unitCount: null,
        onFreeTrial: false,
      },
    ],
    at,
  );
}

const member = (id: number, login: string) => ({ id: integer(id), login: like(login), type: like("User") });

describe("billing-api → github-api (organization members)", () => {
  it("lists an organization's members page by page with the buyer's token", async () => {
    pact
      .addInteraction()
      .given("octocat's token may read the members of octo-org, which has three")
      .uponReceiving("a request for the first page of octo-org's members")
      .withRequest("GET", "/orgs/octo-org/members", (builder) =>
        builder
          .headers(githubHeaders("application/vnd.github+json", regex(/Bearer \S+/, `Bearer ${USER_TOKEN}`)))
          .query({ per_page: "100", page: "1" }),
      )
      .willRespondWith(200, (builder) =>
        builder
          .headers({
            ...json,
            Link: regex(
              /<[^>]*[?&]page=2[^>]*>; rel="next".*/,
              '<https://api.github.com/organizations/18404719/members?per_page=100&page=2>; rel="next", <https://api.github.com/organizations/18404719/members?per_page=100&page=2>; rel="last"',
            ),
          })
          .jsonBody(eachLike(member(9001, "member-1"), 2)),
      );
    await pact
      .addInteraction()
      .given("octocat's token may read the members of octo-org, which has three")
      .uponReceiving("a request for the last page of octo-org's members")
      .withRequest("GET", "/orgs/octo-org/members", (builder) =>
        builder
          .headers(githubHeaders("application/vnd.github+json", regex(/Bearer \S+/, `Bearer ${USER_TOKEN}`)))
          .query({ per_page: "100", page: "2" }),
      )
      .willRespondWith(200, (builder) =>
        builder.headers(json).jsonBody(eachLike(member(9003, "member-3"), 1)),
      )
      .executeTest(async (mock) => {
        const { app } = appCalling(context, { github: config(mock.url) });
        await buyerOnboardedFor(USER_TOKEN);
        const response = await request(app)
          .get("/v1/entitlements/github/18404719/members")
          .set("Authorization", `Bearer ${TEST_SECRETS.adminApiKey}`)
          .expect(200);
        expect(response.body).toMatchObject({ accountId: "18404719", login: "octo-org" });
        expect(response.body.members).toHaveLength(3);
      });
  });

  it("gets a 401 for an expired token", async () => {
    await pact
      .addInteraction()
      .given("octocat's token has expired")
      .uponReceiving("a request for octo-org's members with an expired token")
      .withRequest("GET", "/orgs/octo-org/members", (builder) =>
        builder
          .headers(githubHeaders("application/vnd.github+json", regex(/Bearer \S+/, "Bearer gho_expired")))
          .query({ per_page: "100", page: "1" }),
      )
      .willRespondWith(401, (builder) =>
        builder.headers(json).jsonBody({
          message: like("Bad credentials"),
          documentation_url: like("https://docs.github.com/rest"),
        }),
      )
      .executeTest(async (mock) => {
        const { app } = appCalling(context, { github: config(mock.url) });
        await buyerOnboardedFor("gho_expired");
        const response = await request(app)
          .get("/v1/entitlements/github/18404719/members")
          .set("Authorization", `Bearer ${TEST_SECRETS.adminApiKey}`)
          .expect(409);
        expect(response.body).toMatchObject({ reason: "token_expired" });
      });
  });
});
