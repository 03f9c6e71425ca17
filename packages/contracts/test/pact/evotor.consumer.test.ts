import { MatchersV3, PactV4 } from "@pact-foundation/pact";
import { describe, expect, it } from "vitest";
import { PACT_DIR, PROVIDER } from "./pact-files.js";

const { like, regex, string, integer, decimal } = MatchersV3;

/**
 * evotor → billing-api: the partner webhooks Evotor calls (user create/verify/token, subscription and
 * installation events) and what Evotor needs back. Evotor is an external system, so its requests are written
 * here by hand from its documentation (dev.evotor.ru, "Интеграция" tab). Shapes are matched (`userId` pattern,
 * token strings); exact values only where Evotor acts on them: `hasBilling`, error codes, statuses.
 */
const pact = new PactV4({ consumer: "evotor", provider: PROVIDER, dir: PACT_DIR, logLevel: "warn" });

/**
 * The token entered in Evotor's console ("С помощью токена"). The provider's request filter swaps this
 * placeholder for the token its test configuration holds; any other token is left as sent.
 */
const APP_TOKEN = "evotor-app-token-from-the-console";
const WRONG_TOKEN = "a-token-billing-api-never-issued";
/**
 * The per-user token billing-api answered on user create. The provider's request filter swaps this
 * placeholder for the token its state handler was actually issued.
 */
const USER_TOKEN = "evotor-user-token-issued-on-create";
const USER_ID = "01-000000000000001";
const OTHER_USER_ID = "01-000000000000002";
const SUBSCRIPTION_ID = "a99fbf70-6307-4acc-b61c-741ee9eef6c0";
const PRODUCT_ID = "c0d01x35-5193-4cc2-9bfb-be20e0679498";

const userId = (example = USER_ID) => regex(/\d{2}-\d{15}/, example);
const bearer = (token: string) => ({
  Authorization: regex(/Bearer \S+/, `Bearer ${token}`),
  "Content-Type": "application/json",
});
const json = { "Content-Type": regex(/application\/json(;.*)?/, "application/json; charset=utf-8") };
/** Evotor's error format: `{"errors":[{"code","reason",…}]}`; Evotor acts on the code. */
const evotorError = (code: number, reason: string) => ({
  errors: [{ code, reason: string(reason) }],
});

/** What Evotor sends: a JSON POST with the console's token. */
async function evotorSends(baseUrl: string, path: string, body: unknown, token = APP_TOKEN) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

/** A subscription event as Evotor sends it (`timestamp` with a +0000 offset, as in its reference). */
function subscriptionEvent(type: string, sequenceNumber: number, extra: Record<string, unknown> = {}) {
  return {
    subscriptionId: like(SUBSCRIPTION_ID),
    productId: like(PRODUCT_ID),
    userId: userId(),
    timestamp: like("2026-01-01T10:00:00.000+0000"),
    sequenceNumber: integer(sequenceNumber),
    type,
    ...extra,
  };
}

const SUBSCRIPTION_EVENTS: Array<[string, number, Record<string, unknown>]> = [
  [
    "SubscriptionCreated",
    1,
    { planId: like("basic"), trialPeriodDuration: like("P14DT"), deviceNumber: integer(2) },
  ],
  [
    "SubscriptionActivated",
    2,
    {
      nextBillingDate: like("2026-02-15T10:05:00.000+0000"),
      chargedSum: { amount: decimal(2416.67), currency: like("RUB") },
    },
  ],
  ["SubscriptionRenewed", 3, { nextBillingDate: like("2026-03-15T10:06:00.000+0000") }],
  [
    "SubscriptionTermsChanged",
    4,
    {
      planId: like("pro"),
      deviceNumber: integer(5),
      chargedSum: { amount: decimal(800.5), currency: "RUB" },
    },
  ],
  ["SubscriptionTerminationRequested", 5, {}],
  ["SubscriptionTerminated", 6, {}],
  ["AddonsUpdated", 7, { addons: [{ id: like("loyalty"), quantity: integer(1) }] }],
];

