import { MatchersV3, PactV4 } from "@pact-foundation/pact";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { TEST_SECRETS, useTestApp } from "../support/test-app.js";
import { appCalling } from "./support/compose.js";
import { BILLING_API, PACT_DIR } from "./support/pact-files.js";

const { like, regex, string } = MatchersV3;

/**
 * billing-api → vendor-product: the signed account callback (specs/vendor-account-callback.yaml) billing-api
 * calls when EVOTOR_ACCOUNT_SOURCE=callback, driven through Evotor's /user/verify on the real app. The vendor's
 * product is external: this pact is written for a broker (the vendor verifies it), not verified here.
 */
const pact = new PactV4({
  consumer: BILLING_API,
  provider: "vendor-product",
  dir: PACT_DIR,
  logLevel: "warn",
});
const context = useTestApp();

const CALLBACK_PATH = "/billing/evotor-accounts";
const CALLBACK_SECRET = "callback-secret-0123456789";
const USER_ID = "01-000000000000001";

const signed = {
  "Content-Type": "application/json",
  Accept: "application/json",
  "X-Billing-Timestamp": regex(/\d{10}/, "1772366400"),
  "X-Billing-Signature": regex(/sha256=[0-9a-f]{64}/, `sha256=${"ab".repeat(32)}`),
};
const json = { "Content-Type": regex(/application\/json(;.*)?/, "application/json") };

function appFor(url: string) {
  return appCalling(context, {
    evotor: {
      basicCredentials: null,
      accountSource: "callback",
      accountCallback: { url: `${url}${CALLBACK_PATH}`, secret: CALLBACK_SECRET },
    },
  }).app;
}

const evotorVerify = (url: string, password: string) =>
  request(appFor(url))
    .post("/evotor/api/v1/user/verify")
    .set("Authorization", `Bearer ${TEST_SECRETS.evotorWebhookToken}`)
    .send({ userId: USER_ID, username: "v.pupkin", password, shop: "1" });

describe("billing-api → vendor-product (account callback)", () => {
  it("asks the vendor to verify credentials and links the account it names", async () => {
    await pact
      .addInteraction()
      .given("the vendor has account acct-42 for v.pupkin with password superpassword")
      .uponReceiving("a signed verify callback with the right credentials")
      .withRequest("POST", CALLBACK_PATH, (builder) =>
        builder.headers(signed).jsonBody({
          action: "verify",
          userId: regex(/\d{2}-\d{15}/, USER_ID),
          username: like("v.pupkin"),
          password: like("superpassword"),
          fields: like({ shop: "1" }),
        }),
      )
      .willRespondWith(200, (builder) =>
        builder
          .headers(json)
          .jsonBody({ result: "verified", accountId: string("acct-42"), hasBilling: like(false) }),
      )
      .executeTest(async (mock) => {
        const response = await evotorVerify(mock.url, "superpassword");
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({ userId: USER_ID, hasBilling: false });
      });
  });

  it("asks the vendor to verify wrong credentials and answers Evotor 1006", async () => {
    await pact
      .addInteraction()
      .given("the vendor has account acct-42 for v.pupkin with password superpassword")
      .uponReceiving("a signed verify callback with a wrong password")
      .withRequest("POST", CALLBACK_PATH, (builder) =>
        builder.headers(signed).jsonBody({
          action: "verify",
          userId: regex(/\d{2}-\d{15}/, USER_ID),
          username: like("v.pupkin"),
          password: like("wrong-password"),
          fields: like({ shop: "1" }),
        }),
      )
      .willRespondWith(200, (builder) => builder.headers(json).jsonBody({ result: "invalid_credentials" }))
      .executeTest(async (mock) => {
        const response = await evotorVerify(mock.url, "wrong-password");
        expect(response.status).toBe(401);
        expect(response.body).toEqual({ errors: [expect.objectContaining({ code: 1006 })] });
      });
  });
});
