import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deriveSigningKey, SecretBox } from "./secret-box.js";

const key = randomBytes(32);

describe("SecretBox", () => {
  it("round-trips a value without it appearing in the sealed form", () => {
    const box = new SecretBox(key, "github-user-token");
    const sealed = box.seal("gho_secret-token");
    expect(sealed).not.toContain("gho_secret-token");
    expect(sealed).not.toBe(box.seal("gho_secret-token"));
    expect(box.open(sealed)).toBe("gho_secret-token");
  });

  it("refuses a tampered value, another key and another purpose", () => {
    const box = new SecretBox(key, "github-user-token");
    const sealed = box.seal("gho_secret-token");
    const parts = sealed.split(".");
    const last = parts[3] ?? "";
    const tampered = [...parts.slice(0, 3), `${last[0] === "A" ? "B" : "A"}${last.slice(1)}`].join(".");
    expect(() => box.open(tampered)).toThrow();
    expect(() => new SecretBox(randomBytes(32), "github-user-token").open(sealed)).toThrow();
    expect(() => new SecretBox(key, "other-purpose").open(sealed)).toThrow();
  });

  it("wants a 32-byte key and derives distinct signing keys per purpose", () => {
    expect(() => new SecretBox(Buffer.from("short"), "x")).toThrow(/32 bytes/);
    expect(deriveSigningKey(key, "a").equals(deriveSigningKey(key, "b"))).toBe(false);
    expect(deriveSigningKey(key, "a").equals(deriveSigningKey(key, "a"))).toBe(true);
  });
});
