import type { IncomingHttpHeaders } from "node:http";
import { describe, expectTypeOf, it } from "vitest";
import { type BillingEvent, verifyBillingEvent } from "../src/index.js";

describe("verifyBillingEvent types", () => {
  it("takes what a Node or Express receiver has: raw Buffer body and req.headers", () => {
    const receive = (body: Buffer, headers: IncomingHttpHeaders) =>
      verifyBillingEvent(body, headers, "whsec_x");
    expectTypeOf(receive).returns.toEqualTypeOf<BillingEvent>();
    expectTypeOf(verifyBillingEvent).toBeCallableWith("{}", new Headers(), ["whsec_new", "whsec_old"]);
    // @ts-expect-error: a parsed body cannot be verified; the signature covers the raw bytes
    verifyBillingEvent({ type: "trial.will_end" }, {}, "whsec_x");
  });
});
