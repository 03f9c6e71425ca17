import { describe, expect, it } from "vitest";
import { signBody, verifySignature } from "./webhook-signature.js";

const body = new TextEncoder().encode("Hello, World!");

describe("GitHub webhook signatures", () => {
  it("matches GitHub's published test vector", () => {
    expect(signBody("It's a Secret to Everybody", body)).toBe(
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
    );
  });

  it("accepts a signature made with any configured secret", () => {
    const secrets = ["new-secret-0123456789", "old-secret-0123456789"];
    expect(verifySignature(secrets, body, signBody("old-secret-0123456789", body))).toBe(true);
    expect(verifySignature(secrets, body, signBody("new-secret-0123456789", body))).toBe(true);
  });

  it("rejects a missing, malformed, forged or stale signature", () => {
    const secrets = ["current-secret-0123456789"];
    expect(verifySignature(secrets, body, undefined)).toBe(false);
    expect(verifySignature(secrets, body, "sha1=abc")).toBe(false);
    expect(verifySignature(secrets, body, "sha256=zz")).toBe(false);
    expect(verifySignature(secrets, body, signBody("retired-secret-0123456789", body))).toBe(false);
    expect(
      verifySignature(secrets, new TextEncoder().encode("Hello, World?"), signBody(secrets[0]!, body)),
    ).toBe(false);
  });
});
