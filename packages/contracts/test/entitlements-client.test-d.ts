import { describe, expectTypeOf, it } from "vitest";
import {
  type AnswerMeta,
  type BillingEvent,
  createEntitlementsClient,
  type Entitlement,
  type EntitlementsApiError,
  type Problem,
} from "../src/index.js";

const client = createEntitlementsClient({ baseUrl: "http://billing.test", apiKey: "mbk_key" });

describe("entitlements client types", () => {
  it("types answers from the spec", async () => {
    expectTypeOf(await client.getEntitlement("github", "1")).toEqualTypeOf<
      Entitlement & { readonly meta: AnswerMeta }
    >();
    expectTypeOf<AnswerMeta["source"]>().toEqualTypeOf<"network" | "cache" | "stale">();
    expectTypeOf<EntitlementsApiError["problem"]>().toEqualTypeOf<Problem | undefined>();
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

  it("narrows a verified event by its type", () => {
    const handle = (event: BillingEvent) => {
      switch (event.type) {
        case "entitlement.updated":
          expectTypeOf(event.data.entitlement).toEqualTypeOf<Entitlement>();
          expectTypeOf(event.data.sequence).toEqualTypeOf<number>();
          return client.handleEvent(event);
        case "trial.will_end":
          expectTypeOf(event.data.trial.endsAt).toEqualTypeOf<string>();
          return false;
        case "seat.limit_reached":
          expectTypeOf(event.data.limit).toEqualTypeOf<number>();
          return false;
        default:
          // @ts-expect-error: the data of another event has no entitlement
          return event.data.entitlement;
      }
    };
    expectTypeOf(handle).toBeFunction();
    // @ts-expect-error: not an event billing-api sends
    const unknown: BillingEvent["type"] = "subscription.created";
    expectTypeOf(unknown).toBeString();
  });
});
