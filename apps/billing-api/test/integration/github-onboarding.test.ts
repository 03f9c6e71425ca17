import request from "supertest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { OnboardingCodeError } from "../../src/domain/github-onboarding/exchange-onboarding-code.js";
import { GithubUserEntity } from "../../src/persistence/entities/github-user.entity.js";
import { InboundEventEntity } from "../../src/persistence/entities/inbound-event.entity.js";
import { decodeDataKey, SecretBox } from "../../src/security/secret-box.js";
import { FAKE_CLIENT_ID, FakeGithub, listingPlan, userPurchase } from "../support/fake-github.js";
import { deliver, purchasePayload } from "../support/github-deliveries.js";
import { callback, fakeGithubConfig, PRODUCT_URL, startFlow } from "../support/github-onboarding-flow.js";
import { TEST_SECRETS, useTestApp } from "../support/test-app.js";

const fake = new FakeGithub();
const sleeps: number[] = [];
beforeAll(() => fake.start());
afterAll(() => fake.stop());
const context = useTestApp({
  github: () => fakeGithubConfig(fake),
  sleep: async (ms) => {
    sleeps.push(ms);
  },
});
beforeEach(() => {
  fake.reset();
  sleeps.length = 0;
});

const perUnit = listingPlan(435, { name: "Team", price_model: "per-unit" });
const flat = listingPlan(686, { name: "Solo", price_model: "FLAT_RATE", unit_name: null });
const buyer = { id: 583231, login: "octocat", type: "User" };
const org = { id: 18404719, login: "octo-org", type: "Organization" as const };

const storedEvents = () =>
  context.database.dataSource.getRepository(InboundEventEntity).find({ order: { id: "ASC" } });
const subscriptionOf = async (accountId: number) =>
  (await context.deps.subscriptions.findByAccount("github", String(accountId)))[0];

/** A buyer who bought the per-unit plan for its organization and the flat plan for itself. */
function buyerWithTwoPurchases(): string {
  return fake.authorize(buyer, [
    userPurchase(org, perUnit, 10),
    userPurchase({ id: buyer.id, login: buyer.login, type: "User" }, flat, null),
  ]);
}

