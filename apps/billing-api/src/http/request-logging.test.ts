import { describe, expect, it } from "vitest";
import { withoutSecrets } from "./request-logging.js";

describe("request log URLs", () => {
  it("redact credentials carried in the query string", () => {
    expect(withoutSecrets("/github/callback?code=abc123&state=s.sig")).toBe(
      "/github/callback?code=%5Bredacted%5D&state=%5Bredacted%5D",
    );
    expect(withoutSecrets("/v1/subscriptions?status=trialing&limit=5")).toBe(
      "/v1/subscriptions?status=trialing&limit=5",
    );
    expect(withoutSecrets("/healthz")).toBe("/healthz");
  });
});
