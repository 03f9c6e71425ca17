import { describe, expectTypeOf, it } from "vitest";
import { createGithubApiClient } from "../src/index.js";

const client = createGithubApiClient({ baseUrl: "https://api.github.test" });

describe("GitHub API client types", () => {
  it("types the accounts on a plan from the spec, nulls included", async () => {
    const { data } = await client.GET("/marketplace_listing/plans/{plan_id}/accounts", {
      params: { path: { plan_id: 7 }, query: { per_page: 100, page: 2 } },
    });
    expectTypeOf(data?.[0]?.id).toEqualTypeOf<number | undefined>();
    expectTypeOf(data?.[0]?.marketplace_purchase.unit_count).toEqualTypeOf<number | null | undefined>();
  });

  it("rejects wrong parameters and unknown paths", () => {
    // @ts-expect-error: plan_id is an integer
    client.GET("/marketplace_listing/plans/{plan_id}/accounts", { params: { path: { plan_id: "7" } } });
    // @ts-expect-error: GitHub's endpoint is /user/marketplace_purchases
    client.GET("/user/purchases");
  });
});