describe("GET /github/setup", () => {
  it("sends the browser to GitHub's authorization page with a signed state bound by an HttpOnly cookie", async () => {
    const response = await request(context.app)
      .get("/github/setup?marketplace_listing_plan_id=435&installation_id=99&setup_action=install")
      .expect(302);
    const location = new URL(response.headers.location ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(`${fake.url}/login/oauth/authorize`);
    expect(location.searchParams.get("client_id")).toBe(FAKE_CLIENT_ID);
    expect(location.searchParams.get("state")).toMatch(/^[\w-]+\.[\w-]+$/);
    const cookie = ([] as string[]).concat(response.headers["set-cookie"] ?? []).join(";");
    expect(cookie).toMatch(/mb_github_onboarding=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("answers a malformed link with an HTML page, not JSON", async () => {
    const response = await request(context.app).get("/github/setup?unexpected=1").expect(400);
    expect(response.headers["content-type"]).toMatch(/^text\/html/);
    expect(response.text).toContain("This link is not valid");
  });

  it("answers 503 with a page when GitHub OAuth is not configured", async () => {
    const unconfigured = createApp({
      ...context.deps,
      githubOnboarding: {
        ...context.deps.githubOnboarding,
        config: fakeGithubConfig(fake, { clientId: undefined, clientSecret: undefined }),
      },
    });
    for (const path of ["/github/setup", "/github/callback?code=x&state=y"]) {
      const response = await request(unconfigured).get(path).expect(503);
      expect(response.headers["content-type"]).toMatch(/^text\/html/);
      expect(response.text).toContain("GitHub sign-in is not set up yet");
      expect(response.text).not.toMatch(/at .+\.ts:\d+/);
    }
  });
});

describe("GET /github/callback", () => {
  it("provisions purchases the webhook has not delivered, records the accounts and hands the product a code", async () => {
    const code = buyerWithTwoPurchases();
    const flow = await startFlow(context.app);
    const { response, location } = await callback(context.app, { code, state: flow.state }, flow.cookie);

    expect(response.status).toBe(302);
    expect(`${location?.origin}${location?.pathname}`).toBe(PRODUCT_URL);
    const onboardingCode = location?.searchParams.get("onboarding_code") ?? "";
    expect(onboardingCode).toMatch(/^[\w-]{43}$/);

    // Both purchases were provisioned from GitHub's answer, through the event log and the fold.
    const events = await storedEvents();
    expect(events.map((event) => [event.source, event.eventType, event.accountId, event.status])).toEqual([
      ["onboarding", "marketplace_purchase.purchased", String(org.id), "applied"],
      ["onboarding", "marketplace_purchase.purchased", String(buyer.id), "applied"],
    ]);
    expect(await subscriptionOf(org.id)).toMatchObject({ planId: "435", units: 10, endsAt: null });
    expect(await subscriptionOf(buyer.id)).toMatchObject({ planId: "686", units: null, endsAt: null });

    // The product trades the code once for the user and its accounts.
    const exchange = await context.deps.exchangeOnboardingCode(onboardingCode);
    expect(exchange.githubUser).toEqual({ id: String(buyer.id), login: "octocat" });
    expect(exchange.accounts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          accountId: String(org.id),
          type: "Organization",
          planId: "435",
          priceModel: "per_unit",
          unitCount: 10,
          seatsClaimable: true,
        }),
        expect.objectContaining({
          accountId: String(buyer.id),
          type: "User",
          planId: "686",
          priceModel: "flat_rate",
          seatsClaimable: false,
        }),
      ]),
    );
    await expect(context.deps.exchangeOnboardingCode(onboardingCode)).rejects.toMatchObject({
      reason: "used_code",
    });
  });

  it("keeps the user token encrypted at rest", async () => {
    const code = buyerWithTwoPurchases();
    const token = fake.codes.get(code) ?? "";
    const flow = await startFlow(context.app);
    await callback(context.app, { code, state: flow.state }, flow.cookie);

    const [row] = await context.database.dataSource.getRepository(GithubUserEntity).find();
    expect(row?.sealedToken).toBeTruthy();
    expect(row?.sealedToken).not.toContain(token);
    expect(
      new SecretBox(decodeDataKey(TEST_SECRETS.dataEncryptionKey)!, "github-user-token").open(
        row?.sealedToken ?? "",
      ),
    ).toBe(token);
  });

  it("revokes and forgets, an hour later, the token of a buyer whose onboarding found no purchase", async () => {
    const code = fake.authorize(buyer, []);
    const token = fake.codes.get(code);
    const flow = await startFlow(context.app);
    await callback(context.app, { code, state: flow.state }, flow.cookie);
    const stored = () => context.database.dataSource.getRepository(GithubUserEntity).findOneByOrFail({});
    expect((await stored()).sealedToken).toBeTruthy();

    context.clock.advance(59 * 60_000);
    expect(await context.deps.revokeEndedGithubTokens()).toEqual({ revoked: 0, failed: 0 });
    expect(fake.revoked).toEqual([]);

    context.clock.advance(2 * 60_000);
    expect(await context.deps.revokeEndedGithubTokens()).toEqual({ revoked: 1, failed: 0 });
    expect(fake.revoked).toEqual([token]);
    expect((await stored()).sealedToken).toBeNull();
  });

  it("treats the webhook arriving after onboarding as the same purchase, not a second one", async () => {
    const code = fake.authorize(buyer, [userPurchase(org, perUnit, 10)]);
    const flow = await startFlow(context.app);
    await callback(context.app, { code, state: flow.state }, flow.cookie);

    const webhook = purchasePayload("purchased", "2026-03-01T11:58:00+00:00", {
      accountId: org.id,
      planId: 435,
      unitCount: 10,
    });
    await deliver(context.app, webhook).expect(202);

    const subscriptions = await context.deps.subscriptions.findByAccount("github", String(org.id));
    expect(subscriptions).toHaveLength(1);
    expect(subscriptions[0]).toMatchObject({ planId: "435", units: 10, endsAt: null });
    expect(subscriptions[0]?.details.doublePurchases).toBeUndefined();
    expect(subscriptions[0]?.details.periods).toBe(1);
    expect((await storedEvents()).map((event) => event.source)).toEqual(["onboarding", "webhook"]);
  });

  it("does not provision again when the webhook came first", async () => {
    await deliver(
      context.app,
      purchasePayload("purchased", "2026-03-01T11:58:00+00:00", {
        accountId: org.id,
        planId: 435,
        unitCount: 10,
      }),
    ).expect(202);
    const code = fake.authorize(buyer, [userPurchase(org, perUnit, 10)]);
    const flow = await startFlow(context.app);
    const { location } = await callback(context.app, { code, state: flow.state }, flow.cookie);

    expect(location?.searchParams.get("onboarding_code")).toBeTruthy();
    expect((await storedEvents()).map((event) => event.source)).toEqual(["webhook"]);
  });

  it("redirects with access_denied when the buyer denies authorization", async () => {
    const flow = await startFlow(context.app);
    const { response, location } = await callback(
      context.app,
      {
        error: "access_denied",
        error_description: "The user has denied your application access.",
        state: flow.state,
      },
      flow.cookie,
    );
    expect(response.status).toBe(302);
    expect(location?.searchParams.get("error")).toBe("access_denied");
    expect(location?.searchParams.has("onboarding_code")).toBe(false);
    expect(fake.requests).toHaveLength(0);
  });

  it("refuses a state that has expired", async () => {
    const code = buyerWithTwoPurchases();
    const flow = await startFlow(context.app);
    context.clock.advance(10 * 60 * 1000);
    const { location } = await callback(context.app, { code, state: flow.state }, flow.cookie);
    expect(location?.searchParams.get("error")).toBe("expired_state");
    expect(await storedEvents()).toHaveLength(0);
  });

  it("refuses a replayed state", async () => {
    const code = buyerWithTwoPurchases();
    const flow = await startFlow(context.app);
    const first = await callback(context.app, { code, state: flow.state }, flow.cookie);
    expect(first.location?.searchParams.get("onboarding_code")).toBeTruthy();
    const again = await callback(context.app, { code, state: flow.state }, flow.cookie);
    expect(again.location?.searchParams.get("error")).toBe("replayed_state");
  });

  it("refuses a state from another browser, without the cookie, or forged", async () => {
    const code = buyerWithTwoPurchases();
    const flow = await startFlow(context.app);
    const other = await startFlow(context.app);
    const cases = [
      await callback(context.app, { code, state: flow.state }, other.cookie),
      await callback(context.app, { code, state: flow.state }),
      await callback(context.app, { code, state: `${flow.state.split(".")[0]}.forged` }, flow.cookie),
      await callback(context.app, { code }, flow.cookie),
    ];
    for (const { location } of cases) {
      expect(location?.searchParams.get("error")).toBe("invalid_state");
    }
    expect(fake.requests).toHaveLength(0);
  });

  it("redirects with invalid_code when GitHub refuses the code", async () => {
    const flow = await startFlow(context.app);
    const { location } = await callback(context.app, { code: "not-a-code", state: flow.state }, flow.cookie);
    expect(location?.searchParams.get("error")).toBe("invalid_code");
  });

  it("redirects with github_unavailable when GitHub answers 5xx", async () => {
    const code = buyerWithTwoPurchases();
    fake.failWith = 502;
    const flow = await startFlow(context.app);
    const { response, location } = await callback(context.app, { code, state: flow.state }, flow.cookie);
    expect(response.status).toBe(302);
    expect(location?.searchParams.get("error")).toBe("github_unavailable");
  });

  it("redirects with github_unavailable when GitHub cannot be reached", async () => {
    const closed = new FakeGithub();
    await closed.start();
    await closed.stop();
    const unreachable = createApp({
      ...context.deps,
      githubOnboarding: {
        ...context.deps.githubOnboarding,
        complete: (await import("../../src/composition.js")).composeApp({
          dataSource: context.database.dataSource,
          config: {
            secrets: TEST_SECRETS,
            validateResponses: true,
            github: fakeGithubConfig(closed),
          },
          logger: context.deps.logger,
          clock: context.clock,
        }).githubOnboarding.complete,
      },
    });
    const flow = await startFlow(unreachable);
    const { location } = await callback(unreachable, { code: "any", state: flow.state }, flow.cookie);
    expect(location?.searchParams.get("error")).toBe("github_unavailable");
  });

  it("waits out GitHub's rate limit and completes", async () => {
    const code = buyerWithTwoPurchases();
    fake.rateLimited = 2;
    const flow = await startFlow(context.app);
    const { location } = await callback(context.app, { code, state: flow.state }, flow.cookie);
    expect(location?.searchParams.get("onboarding_code")).toBeTruthy();
    expect(sleeps).toEqual([2000, 2000]);
  });

  it("gives up with github_unavailable when GitHub stays rate limited", async () => {
    const code = buyerWithTwoPurchases();
    fake.rateLimited = 100;
    fake.rateLimitStatus = 429;
    const flow = await startFlow(context.app);
    const { location } = await callback(context.app, { code, state: flow.state }, flow.cookie);
    expect(location?.searchParams.get("error")).toBe("github_unavailable");
    expect(sleeps).toHaveLength(3);
  });
});

describe("exchangeOnboardingCode", () => {
  it("refuses an unknown code and a code past its lifetime", async () => {
    await expect(context.deps.exchangeOnboardingCode("unknown")).rejects.toBeInstanceOf(OnboardingCodeError);
    await expect(context.deps.exchangeOnboardingCode("unknown")).rejects.toMatchObject({
      reason: "invalid_code",
    });

    const code = buyerWithTwoPurchases();
    const flow = await startFlow(context.app);
    const { location } = await callback(context.app, { code, state: flow.state }, flow.cookie);
    context.clock.advance(5 * 60 * 1000);
    await expect(
      context.deps.exchangeOnboardingCode(location?.searchParams.get("onboarding_code") ?? ""),
    ).rejects.toMatchObject({ reason: "expired_code" });
  });
});
