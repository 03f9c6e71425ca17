import type { RequestHandler } from "express";
import request from "supertest";
import { describe, it } from "vitest";
import { FULL_LIFE, USER_ID } from "../support/evotor-fixtures.js";
import { useListeningApp } from "../support/listening.js";
import { TEST_SECRETS, useTestApp } from "../support/test-app.js";
import { BILLING_API, pactFile } from "./support/pact-files.js";
import { verifyPact } from "./support/provider.js";

const context = useTestApp();
const server = useListeningApp(() => context.app);

/** The placeholder the Evotor pact uses for the console's token; any other token is left as Evotor sent it. */
const PACT_APP_TOKEN = "Bearer evotor-app-token-from-the-console";

/** Swaps the pact's placeholder token for the one this app is configured with (EVOTOR_WEBHOOK_TOKEN). */
const configuredToken: RequestHandler = (req, _res, next) => {
  if (req.headers.authorization === PACT_APP_TOKEN) {
    req.headers.authorization = `Bearer ${TEST_SECRETS.evotorWebhookToken}`;
  }
  next();
};

/** Evotor's own calls through the app, to reach a state the way production does. */
async function evotorCall(path: string, body: object, expected = 200): Promise<void> {
  const response = await request(context.app)
    .post(path)
    .set("Authorization", `Bearer ${TEST_SECRETS.evotorWebhookToken}`)
    .send(body);
  if (response.status !== expected) {
    throw new Error(`state: ${path} answered ${response.status} ${JSON.stringify(response.body)}`);
  }
}

const vendorAccount = () =>
  context.deps.vendorAccountDirectory.create({
    username: "v.pupkin",
    password: "superpassword",
    hasBilling: true,
  });

describe("billing-api honours Evotor's pact", () => {
  it("verifies every interaction of evotor → billing-api", async () => {
    await verifyPact(context, server.url, pactFile("evotor", BILLING_API), {
      requestFilter: configuredToken,
      stateHandlers: {
        "Evotor user 01-000000000000001 was created with owner@example.com": () =>
          evotorCall("/evotor/api/v1/user/create", { userId: USER_ID, email: "owner@example.com" }),
        "vendor account v.pupkin with password superpassword, billed by the vendor": async () => {
          await vendorAccount();
        },
        "vendor account v.pupkin is linked to Evotor user 01-000000000000002": async () => {
          await vendorAccount();
          await context.deps.evotor.accounts.verify(
            "01-000000000000002",
            {},
            { username: "v.pupkin", password: "superpassword" },
          );
        },
        "Evotor subscription a99fbf70-6307-4acc-b61c-741ee9eef6c0 was created": () =>
          evotorCall("/evotor/api/v1/subscription/event", FULL_LIFE.created),
      },
    });
  });
});
