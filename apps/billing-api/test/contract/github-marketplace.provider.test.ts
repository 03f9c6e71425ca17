import type { RequestHandler } from "express";
import { describe, it } from "vitest";
import { signBody } from "../../src/http/github/webhook-signature.js";
import { useListeningApp } from "../support/listening.js";
import { TEST_SECRETS, useTestApp } from "../support/test-app.js";
import { BILLING_API, pactFile } from "./support/pact-files.js";
import { verifyPact } from "./support/provider.js";
import { githubWebhook } from "./support/states.js";

const context = useTestApp();
const server = useListeningApp(() => context.app);

/** The forged signature of the pact's 401 interaction (sha256 of zeros): left as sent. */
const FORGED_SIGNATURE = `sha256=${"0".repeat(64)}`;

/**
 * GitHub signs each delivery with the listing's secret. The pact pins the signature's shape; here every body
 * is signed on the fly with this app's secret (GITHUB_WEBHOOK_SECRET), exactly over the bytes forwarded
 * (Pact's proxy re-serializes parsed JSON), except the forged signature, which must stay forged.
 */
const signWithTestSecret: RequestHandler = (req, _res, next) => {
  const signature = req.headers["x-hub-signature-256"];
  if (req.path === "/webhooks/github" && signature !== undefined && signature !== FORGED_SIGNATURE) {
    const body = Buffer.isBuffer(req.body) ? req.body.toString("utf8") : JSON.stringify(req.body);
    req.headers["x-hub-signature-256"] = signBody(TEST_SECRETS.githubWebhookSecrets[0] as string, body);
    req.headers["content-length"] = String(Buffer.byteLength(body));
  }
  next();
};

const bought = () =>
  githubWebhook(context, "purchased", "2026-03-01T00:00:00+00:00", {
    accountId: 18404719,
    planName: "Team",
    unitCount: 5,
  });

describe("billing-api honours GitHub Marketplace's pact", () => {
  it("verifies every interaction of github-marketplace → billing-api", async () => {
    await verifyPact(context, server.url, pactFile("github-marketplace", BILLING_API), {
      requestFilter: signWithTestSecret,
      stateHandlers: {
        "github account 18404719 bought plan 435 with 5 seats": bought,
        "github account 18404719 has a pending change to 2 seats": async () => {
          await bought();
          await githubWebhook(context, "pending_change", "2026-04-01T00:00:00+00:00", {
            accountId: 18404719,
            unitCount: 2,
          });
        },
      },
    });
  });
});
