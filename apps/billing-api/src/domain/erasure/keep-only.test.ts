import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keepOnly } from "./keep-only.js";

describe("keepOnly", () => {
  it("keeps what the shape allows and names what it drops, never its values", () => {
    const body = {
      action: "cancelled",
      sender: { login: "mona", email: "mona@example.com" },
      account: { id: 7, login: "octo", tags: ["a"], nested: { deep: 1 } },
      addons: [{ id: "x", quantity: 2, note: "secret" }],
    };
    const shape = {
      action: true,
      account: { id: true, nested: true },
      addons: { id: true, quantity: true },
    } as const;
    const { value, erased } = keepOnly(body, shape);
    expect(value).toEqual({ action: "cancelled", account: { id: 7 }, addons: [{ id: "x", quantity: 2 }] });
    expect(erased).toEqual(["account.login", "account.nested", "account.tags", "addons[].note", "sender"]);
  });

  it("never lets a string it was not told to keep through, whatever the body", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        const marker = "\u0000personal";
        const tainted = JSON.parse(JSON.stringify({ kept: 1, body, extra: marker }));
        const { value } = keepOnly(tainted, { kept: true });
        expect(JSON.stringify(value)).not.toContain("personal");
        expect(value).toEqual({ kept: 1 });
      }),
    );
  });
});
