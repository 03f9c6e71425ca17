import { describe, expectTypeOf, it } from "vitest";
import { createEntitlementsClient, type Entitlement } from "../src/index.js";

const client = createEntitlementsClient({ baseUrl: "http://billing.test", apiKey: "mbk_key" });

describe("entitlements client types", () => {
  it("types answers from the spec", async () => {
    expectTypeOf(await client.getEntitlement("github", "1")).toEqualTypeOf<Entitlement>();
    const { data } = await client.api.GET("/v1/subscriptions", { params: { query: { status: "trialing" } } });
    expectTypeOf(data?.nextCursor).toEqualTypeOf<string | null | undefined>();
  });

  it("rejects wrong paths, parameters and bodies at compile time", () => {
    // @ts-expect-error: no such path
    client.api.GET("/v1/entitlement/{marketplace}/{accountId}", {
      params: { path: { marketplace: "github", accountId: "1" } },
    });
    // @ts-expect-error: marketplace must be github or evotor
    client.getEntitlement("stripe", "1");
    client.api.GET("/v1/entitlements/{marketplace}/{accountId}", {
      // @ts-expect-error: the accountId path parameter is required
      params: { path: { marketplace: "github" } },
    });
    // @ts-expect-error: status must be one of the spec's statuses
    client.api.GET("/v1/subscriptions", { params: { query: { status: "paused" } } });
    client.api.POST("/v1/entitlements/{marketplace}/{accountId}/seats", {
      params: { path: { marketplace: "github", accountId: "1" } },
      // @ts-expect-error: the body needs userId
      body: { user: "alice" },
    });
    client.api.PUT("/v1/plans/{marketplace}/{planId}", {
      params: { path: { marketplace: "github", planId: "1" } },
      // @ts-expect-error: features is a list of strings
      body: { features: "sso" },
    });
  });
});
