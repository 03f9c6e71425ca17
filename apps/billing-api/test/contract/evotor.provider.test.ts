import type { RequestHandler } from "express";
import request from "supertest";
import { describe, it } from "vitest";
import { DEFAULT_VERIFY_THROTTLE_LIMITS } from "../../src/security/verify-throttle.js";
import { FULL_LIFE, USER_ID } from "../support/evotor-fixtures.js";
import { useListeningApp } from "../support/listening.js";
import { TEST_SECRETS, useTestApp } from "../support/test-app.js";
import { BILLING_API, pactFile } from "./support/pact-files.js";
import { verifyPact } from "./support/provider.js";

const context = useTestApp();
/** Another Evotor user guessing, so only the username's counter is spent. */
const OTHER_USER_ID = "01-000000000000003";
const server = useListeningApp(() => context.app);

/** The placeholder the Evotor pact uses for the console's token; any other token is left as Evotor sent it. */
const PACT_APP_TOKEN = "Bearer evotor-app-token-from-the-console";

/** The placeholder the pact uses for the per-user token billing-api answered on create. */
const PACT_USER_TOKEN = "Bearer evotor-user-token-issued-on-create";

/** The per-user token the last state handler was issued (create answers it). */
let issuedUserToken: string | null = null;

/**
 * Swaps the pact's placeholder tokens for real ones: the app token this app is configured with
 * (EVOTOR_WEBHOOK_TOKEN), and the per-user token the state handler was actually issued.
 */
const configuredToken: RequestHandler = (req, _res, next) => {
  if (req.headers.authorization === PACT_APP_TOKEN) {
    req.headers.authorization = `Bearer ${TEST_SECRETS.evotorWebhookToken}`;
  }
  if (req.headers.authorization === PACT_USER_TOKEN && issuedUserToken) {
    req.headers.authorization = `Bearer ${issuedUserToken}`;
  }
  next();
};

/** Evotor's own calls through the app, to reach a state the way production does. */
async function evotorCall(path: string, body: object, expected = 200): Promise<Record<string, unknown>> {
  const response = await request(context.app)
    .post(path)
    .set("Authorization", `Bearer ${TEST_SECRETS.evotorWebhookToken}`)
    .send(body);
  if (response.status !== expected) {
    throw new Error(`state: ${path} answered ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body as Record<string, unknown>;
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
        "Evotor user 01-000000000000001 was created with owner@example.com": async () => {
          const created = await evotorCall("/evotor/api/v1/user/create", {
            userId: USER_ID,
            email: "owner@example.com",
          });
          issuedUserToken = created.token as string;
        },
        "vendor account v.pupkin with password superpassword, billed by the vendor": async () => {
          await vendorAccount();
        },
        "vendor account v.pupkin has had too many wrong passwords": async () => {
          await vendorAccount();
          for (let attempt = 1; attempt <= DEFAULT_VERIFY_THROTTLE_LIMITS.maxFailures; attempt += 1) {
            await evotorCall(
              "/evotor/api/v1/user/verify",
              { userId: OTHER_USER_ID, username: "v.pupkin", password: `guess-${attempt}` },
              401,
            );
          }
        },
        "vendor account v.pupkin is linked to Evotor user 01-000000000000002": async () => {
          await vendorAccount();
          await context.deps.evotor.accounts.verify(
            "01-000000000000002",
            {},
            { username: "v.pupkin", password: "superpassword" },
          );
        },
        "Evotor subscription a99fbf70-6307-4acc-b61c-741ee9eef6c0 was created": async () => {
          await evotorCall("/evotor/api/v1/subscription/event", FULL_LIFE.created);
        },
      },
    });
  });
});