describe("evotor → billing-api (partner webhooks)", () => {
  it("creates a new user and gets its token, without billing on the vendor's side", async () => {
    await pact
      .addInteraction()
      .uponReceiving("a user create for a new Evotor user")
      .withRequest("POST", "/evotor/api/v1/user/create", (builder) =>
        builder.headers(bearer(APP_TOKEN)).jsonBody({ userId: userId(), email: like("owner@example.com") }),
      )
      .willRespondWith(200, (builder) =>
        builder
          .headers(json)
          .jsonBody({ userId: userId(), token: string("dG9rZW4tZm9yLXRoZS11c2Vy"), hasBilling: false }),
      )
      .executeTest(async (mock) => {
        const answer = await evotorSends(mock.url, "/evotor/api/v1/user/create", {
          userId: USER_ID,
          email: "owner@example.com",
        });
        expect(answer).toMatchObject({ status: 200, body: { userId: USER_ID, hasBilling: false } });
      });
  });

  it("repeats a user create and gets the same kind of answer", async () => {
    await pact
      .addInteraction()
      .given("Evotor user 01-000000000000001 was created with owner@example.com")
      .uponReceiving("a repeated user create for the same Evotor user")
      .withRequest("POST", "/evotor/api/v1/user/create", (builder) =>
        builder.headers(bearer(APP_TOKEN)).jsonBody({ userId: userId(), email: like("owner@example.com") }),
      )
      .willRespondWith(200, (builder) =>
        builder
          .headers(json)
          .jsonBody({ userId: userId(), token: string("dG9rZW4tZm9yLXRoZS11c2Vy"), hasBilling: false }),
      )
      .executeTest(async (mock) => {
        const answer = await evotorSends(mock.url, "/evotor/api/v1/user/create", {
          userId: USER_ID,
          email: "owner@example.com",
        });
        expect(answer.status).toBe(200);
      });
  });

  it("verifies a vendor account and learns that the vendor bills it", async () => {
    await pact
      .addInteraction()
      .given("vendor account v.pupkin with password superpassword, billed by the vendor")
      .uponReceiving("a user verify with the right credentials")
      .withRequest("POST", "/evotor/api/v1/user/verify", (builder) =>
        builder.headers(bearer(APP_TOKEN)).jsonBody({
          userId: userId(),
          username: like("v.pupkin"),
          password: like("superpassword"),
          customField: like("любое значение"),
        }),
      )
      .willRespondWith(200, (builder) =>
        builder
          .headers(json)
          .jsonBody({ userId: userId(), hasBilling: true, token: string("dG9rZW4tZm9yLXRoZS11c2Vy") }),
      )
      .executeTest(async (mock) => {
        const answer = await evotorSends(mock.url, "/evotor/api/v1/user/verify", {
          userId: USER_ID,
          username: "v.pupkin",
          password: "superpassword",
          customField: "любое значение",
        });
        expect(answer).toMatchObject({ status: 200, body: { hasBilling: true } });
      });
  });

  it("is refused a verify with wrong credentials (1006)", async () => {
    await pact
      .addInteraction()
      .given("vendor account v.pupkin with password superpassword, billed by the vendor")
      .uponReceiving("a user verify with a wrong password")
      .withRequest("POST", "/evotor/api/v1/user/verify", (builder) =>
        builder
          .headers(bearer(APP_TOKEN))
          .jsonBody({ userId: userId(), username: like("v.pupkin"), password: like("wrong-password") }),
      )
      .willRespondWith(401, (builder) =>
        builder.headers(json).jsonBody(evotorError(1006, "wrong credentials")),
      )
      .executeTest(async (mock) => {
        const answer = await evotorSends(mock.url, "/evotor/api/v1/user/verify", {
          userId: USER_ID,
          username: "v.pupkin",
          password: "wrong-password",
        });
        expect(answer).toMatchObject({ status: 401, body: { errors: [{ code: 1006 }] } });
      });
  });

  it("is told to wait after too many wrong passwords (429, 1006 too many attempts)", async () => {
    await pact
      .addInteraction()
      .given("vendor account v.pupkin has had too many wrong passwords")
      .uponReceiving("a user verify while the username is throttled")
      .withRequest("POST", "/evotor/api/v1/user/verify", (builder) =>
        builder
          .headers(bearer(APP_TOKEN))
          .jsonBody({ userId: userId(), username: like("v.pupkin"), password: like("superpassword") }),
      )
      .willRespondWith(429, (builder) =>
        builder
          .headers({ ...json, "Retry-After": regex(/^[1-9][0-9]*$/, "900") })
          .jsonBody(evotorError(1006, "too many attempts")),
      )
      .executeTest(async (mock) => {
        const answer = await evotorSends(mock.url, "/evotor/api/v1/user/verify", {
          userId: USER_ID,
          username: "v.pupkin",
          password: "superpassword",
        });
        expect(answer).toMatchObject({ status: 429, body: { errors: [{ code: 1006 }] } });
      });
  });

  it("is refused a verify of an account linked to another Evotor user (2004)", async () => {
    await pact
      .addInteraction()
      .given("vendor account v.pupkin is linked to Evotor user 01-000000000000002")
      .uponReceiving("a user verify of an account linked to another Evotor user")
      .withRequest("POST", "/evotor/api/v1/user/verify", (builder) =>
        builder
          .headers(bearer(APP_TOKEN))
          .jsonBody({ userId: userId(), username: like("v.pupkin"), password: like("superpassword") }),
      )
      .willRespondWith(409, (builder) => builder.headers(json).jsonBody(evotorError(2004, "already linked")))
      .executeTest(async (mock) => {
        const answer = await evotorSends(mock.url, "/evotor/api/v1/user/verify", {
          userId: USER_ID,
          username: "v.pupkin",
          password: "superpassword",
        });
        expect(answer).toMatchObject({ status: 409, body: { errors: [{ code: 2004 }] } });
      });
  });

  it("hands over the user's Evotor Cloud token", async () => {
    await pact
      .addInteraction()
      .given("Evotor user 01-000000000000001 was created with owner@example.com")
      .uponReceiving("a user token")
      .withRequest("POST", "/evotor/api/v1/user/token", (builder) =>
        builder
          .headers(bearer(APP_TOKEN))
          .jsonBody({ userId: userId(), token: like("f46b89a5-8e80-4591-b0aa-94551790444b") }),
      )
      .willRespondWith(200)
      .executeTest(async (mock) => {
        const answer = await evotorSends(mock.url, "/evotor/api/v1/user/token", {
          userId: USER_ID,
          token: "f46b89a5-8e80-4591-b0aa-94551790444b",
        });
        expect(answer.status).toBe(200);
      });
  });

  for (const [type, sequenceNumber, extra] of SUBSCRIPTION_EVENTS) {
    it(`notifies a ${type} and gets 200`, async () => {
      const interaction = pact.addInteraction();
      const given =
        type === "SubscriptionCreated"
          ? interaction
          : interaction.given("Evotor subscription a99fbf70-6307-4acc-b61c-741ee9eef6c0 was created");
      await given
        .uponReceiving(`a ${type} subscription event`)
        .withRequest("POST", "/evotor/api/v1/subscription/event", (builder) =>
          builder.headers(bearer(APP_TOKEN)).jsonBody(subscriptionEvent(type, sequenceNumber, extra)),
        )
        .willRespondWith(200)
        .executeTest(async (mock) => {
          const answer = await evotorSends(
            mock.url,
            "/evotor/api/v1/subscription/event",
            MatchersV3.reify(subscriptionEvent(type, sequenceNumber, extra)),
          );
          expect(answer.status).toBe(200);
        });
    });
  }

  it("notifies on the seed's legacy path (/user/event) and gets 200", async () => {
    await pact
      .addInteraction()
      .uponReceiving("a SubscriptionCancelled on the legacy user/event path")
      .withRequest("POST", "/evotor/api/v1/user/event", (builder) =>
        builder.headers(bearer(APP_TOKEN)).jsonBody(subscriptionEvent("SubscriptionCancelled", 1)),
      )
      .willRespondWith(200)
      .executeTest(async (mock) => {
        const answer = await evotorSends(
          mock.url,
          "/evotor/api/v1/user/event",
          MatchersV3.reify(subscriptionEvent("SubscriptionCancelled", 1)),
        );
        expect(answer.status).toBe(200);
      });
  });

  for (const [type, id] of [
    ["ApplicationInstalled", "b1c2d3e4-0000-4000-8000-000000000001"],
    ["ApplicationUninstalled", "b1c2d3e4-0000-4000-8000-000000000002"],
  ] as const) {
    it(`notifies ${type} and gets 200`, async () => {
      const event = {
        id: like(id),
        timestamp: integer(1767261601000),
        version: integer(2),
        type,
        data: { productId: like(PRODUCT_ID), userId: userId() },
      };
      await pact
        .addInteraction()
        .uponReceiving(`an ${type} installation event`)
        .withRequest("POST", "/evotor/api/v2/installation/event", (builder) =>
          builder.headers(bearer(APP_TOKEN)).jsonBody(event),
        )
        .willRespondWith(200)
        .executeTest(async (mock) => {
          const answer = await evotorSends(
            mock.url,
            "/evotor/api/v2/installation/event",
            MatchersV3.reify(event),
          );
          expect(answer.status).toBe(200);
        });
    });
  }

  it("is refused with 1001 when a notification carries a per-user token instead of the app token", async () => {
    const event = subscriptionEvent("SubscriptionCreated", 1, {
      planId: like("basic"),
      trialPeriodDuration: like("P14DT"),
      deviceNumber: integer(500),
    });
    await pact
      .addInteraction()
      .given("Evotor user 01-000000000000001 was created with owner@example.com")
      .uponReceiving("a subscription event authorized with the user's own token")
      .withRequest("POST", "/evotor/api/v1/subscription/event", (builder) =>
        builder
          .headers({ Authorization: `Bearer ${USER_TOKEN}`, "Content-Type": "application/json" })
          .jsonBody(event),
      )
      .willRespondWith(401, (builder) => builder.headers(json).jsonBody(evotorError(1001, "unauthorized")))
      .executeTest(async (mock) => {
        const answer = await evotorSends(
          mock.url,
          "/evotor/api/v1/subscription/event",
          MatchersV3.reify(event),
          USER_TOKEN,
        );
        expect(answer).toMatchObject({ status: 401, body: { errors: [{ code: 1001 }] } });
      });
  });

  it("is refused with 1001 when the token is wrong", async () => {
    await pact
      .addInteraction()
      .uponReceiving("a user create with a wrong token")
      .withRequest("POST", "/evotor/api/v1/user/create", (builder) =>
        builder
          .headers({ Authorization: `Bearer ${WRONG_TOKEN}`, "Content-Type": "application/json" })
          .jsonBody({
            userId: userId(OTHER_USER_ID),
          }),
      )
      .willRespondWith(401, (builder) => builder.headers(json).jsonBody(evotorError(1001, "unauthorized")))
      .executeTest(async (mock) => {
        const answer = await evotorSends(
          mock.url,
          "/evotor/api/v1/user/create",
          { userId: OTHER_USER_ID },
          WRONG_TOKEN,
        );
        expect(answer).toMatchObject({ status: 401, body: { errors: [{ code: 1001 }] } });
      });
  });
});
