import { describe, expectTypeOf, it } from "vitest";
import type { GithubWebhookPayload, MarketplacePurchaseAction } from "../src/index.js";

describe("GitHub webhook payload types", () => {
  it("exposes each marketplace_purchase webhook with the tolerant nullability GitHub really sends", () => {
    type Purchased = GithubWebhookPayload<"marketplace-purchase-purchased">;
    expectTypeOf<Purchased["marketplace_purchase"]["account"]["id"]>().toEqualTypeOf<number>();
    expectTypeOf<Purchased["marketplace_purchase"]["unit_count"]>().toEqualTypeOf<
      number | null | undefined
    >();
    expectTypeOf<Purchased["marketplace_purchase"]["plan"]["price_model"]>().toEqualTypeOf<
      string | null | undefined
    >();
    expectTypeOf<MarketplacePurchaseAction>().toEqualTypeOf<
      "purchased" | "pending_change" | "pending_change_cancelled" | "changed" | "cancelled"
    >();
  });

  it("rejects webhook names the spec does not describe", () => {
    // @ts-expect-error: GitHub sends no such Marketplace webhook
    expectTypeOf<GithubWebhookPayload<"marketplace-purchase-renewed">>().not.toBeNever();
  });
});
