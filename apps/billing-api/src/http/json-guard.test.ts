import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findUnstorableString, isUnstorableString, jsonNestsDeeperThan } from "./json-guard.js";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("json-guard", () => {
  it("measures nesting on the bytes, ignoring brackets and escaped quotes inside strings", () => {
    expect(jsonNestsDeeperThan(bytes('{"a":[[1]]}'), 3)).toBe(false);
    expect(jsonNestsDeeperThan(bytes('{"a":[[[1]]]}'), 3)).toBe(true);
    expect(jsonNestsDeeperThan(bytes('{"a":"[[[[[[\\"[[[[","b":"\\\\"}'), 1)).toBe(false);
    expect(jsonNestsDeeperThan(bytes(`{"ключ":"${"[".repeat(100)}"}`), 1)).toBe(false);
  });

  it("agrees with the depth of any JSON value", () => {
    const depth = (value: unknown): number =>
      typeof value === "object" && value !== null ? 1 + Math.max(0, ...Object.values(value).map(depth)) : 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 10 }), (value, max) => {
        expect(jsonNestsDeeperThan(bytes(JSON.stringify(value)), max)).toBe(depth(value) > max);
      }),
    );
  });

  it("finds NUL and lone surrogates in keys and values, and nothing in well-formed text", () => {
    expect(isUnstorableString("emoji 😀 and ключ")).toBe(false);
    expect(isUnstorableString("a\u0000b")).toBe(true);
    expect(isUnstorableString("\ud83d")).toBe(true);
    expect(isUnstorableString("\ude00x")).toBe(true);
    expect(findUnstorableString({ a: [{ b: "ok" }, { c: "x\u0000" }] })).toBe("/body/a/1/c");
    expect(findUnstorableString({ ok: 1, "k\ud800": 1 })).toBe("/body");
    expect(findUnstorableString({ a: ["fine", 1, null] })).toBeNull();
  });
});
