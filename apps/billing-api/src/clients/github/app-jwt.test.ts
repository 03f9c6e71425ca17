import { createVerify, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signAppJwt } from "./app-jwt.js";

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const pem = privateKey.export({ type: "pkcs1", format: "pem" }).toString();

function decode(part: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8"));
}

describe("signAppJwt", () => {
  const now = new Date("2026-03-01T12:00:00Z");
  const jwt = signAppJwt("123456", pem, now);
  const [header, payload, signature] = jwt.split(".");

  it("is an RS256 JWT whose signature verifies with the app's public key", () => {
    expect(decode(header)).toEqual({ alg: "RS256", typ: "JWT" });
    const valid = createVerify("RSA-SHA256")
      .update(`${header}.${payload}`)
      .verify(publicKey, Buffer.from(signature ?? "", "base64url"));
    expect(valid).toBe(true);
  });

  it("does not verify with another key or once the payload is changed", () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey;
    const signatureBytes = Buffer.from(signature ?? "", "base64url");
    expect(createVerify("RSA-SHA256").update(`${header}.${payload}`).verify(other, signatureBytes)).toBe(
      false,
    );
    const forged = Buffer.from(JSON.stringify({ ...decode(payload), iss: "999" })).toString("base64url");
    expect(createVerify("RSA-SHA256").update(`${header}.${forged}`).verify(publicKey, signatureBytes)).toBe(
      false,
    );
  });

  it("names the app, starts 60 s in the past and lives no longer than GitHub allows", () => {
    const claims = decode(payload);
    const seconds = now.getTime() / 1000;
    expect(claims.iss).toBe("123456");
    expect(claims.iat).toBe(seconds - 60);
    expect(claims.exp).toBeGreaterThan(seconds);
    expect((claims.exp as number) - seconds).toBeLessThanOrEqual(600);
  });

  it("accepts a PKCS#8 key as well as GitHub's PKCS#1 download", () => {
    const pkcs8 = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const [h, p, s] = signAppJwt("1", pkcs8, now).split(".");
    expect(
      createVerify("RSA-SHA256")
        .update(`${h}.${p}`)
        .verify(publicKey, Buffer.from(s ?? "", "base64url")),
    ).toBe(true);
  });
});
